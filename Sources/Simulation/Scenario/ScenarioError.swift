import Traffic

/// A scenario file that cannot be used, with the place and the expectation (DESIGN §3).
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    /// The scenario file.
    public var file: String
    /// 1-based line in the file, when known.
    public var line: Int?
    /// The key path, e.g. `populations[2].accounts`.
    public var keyPath: String
    /// What was expected and what was found.
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        // Values from the file (multi-line scalars, escape sequences) stay on one visible line.
        return Terminal.escaped(keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)")
    }
}
