/// The lines of a small CSV file split into fields, the one reader of the tool's side files
/// (`request_labels.csv`, the Azure calibration trace): a UTF-8 byte-order mark is dropped,
/// lines may end in LF or CRLF, the last needs no line break, blank lines are skipped. Fields
/// are byte slices (no `String` per line). Fields are not quoted in these files: a quoted
/// field is not unquoted, so its commas split it.
public struct CSVLines: Sequence {
    /// One non-blank line: its 1-based number and its fields.
    public struct Line {
        public var number: Int
        public var fields: [ArraySlice<UInt8>]
    }

    private let bytes: [UInt8]

    public init(_ bytes: some Collection<UInt8>) {
        self.bytes = Array(bytes)
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0
        var number = 0

        public mutating func next() -> Line? {
            while position < bytes.count {
                let start = position
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                position = end + 1
                number += 1
                var line = bytes[start..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                return Line(number: number, fields: line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false))
            }
            return nil
        }
    }
}
