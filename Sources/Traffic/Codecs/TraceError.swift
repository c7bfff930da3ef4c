/// Why a trace file could not be read or written.
///
/// The ``description`` is always one line that names the file, the 1-based line number and,
/// where relevant, the field, e.g. `requests.jsonl:17: field "ts": expected an integer, found "abc"`.
public enum TraceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened, read or written.
    case io(file: String, reason: String)
    /// A line is not well-formed JSON (or a record not well-formed CSV): truncated, unterminated,
    /// stray bytes, wrong field count.
    case syntax(file: String, line: Int, message: String)
    /// A field holds a value of the wrong type or out of range; `found` is an excerpt of it.
    case invalidValue(file: String, line: Int, field: String, expected: String, found: String)
    /// A required field is absent (or `null`).
    case missingField(file: String, line: Int, field: String)
    /// A string holds bytes that are not UTF-8.
    case invalidUTF8(file: String, line: Int, field: String?)
    /// A request sorts before the request read just before it (DESIGN §2: by `ts`, then
    /// `account`, then `id`).
    case outOfOrder(file: String, line: Int, message: String)
    /// The CSV header lacks a required column.
    case missingColumn(file: String, column: String)
    /// A line is longer than the reader's limit (the file is probably not JSONL or CSV).
    case lineTooLong(file: String, line: Int, limit: Int)

    /// The file the error is about, as the reader or writer was given it.
    public var file: String {
        switch self {
        case .io(let file, _), .syntax(let file, _, _), .invalidValue(let file, _, _, _, _),
            .missingField(let file, _, _), .invalidUTF8(let file, _, _),
            .outOfOrder(let file, _, _), .missingColumn(let file, _), .lineTooLong(let file, _, _):
            file
        }
    }

    /// The 1-based line the error is about, if it is about one.
    public var line: Int? {
        switch self {
        case .io: nil
        case .missingColumn: 1
        case .syntax(_, let line, _), .invalidValue(_, let line, _, _, _),
            .missingField(_, let line, _), .invalidUTF8(_, let line, _),
            .outOfOrder(_, let line, _), .lineTooLong(_, let line, _):
            line
        }
    }

    /// The same error `offset` lines further down (for a block of lines parsed on its own and
    /// numbered from 1; no message embeds the line number).
    func shiftingLines(by offset: Int) -> TraceError {
        switch self {
        case .io, .missingColumn: self
        case .syntax(let file, let line, let message): .syntax(file: file, line: line + offset, message: message)
        case .invalidValue(let file, let line, let field, let expected, let found):
            .invalidValue(file: file, line: line + offset, field: field, expected: expected, found: found)
        case .missingField(let file, let line, let field): .missingField(file: file, line: line + offset, field: field)
        case .invalidUTF8(let file, let line, let field): .invalidUTF8(file: file, line: line + offset, field: field)
        case .outOfOrder(let file, let line, let message): .outOfOrder(file: file, line: line + offset, message: message)
        case .lineTooLong(let file, let line, let limit): .lineTooLong(file: file, line: line + offset, limit: limit)
        }
    }

    /// Whether the error is confined to one line, so that `skipMalformed` may skip that line.
    public var isMalformedLine: Bool {
        switch self {
        case .syntax, .invalidValue, .missingField, .invalidUTF8: true
        case .io, .outOfOrder, .missingColumn, .lineTooLong: false
        }
    }

    public var description: String {
        switch self {
        case .io(let file, let reason):
            "\(file): \(reason)"
        case .syntax(let file, let line, let message):
            "\(file):\(line): \(message)"
        case .invalidValue(let file, let line, let field, let expected, let found):
            "\(file):\(line): field \(Excerpt.quoted(field)): expected \(expected), found \(found)"
        case .missingField(let file, let line, let field):
            "\(file):\(line): missing required field \(Excerpt.quoted(field))"
        case .invalidUTF8(let file, let line, let field?):
            "\(file):\(line): field \(Excerpt.quoted(field)): invalid UTF-8"
        case .invalidUTF8(let file, let line, nil):
            "\(file):\(line): invalid UTF-8"
        case .outOfOrder(let file, let line, let message):
            "\(file):\(line): out of order: \(message)"
        case .missingColumn(let file, let column):
            "\(file):1: missing required column \(Excerpt.quoted(column))"
        case .lineTooLong(let file, let line, let limit):
            "\(file):\(line): line longer than \(limit) bytes"
        }
    }
}
