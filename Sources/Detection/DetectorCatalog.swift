/// The built-in detectors (DESIGN §4), built from specs such as
/// `volume,prada(delta=0.92,min_queries=100),knn-stateful(k=50)`.
public enum DetectorCatalog {
    /// The built-in detectors an ensemble can combine, in listing order.
    public static let members: [DetectorKind] = [
        .of(NullDetector.self),
        .of(VolumeDetector.self),
        .of(ParameterAbuseDetector.self),
        .of(CoTElicitationDetector.self),
        .of(CoverageDetector.self),
        .of(PradaDetector.self),
        .of(StatefulKNNDetector.self),
        .of(NearDuplicateDetector.self),
        .of(WindowMMDDetector.self),
        .of(HydraDetector.self),
        .of(TemporalDetector.self),
    ]

    /// Every built-in detector, in listing order: the members, then the ensemble.
    public static let all: [DetectorKind] = members + [.of(EnsembleDetector.self)]

    /// The catalogue names.
    public static var names: [String] { all.map(\.name) }

    /// The entry named `name`.
    public static func kind(_ name: String) -> DetectorKind? {
        all.first { $0.name == name }
    }

    /// The detectors `list` configures: specs separated by commas, where the entry `all` stands
    /// for every detector with its defaults (`all,ensemble(rule=sum)`).
    ///
    /// - Throws: ``DetectorError`` for an unknown detector or parameter, a bad value, a spec
    ///   that does not parse, or one configuration listed twice.
    public static func detectors(_ list: String) throws(DetectorError) -> [any Detector] {
        let specs = try DetectorSpec.list(list, known: names).flatMap { spec in
            spec.name == "all" && spec.parameters.isEmpty ? all.map { DetectorSpec(name: $0.name) } : [spec]
        }
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
