/// A file layout that yields one row at a time: JSON Lines or CSV.
protocol RecordFormat {
    /// Reads the next record from `input` into `row`; `false` at the end of the file.
    ///
    /// A malformed record is consumed before its ``TraceError`` is thrown, so that reading can
    /// go on past it. Errors that must stop reading are wrapped in ``FatalTraceError``.
    mutating func read(from input: inout ChunkedInput, schema: Schema, into row: inout RowValues) throws -> Bool
}

/// A ``TraceError`` that `skipMalformed` must not skip (a bad CSV header).
struct FatalTraceError: Error {
    let error: TraceError
}

/// Rows of a file in some ``RecordFormat``, with `skipMalformed` and required fields handled.
struct RecordReader<Format: RecordFormat> {
    private var input: ChunkedInput
    private var format: Format
    let schema: Schema
    /// The row read by the last successful ``next()``.
    private(set) var row: RowValues
    private let skipMalformed: Bool
    /// The malformed lines skipped so far.
    private(set) var skipped = SkippedLines()

    init(input: ChunkedInput, format: Format, schema: Schema, skipMalformed: Bool) {
        self.input = input
        self.format = format
        self.schema = schema
        self.row = RowValues(columns: schema.columns.count)
        self.skipMalformed = skipMalformed
    }

    /// The file's name in error messages.
    var fileName: String { input.name }

    /// Reads the next well-formed row into ``row``; `false` at the end of the file.
    mutating func next() throws -> Bool {
        while true {
            do {
                guard try format.read(from: &input, schema: schema, into: &row) else { return false }
                if let missing = schema.firstMissing(row.present) {
                    throw TraceError.missingField(
                        file: input.name, line: row.line, field: schema.fileNames[missing])
                }
                return true
            } catch let error as TraceError where error.isMalformedLine && skipMalformed {
                skipped.record(error)
            } catch let fatal as FatalTraceError {
                throw fatal.error
            }
        }
    }

    /// Counts a row that a caller found malformed after ``next()`` (e.g. an unknown tier);
    /// rethrows the error unless `skipMalformed` is on.
    mutating func reject(_ error: TraceError) throws {
        guard skipMalformed, error.isMalformedLine else { throw error }
        skipped.record(error)
    }
}
