/// JSON Lines: one object per line, `\n` or `\r\n` line ends, blank lines ignored.
struct JSONLFormat: RecordFormat {
    private var hint = 0
    private var scratch: [UInt8] = []

    mutating func read(from input: inout ChunkedInput, schema: Schema, into row: inout RowValues) throws -> Bool {
        while let (range, number) = try input.nextLine() {
            let isBlank = try input.withBytes { buffer -> Bool in
                guard let base = buffer.baseAddress else { return true }
                let line = base + range.lowerBound
                let count = range.count
                if Self.isBlank(line, count: count) { return true }
                row.clear(line: number)
                var parser = JSONLineParser(line, count: count, file: input.name, line: number)
                try parser.parseObject(schema: schema, hint: &hint, scratch: &scratch, into: &row)
                return false
            }
            if !isBlank { return true }
        }
        return false
    }

    /// Whether a line holds only spaces, tabs and carriage returns (it is then ignored).
    @inline(__always)
    static func isBlank(_ line: UnsafePointer<UInt8>, count: Int) -> Bool {
        var first = 0
        while first < count, line[first] == 0x20 || line[first] == 0x09 || line[first] == 0x0D { first += 1 }
        return first == count
    }
}
