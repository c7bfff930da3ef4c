import Foundation

/// One record of a log read by ``RawRecordReader``: its 1-based line and the text of each
/// requested column.
public struct RawRecord: Sendable {
    /// The line the record starts on (CSV: the header is line 1).
    public var line: Int
    /// Per requested column, in the order given: a string value unescaped, any other JSON value
    /// as written (an object as its JSON text), or nil when absent, `null` or an empty CSV cell.
    public var values: [String?]
}

/// Reads a JSON Lines or CSV log whose columns are not the trace's (a gateway's own export),
/// handing each record's requested columns over as text for a column map to convert.
///
/// It reuses the trace readers' primitives: chunked input (memory follows the longest line, not
/// the file), the JSON line parser (unknown keys skipped, duplicate keys refused) and the
/// RFC 4180 CSV record parser. A malformed record is consumed before its ``TraceError`` is
/// thrown, so the caller may count it and read on; after an error about the file as a whole (an
/// unreadable file, a bad CSV header, an over-long line) ``isBroken`` is set and reading must stop.
public struct RawRecordReader {
    private var input: ChunkedInput
    /// The layout's parser: exactly one is set (two optionals, so that each mutates in place).
    private var jsonl: JSONLFormat?
    private var csv: CSVFormat?
    private let schema: Schema
    private var row: RowValues
    /// The file's name in error messages.
    public var fileName: String { input.name }
    /// Whether an error about the whole file was thrown: nothing more can be read.
    public private(set) var isBroken = false

    /// Opens `url`.
    ///
    /// - Parameters:
    ///   - columns: the top-level keys (JSONL) or header names (CSV) to hand over, at most 64.
    ///   - required: those a record must have (a CSV header lacking one is refused).
    /// - Throws: ``TraceError/io(file:reason:)`` if the file cannot be opened.
    public init(
        url: URL, format: TraceFormat, columns: [String], required: Set<String> = [],
        chunkSize: Int = 4 << 20, maxLineBytes: Int = 64 << 20
    ) throws {
        try self.init(
            fileHandle: FileAccess.openForReading(url), name: url.relativePath, format: format, columns: columns,
            required: required, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
    }

    /// Reads from an open file named `name` in errors.
    public init(
        fileHandle: FileHandle, name: String, format: TraceFormat, columns: [String], required: Set<String> = [],
        chunkSize: Int = 4 << 20, maxLineBytes: Int = 64 << 20
    ) throws {
        precondition(columns.count <= 64, "at most 64 columns")
        input = ChunkedInput(handle: fileHandle, name: name, chunkSize: chunkSize, maxLineBytes: maxLineBytes)
        if format == .jsonl { jsonl = JSONLFormat() } else { csv = CSVFormat() }
        schema = Schema(
            columns: columns.map { Schema.Column(name: $0, kind: .raw, isRequired: required.contains($0)) }, mapping: [:])
        row = RowValues(columns: columns.count)
    }

    /// The next record, or nil at the end of the file.
    ///
    /// - Throws: ``TraceError`` for a malformed record (already consumed: reading may go on
    ///   unless ``isBroken``).
    public mutating func next() throws -> RawRecord? {
        do {
            let found = try jsonl?.read(from: &input, schema: schema, into: &row) ?? csv?.read(from: &input, schema: schema, into: &row)
            guard found == true else { return nil }
        } catch let fatal as FatalTraceError {
            isBroken = true
            throw fatal.error
        } catch let error as TraceError {
            if !error.isMalformedLine { isBroken = true }
            throw error
        }
        if let missing = schema.firstMissing(row.present) {
            throw TraceError.missingField(file: input.name, line: row.line, field: schema.fileNames[missing])
        }
        return RawRecord(line: row.line, values: Self.values(of: row, count: schema.columns.count))
    }

    static func values(of row: RowValues, count: Int) -> [String?] {
        (0..<count).map { row.has($0) ? row.string($0) : nil }
    }
}
