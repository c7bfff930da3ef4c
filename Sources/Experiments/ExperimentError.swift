import Traffic

/// Partials that cannot be merged, or a shard that cannot be run: one line.
public struct ExperimentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { Terminal.escaped(message) }
}
