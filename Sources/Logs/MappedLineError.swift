import Traffic

/// A malformed line of a mapped log: its kind and the one-line error (file, line, field, reason).
public struct MappedLineError: Error, Sendable, CustomStringConvertible {
    public var kind: MalformedKind
    public var error: TraceError

    public var description: String { error.description }
}
