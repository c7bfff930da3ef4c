/// The built-in detectors (DESIGN §4), built from specs such as
/// `volume,prada(delta=0.92,min_queries=100),knn-stateful(k=50)`.
public enum DetectorCatalog {
    /// Every built-in detector, in listing order.
    public static let all: [DetectorKind] = [
        .of(NullDetector.self),
        .of(VolumeDetector.self),
        .of(ParameterAbuseDetector.self),
        .of(CoTElicitationDetector.self),
        .of(TemporalDetector.self),
        .of(HydraDetector.self),
    ]

    /// The catalogue names.
    public static var names: [String] { all.map(\.name) }

    /// The entry named `name`.
    public static func kind(_ name: String) -> DetectorKind? {
        all.first { $0.name == name }
    }

    /// The detectors `list` configures (specs separated by commas, or `all` for every detector
    /// with its defaults).
    ///
    /// - Throws: ``DetectorError`` for an unknown detector or parameter, a bad value, a spec
    ///   that does not parse, or one configuration listed twice.
    public static func detectors(_ list: String) throws(DetectorError) -> [any Detector] {
        let specs: [DetectorSpec] =
            Substring(list).trimmingWhitespace() == "all"
            ? all.map { DetectorSpec(name: $0.name) } : try DetectorSpec.list(list, known: names)
        var names = Set<String>()
        var files = Set<String>()
        return try specs.map { spec throws(DetectorError) in
            guard let kind = kind(spec.name) else { throw .unknown(spec.name, known: self.names) }
            let detector = try kind.make(spec)
            guard names.insert(detector.name).inserted, files.insert(DetectorFileName.of(detector.name)).inserted else {
                throw .duplicate(detector.name)
            }
            return detector
        }
    }
}
