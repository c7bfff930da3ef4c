/// CSV (RFC 4180): a header row naming the columns, then one record per row. Fields holding
/// commas, quotes or line breaks are quoted, quotes doubled; `\n`, `\r\n` or `\r` end a record;
/// blank lines are ignored. An empty cell of a non-string column counts as missing.
struct CSVFormat: RecordFormat {
    /// Header position → column it fills, or -1 for an unknown header.
    private var columnOfCell: [Int]?
    private var cellNames: [String] = []
    /// The current record's cells, unquoted, back to back.
    private var cells: [UInt8] = []
    private var cellRanges: [Range<Int>] = []

    mutating func read(from input: inout ChunkedInput, schema: Schema, into row: inout RowValues) throws -> Bool {
        if columnOfCell == nil {
            do {
                repeat {
                    guard try nextRecord(&input) != nil else { return false }
                } while cellRanges.count == 1 && cellRanges[0].isEmpty
                try readHeader(schema: schema, file: input.name)
            } catch let error as TraceError {
                throw FatalTraceError(error: error)
            }
        }
        guard let columnOfCell else { return false }
        while let line = try nextRecord(&input) {
            if cellRanges.count == 1, cellRanges[0].isEmpty, columnOfCell.count != 1 { continue }
            row.clear(line: line)
            guard cellRanges.count == columnOfCell.count else {
                throw TraceError.syntax(
                    file: input.name, line: line,
                    message: "expected \(columnOfCell.count) fields, found \(cellRanges.count)")
            }
            try convertCells(schema: schema, columnOfCell: columnOfCell, file: input.name, into: &row)
            return true
        }
        return false
    }

    // MARK: - Header

    private mutating func readHeader(schema: Schema, file: String) throws {
        var hint = 0
        var columns: [Int] = []
        var found = Set<Int>()
        cellNames = []
        try cells.withUnsafeBufferPointer { cells in
            for range in cellRanges {
                let name = UnsafeBufferPointer(rebasing: cells[range])
                guard UTF8Check.isValid(name) else {
                    throw TraceError.invalidUTF8(file: file, line: 1, field: nil)
                }
                cellNames.append(String(decoding: name, as: UTF8.self))
                let column = schema.key(name, hint: &hint).map { schema.keyColumns[$0] } ?? -1
                columns.append(column)
                // A repeated column would silently win over the first (issue 8, item 5).
                guard column < 0 || found.insert(column).inserted else {
                    throw TraceError.syntax(
                        file: file, line: 1, message: "duplicate column \(Excerpt.quoted(cellNames[cellNames.count - 1]))")
                }
                // A column no reader asked for is not converted.
                if column >= 0, schema.isSkipped(column) { columns[columns.count - 1] = -1 }
            }
        }
        for (column, spec) in schema.columns.enumerated() where spec.isRequired && !found.contains(column) {
            throw TraceError.missingColumn(file: file, column: schema.fileNames[column])
        }
        columnOfCell = columns
    }

    // MARK: - Cells

    private func convertCells(
        schema: Schema, columnOfCell: [Int], file: String, into row: inout RowValues
    ) throws {
        try cells.withUnsafeBufferPointer { cells in
            for (cell, range) in cellRanges.enumerated() {
                let column = columnOfCell[cell]
                guard column >= 0 else { continue }
                let value = UnsafeBufferPointer(rebasing: cells[range])
                let kind = schema.kinds[column]
                func invalid() -> TraceError {
                    .invalidValue(
                        file: file, line: row.line, field: cellNames[cell],
                        expected: kind.expectation, found: Excerpt.quoted(value))
                }
                if case .string = kind {
                    guard UTF8Check.isValid(value) else {
                        throw TraceError.invalidUTF8(file: file, line: row.line, field: cellNames[cell])
                    }
                    let start = row.text.count
                    row.text.append(contentsOf: value)
                    row.textRanges[column] = start..<row.text.count
                    row.mark(column)
                    continue
                }
                if value.isEmpty {
                    row.unmark(column)
                    continue
                }
                switch kind {
                case .string:
                    break
                case .raw:
                    guard UTF8Check.isValid(value) else {
                        throw TraceError.invalidUTF8(file: file, line: row.line, field: cellNames[cell])
                    }
                    let start = row.text.count
                    row.text.append(contentsOf: value)
                    row.textRanges[column] = start..<row.text.count
                case .integer(let allowed):
                    guard let integer = NumberText.integer(value), allowed.contains(integer) else {
                        throw invalid()
                    }
                    row.integers[column] = integer
                case .number:
                    guard let number = NumberText.double(value) else { throw invalid() }
                    row.numbers[column] = number
                case .boolean:
                    guard let boolean = Self.boolean(value) else { throw invalid() }
                    row.booleans[column] = boolean
                }
                row.mark(column)
            }
        }
    }

