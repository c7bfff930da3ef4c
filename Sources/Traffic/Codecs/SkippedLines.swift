/// The malformed lines a reader skipped under `skipMalformed`: how many, and the first error.
public struct SkippedLines: Sendable, Hashable, CustomStringConvertible {
    /// How many lines (CSV: records) were skipped.
    public private(set) var count = 0
    /// The error of the first skipped line, to show the user what went wrong.
    public private(set) var first: TraceError?

    public init() {}

    /// Counts one skipped line.
    mutating func record(_ error: TraceError) {
        count += 1
        if first == nil { first = error }
    }

    /// Adds the lines `other` skipped after these.
    mutating func merge(_ other: SkippedLines) {
        count += other.count
        if first == nil { first = other.first }
    }

    /// Renumbers the first error's line by `offset` (see ``TraceError/shiftingLines(by:)``).
    mutating func shiftLines(by offset: Int) {
        first = first?.shiftingLines(by: offset)
    }

    public var description: String {
        guard let first else { return "no malformed lines" }
        return "\(count) malformed line\(count == 1 ? "" : "s") skipped, first: \(first)"
    }
}
