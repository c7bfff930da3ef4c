import Foundation
import Traffic

/// One service's requests from the Azure LLM inference trace 2023, read from its CSV file
/// (`code.csv` or `conv.csv`: `TIMESTAMP,ContextTokens,GeneratedTokens`).
///
/// Source: Azure/AzurePublicDataset, `AzureLLMInferenceTrace_{code,conv}.csv`, CC BY 4.0;
/// Patel et al., "Splitwise: Efficient generative LLM inference using phase splitting", ISCA
/// 2024. Used to check the calibration tables in ``AzureTrace`` against the real data, and to
/// compare generated benign traffic with it.
///
/// Columns are kept as arrays (one element per request, in file order).
public struct AzureTraceCSV: Sendable, Hashable {
    /// Request times in microseconds since the Unix epoch. The trace's timestamps carry no time
    /// zone (`2023-11-16 18:17:03.9799600`); they are read as UTC. Fractional digits beyond
    /// the sixth are dropped (the trace's seventh digit is always 0).
    public var timestamps: [Int64]
    /// Prompt tokens per request (`ContextTokens`).
    public var contextTokens: [Int]
    /// Completion tokens per request (`GeneratedTokens`).
    public var generatedTokens: [Int]

    /// The header line the files start with.
    public static let header = "TIMESTAMP,ContextTokens,GeneratedTokens"

    /// The number of requests.
    public var count: Int { timestamps.count }

    /// Reads and parses the CSV file at `path`.
    ///
    /// - Throws: ``AzureTraceCSVError``: the file cannot be read, or a line is malformed (the
    ///   error names the file and line).
    public init(contentsOf path: String) throws(AzureTraceCSVError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        try self.init(parsing: data, source: path)
    }

    /// Parses CSV text. `source` names the text in errors (e.g. its path).
    ///
    /// Lines may end in LF or CRLF; the last line needs no line break; blank lines are skipped.
    ///
    /// - Throws: ``AzureTraceCSVError`` for a missing or unexpected header, a line without
    ///   exactly three fields, a malformed timestamp or a token count that is not a
    ///   non-negative integer.
    public init(parsing text: some Collection<UInt8>, source: String) throws(AzureTraceCSVError) {
        timestamps = []
        contextTokens = []
        generatedTokens = []
        var sawHeader = false
        for csvLine in CSVLines(text) {
            let lineNumber = csvLine.number
            guard sawHeader else {
                let found = csvLine.fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
                guard found == Self.header else { throw .unexpectedHeader(source: source, found: found) }
                sawHeader = true
                continue
            }
            let fields = csvLine.fields
            guard fields.count == 3 else {
                throw .wrongFieldCount(source: source, line: lineNumber, found: fields.count)
            }
            guard let time = Self.parseTimestamp(fields[0]) else {
                throw .invalidTimestamp(
                    source: source, line: lineNumber, text: String(decoding: fields[0], as: UTF8.self))
            }
            guard let context = Self.parseCount(fields[1]) else {
                throw .invalidTokenCount(
                    source: source, line: lineNumber, column: "ContextTokens",
                    text: String(decoding: fields[1], as: UTF8.self))
            }
            guard let generated = Self.parseCount(fields[2]) else {
                throw .invalidTokenCount(
                    source: source, line: lineNumber, column: "GeneratedTokens",
                    text: String(decoding: fields[2], as: UTF8.self))
            }
            timestamps.append(time)
            contextTokens.append(context)
            generatedTokens.append(generated)
        }
        guard sawHeader else { throw .missingHeader(source: source) }
    }

    /// Gaps between consecutive requests in time order, in milliseconds (`count − 1` values).
    public func interArrivalMilliseconds() -> [Double] {
        let sorted = timestamps.sorted()
        return zip(sorted.dropFirst(), sorted).map { Double($0 - $1) / 1000 }
    }

    // MARK: - Field parsers

    /// `YYYY-MM-DD HH:MM:SS[.fraction]` (UTC, up to 9 fractional digits) as microseconds since
    /// the Unix epoch; nil if malformed or out of range.
    public static func parseTimestamp(_ text: some Collection<UInt8>) -> Int64? {
        let bytes = Array(text)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]),
            let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]),
            let second = digits(bytes[17..<19]),
            (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var micros: Int64 = 0
        if bytes.count > 19 {
            let fraction = bytes[20...]
            guard bytes[19] == UInt8(ascii: "."), (1...9).contains(fraction.count),
                digits(fraction) != nil
            else { return nil }
            for (index, byte) in fraction.prefix(6).enumerated() {
                micros += Int64(byte - UInt8(ascii: "0")) * [100_000, 10_000, 1_000, 100, 10, 1][index]
            }
        }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        let seconds = ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        return seconds * 1_000_000 + micros
    }

    /// A non-negative decimal integer of at most 18 digits, or nil.
    static func parseCount(_ text: some Collection<UInt8>) -> Int? {
        guard (1...18).contains(text.count) else { return nil }
        return digits(text)
    }

    /// The value of a run of ASCII digits, or nil if empty or another byte occurs.
    private static func digits(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms", `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Why an Azure trace CSV could not be read.
public enum AzureTraceCSVError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text holds no header line (it is empty or blank).
    case missingHeader(source: String)
    /// The first line is not `TIMESTAMP,ContextTokens,GeneratedTokens`.
    case unexpectedHeader(source: String, found: String)
    /// A line without exactly three comma-separated fields.
    case wrongFieldCount(source: String, line: Int, found: Int)
    /// A timestamp that is not `YYYY-MM-DD HH:MM:SS[.fraction]`.
    case invalidTimestamp(source: String, line: Int, text: String)
    /// A token count that is not a non-negative integer.
    case invalidTokenCount(source: String, line: Int, column: String, text: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the Azure trace file: \(reason)"
        case .missingHeader(let source):
            "\(source): empty; expected the header \(AzureTraceCSV.header)"
        case .unexpectedHeader(let source, let found):
            "\(source):1: expected the header \(AzureTraceCSV.header), found \"\(found)\""
        case .wrongFieldCount(let source, let line, let found):
            "\(source):\(line): expected 3 fields (\(AzureTraceCSV.header)), found \(found)"
        case .invalidTimestamp(let source, let line, let text):
            "\(source):\(line): invalid TIMESTAMP \"\(text)\", expected YYYY-MM-DD HH:MM:SS.fffffff"
        case .invalidTokenCount(let source, let line, let column, let text):
            "\(source):\(line): invalid \(column) \"\(text)\", expected a non-negative integer"
        }
    }
}