    /// `true`/`false` in any case, or `1`/`0`.
    private static func boolean(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        func spells(_ word: StaticString) -> Bool {
            word.utf8CodeUnitCount == text.count
                && (0..<text.count).allSatisfy { text[$0] | 0x20 == word.utf8Start[$0] }
        }
        if text.count == 1 { return text[0] == 0x31 ? true : text[0] == 0x30 ? false : nil }
        return spells("true") ? true : spells("false") ? false : nil
    }

    // MARK: - Records

    /// Reads the next record's cells into `cells`/`cellRanges`; returns the line it starts on,
    /// or `nil` at the end of the file.
    private mutating func nextRecord(_ input: inout ChunkedInput) throws -> Int? {
        while true {
            let (start, isAtEnd) = (input.start, input.isAtEnd)
            let outcome = input.withBytes { parseRecord($0, from: start, isAtEnd: isAtEnd) }
            switch outcome {
            case .end:
                return nil
            case .needMore:
                _ = try input.readMore()
            case .record(let next, let lines):
                let line = input.line
                input.start = next
                input.line += lines
                return line
            case .malformed(let message, let next, let lines):
                let line = input.line
                input.start = next
                input.line += lines
                throw TraceError.syntax(file: input.name, line: line, message: message)
            }
        }
    }

    private enum Outcome {
        case end
        case needMore
        case record(next: Int, lines: Int)
        case malformed(String, next: Int, lines: Int)
    }

    private mutating func parseRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isAtEnd: Bool) -> Outcome {
        let end = bytes.count
        if start == end { return isAtEnd ? .end : .needMore }
        cells.removeAll(keepingCapacity: true)
        cellRanges.removeAll(keepingCapacity: true)
        var index = start
        var lines = 0

        /// Skips to just past the end of the line holding `index`, for a malformed record.
        func malformed(_ message: String) -> Outcome {
            var cursor = index
            while cursor < end, bytes[cursor] != 0x0A { cursor += 1 }
            if cursor == end { return isAtEnd ? .malformed(message, next: end, lines: lines + 1) : .needMore }
            return .malformed(message, next: cursor + 1, lines: lines + 1)
        }

        while true {
            let cellStart = cells.count
            if index < end, bytes[index] == 0x22 {
                index += 1
                while true {
                    let runStart = index
                    while index < end, bytes[index] != 0x22 {
                        if bytes[index] == 0x0A { lines += 1 }
                        index += 1
                    }
                    cells.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    guard index < end else {
                        return isAtEnd
                            ? .malformed("unterminated quoted field", next: end, lines: lines + 1) : .needMore
                    }
                    if index + 1 < end, bytes[index + 1] == 0x22 {
                        cells.append(0x22)
                        index += 2
                    } else if index + 1 == end, !isAtEnd {
                        return .needMore
                    } else {
                        index += 1
                        break
                    }
                }
                cellRanges.append(cellStart..<cells.count)
                if index < end, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    return malformed("expected ',' after the closing quote of field \(cellRanges.count)")
                }
            } else {
                let runStart = index
                while index < end, case let byte = bytes[index], byte != 0x2C, byte != 0x0A, byte != 0x0D,
                    byte != 0x22
                {
                    index += 1
                }
                if index < end, bytes[index] == 0x22 {
                    return malformed("'\"' inside unquoted field \(cellRanges.count + 1)")
                }
                cells.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                cellRanges.append(cellStart..<cells.count)
            }
            guard index < end else {
                return isAtEnd ? .record(next: end, lines: lines + 1) : .needMore
            }
            switch bytes[index] {
            case 0x2C:
                index += 1
            case 0x0A:
                return .record(next: index + 1, lines: lines + 1)
            default:  // CR
                if index + 1 < end {
                    return .record(next: bytes[index + 1] == 0x0A ? index + 2 : index + 1, lines: lines + 1)
                }
                return isAtEnd ? .record(next: end, lines: lines + 1) : .needMore
            }
        }
    }
}
