import Features

/// One entry of the ``DetectorCatalog``: a built-in detector's name, what it flags, its
/// parameters with their defaults, and how to build it from a ``DetectorSpec``.
public struct DetectorKind: Sendable {
    /// One parameter, for listings.
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var defaultValue: String
        public var expected: String
        public var meaning: String
    }

    public let name: String
    public let summary: String
    /// The default configuration's threshold.
    public let defaultThreshold: Double
    public let parameters: [Parameter]
    /// The shared prompt features the default configuration reads.
    public let needs: [String]
    private let build: @Sendable ([DetectorSpec.Assignment]) throws(DetectorError) -> any Detector

    /// The entry of `type`.
    public static func of<D: ConfigurableDetector>(_ type: D.Type) -> DetectorKind {
        let defaults = D.Settings()
        let sample = try? D(settings: defaults)
        return DetectorKind(
            name: D.catalogName, summary: D.summary, defaultThreshold: sample?.defaultThreshold ?? .nan,
            parameters: D.Settings.parameters.map {
                Parameter(name: $0.name, defaultValue: $0.text(of: defaults), expected: $0.expected, meaning: $0.meaning)
            },
            needs: sample?.needs.names ?? [],
            build: { assignments throws(DetectorError) in
                let settings = try D.Settings.parse(assignments.map { ($0.name, $0.value) }, detector: D.catalogName)
                return try D(settings: settings)
            })
    }

    /// The detector `spec` configures.
    ///
    /// - Throws: ``DetectorError`` naming the detector, the parameter and what it expects.
    public func make(_ spec: DetectorSpec) throws(DetectorError) -> any Detector {
        try build(spec.parameters)
    }

    /// The default configuration.
    public func make() throws(DetectorError) -> any Detector {
        try build([])
    }
}
