/// A detector's typed configuration (DESIGN §4): `Codable` for manifests, with documented
/// defaults (`init()`) and the parameters a spec `name(param=value,…)` may set.
public protocol DetectorConfiguration: Codable, Sendable, Equatable {
    /// The defaults.
    init()
    /// Every parameter, in the order they appear in configured names and listings.
    static var parameters: [DetectorParameter<Self>] { get }
}

extension DetectorConfiguration {
    /// The parameters that differ from the defaults, as `name=value` in declared order.
    public var changedParameters: [String] {
        let defaults = Self()
        return Self.parameters.compactMap { parameter in
            let value = parameter.text(of: self)
            return value == parameter.text(of: defaults) ? nil : "\(parameter.name)=\(value)"
        }
    }

    /// Every parameter as `name → value` text (for listings and manifests).
    public var parameterValues: [(name: String, value: String)] {
        Self.parameters.map { ($0.name, $0.text(of: self)) }
    }

    /// The configuration with `assignments` (parameter name → value text) applied to the defaults.
    ///
    /// - Throws: ``DetectorError`` naming `detector`, the parameter and what it expects.
    public static func parse(_ assignments: [(name: String, value: String)], detector: String) throws(DetectorError) -> Self {
        var configuration = Self()
        for (name, value) in assignments {
            guard let parameter = parameters.first(where: { $0.name == name }) else {
                throw .unknownParameter(detector: detector, parameter: name, known: parameters.map(\.name))
            }
            guard parameter.assign(value, to: &configuration) else {
                throw .badValue(detector: detector, parameter: name, expected: parameter.expected, found: value)
            }
        }
        return configuration
    }
}

/// The configuration of a detector without parameters.
public struct NoParameters: DetectorConfiguration {
    public init() {}
    public static var parameters: [DetectorParameter<NoParameters>] { [] }
}
