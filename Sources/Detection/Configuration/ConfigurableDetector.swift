/// A built-in detector: a catalogue name, a typed configuration, and an initialiser from it.
/// The configured ``Detector/name`` and ``Detector/configuration`` follow.
public protocol ConfigurableDetector: Detector {
    associatedtype Settings: DetectorConfiguration
    /// The name in the catalogue (`prada`).
    static var catalogName: String { get }
    /// One line on what it flags.
    static var summary: String { get }
    /// The configuration it runs with.
    var settings: Settings { get }
    /// A detector with `settings`.
    ///
    /// - Throws: ``DetectorError/inconsistent(detector:reason:)`` for parameters that are each
    ///   valid but not together.
    init(settings: Settings) throws(DetectorError)
}

extension ConfigurableDetector {
    public var name: String { Self.configuredName(settings) }
    public var configuration: any DetectorConfiguration { settings }

    /// `catalogName`, then the parameters that differ from their defaults.
    public static func configuredName(_ settings: Settings) -> String {
        let changed = settings.changedParameters
        return changed.isEmpty ? catalogName : "\(catalogName)(\(changed.joined(separator: ",")))"
    }
}
