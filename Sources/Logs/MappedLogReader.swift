import Foundation
import Traffic

/// Reads a gateway's log through a ``LogMap`` into request batches, incrementally: memory
/// follows the batch and the longest line, not the file.
///
/// Unmapped optional fields get the trace readers' defaults (``RequestReadOptions``): `key`,
/// `ip`, `ua`, `tls`, `model`, `prompt`, `system` empty; `endpoint` `chat`; `asn`, token
/// counts, `max_tokens`, `top_logprobs`, `logit_bias`, `tools`, `latency_ms` 0; `temperature`,
/// `top_p`, `n` 1; `logprobs`, `stream` false; `status` 200. `id` defaults to the line number.
/// A prompt is cut to its first 512 characters (DESIGN §2).
///
/// Requests must come in time order (equal times keep file order): a request earlier than the
/// one before stops the read with ``TraceError/outOfOrder(file:line:message:)`` naming both
/// lines' times, unless order checking is off (the external sort reads that way).
public struct MappedLogReader {
    private var records: RawRecordReader
    private let plan: FieldPlan<RequestField>
    private let symbols: Interner
    private let accountNames: Interner
    private let skipInvalid: Bool
    private let checkOrder: Bool
    private let batchSize: Int
    private var previous: (ts: Int64, line: Int)?
    /// The malformed lines skipped so far under `skipInvalid`.
    public private(set) var malformed = MalformedTally()
    /// Requests read so far.
    public private(set) var count = 0

    /// The longest prompt kept, in characters (DESIGN §2).
    public static let promptLimit = 512

    /// Opens `url` (JSONL or CSV: the map's `format`, else the file's extension).
    public init(
        url: URL, map: LogMap, symbols: Interner = Interner(), accountNames: Interner = Interner(),
        skipInvalid: Bool = false, checkOrder: Bool = true, batchSize: Int = 8192
    ) throws {
        let format = try Self.format(of: url, map: map)
        let stem = url.deletingPathExtension().lastPathComponent
        plan = FieldPlan(
            rules: map.fields, order: RequestField.allCases, name: \.name, type: FieldType.of,
            required: [.id, .ts, .account], fileStem: stem)
        records = try RawRecordReader(
            url: url, format: format, columns: plan.columns, required: plan.requiredColumns)
        self.symbols = symbols
        self.accountNames = accountNames
        self.skipInvalid = skipInvalid
        self.checkOrder = checkOrder
        self.batchSize = max(1, batchSize)
    }

    /// The layout of `url`: the map's `format`, else `.jsonl`/`.ndjson`/`.json` or `.csv`.
    public static func format(of url: URL, map: LogMap) throws -> TraceFormat {
        if let format = map.format { return format }
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "csv": return .csv
        default:
            throw TraceError.io(
                file: url.relativePath, reason: "cannot tell JSONL from CSV by the extension; give `format:` in the map")
        }
    }

    /// The next batch of up to `batchSize` requests, or nil at the end of the log.
    ///
    /// - Throws: ``TraceError`` naming the file, line and field: the first malformed line
    ///   (unless `skipInvalid`), an out-of-order request, or a problem with the file itself.
    public mutating func next() throws -> RequestBatch? {
        var batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        while batch.count < batchSize, let request = try nextRequest() {
            batch.append(request)
        }
        return batch.isEmpty ? nil : batch
    }

    /// The next request and its line, or nil at the end of the log.
    public mutating func nextRequest() throws -> Request? {
        while true {
            let record: RawRecord?
            do {
                record = try records.next()
            } catch let error as TraceError {
                guard skipInvalid, !records.isBroken, error.isMalformedLine else { throw error }
                malformed.record(MappedLineError(kind: .of(error), error: error))
                continue
            }
            guard let record else { return nil }
            let request: Request
            do {
                request = Self.request(try plan.values(of: record, file: records.fileName))
            } catch {
                guard skipInvalid else { throw error.error }
                malformed.record(error)
                continue
            }
            if checkOrder {
                if let previous, request.ts < previous.ts {
                    throw TraceError.outOfOrder(
                        file: records.fileName, line: record.line,
                        message: "ts \(request.ts) (\(ValueText.iso(request.ts))) is before ts \(previous.ts)"
                            + " (\(ValueText.iso(previous.ts))) of line \(previous.line); sort the log first (--sort)")
                }
                previous = (request.ts, record.line)
            }
            count += 1
            return request
        }
    }

    /// A request from mapped values, with the documented defaults.
    static func request(_ values: [RequestField: FieldValue]) -> Request {
        func text(_ field: RequestField, _ fallback: String = "") -> String {
            if case .text(let value)? = values[field] { return value }
            return fallback
        }
        func integer(_ field: RequestField, _ fallback: Int64) -> Int64 {
            if case .integer(let value)? = values[field] { return value }
            return fallback
        }
        func number(_ field: RequestField, _ fallback: Double) -> Double {
            if case .number(let value)? = values[field] { return value }
            return fallback
        }
        func boolean(_ field: RequestField, _ fallback: Bool) -> Bool {
            if case .boolean(let value)? = values[field] { return value }
            return fallback
        }
        func int32(_ field: RequestField, _ fallback: Int32) -> Int32 {
            Int32(truncatingIfNeeded: integer(field, Int64(fallback)))
        }
        var prompt = text(.prompt)
        if prompt.count > promptLimit { prompt = String(prompt.prefix(promptLimit)) }
        return Request(
            id: text(.id), ts: integer(.ts, 0), account: text(.account), key: text(.key), ip: text(.ip),
            asn: UInt32(truncatingIfNeeded: integer(.asn, 0)), ua: text(.ua), tls: text(.tls), model: text(.model),
            endpoint: text(.endpoint, "chat"), prompt: prompt, system: text(.system),
            promptTokens: int32(.promptTokens, 0), completionTokens: int32(.completionTokens, 0),
            maxTokens: int32(.maxTokens, 0), temperature: number(.temperature, 1), topP: number(.topP, 1),
            n: int32(.n, 1), logprobs: boolean(.logprobs, false), topLogprobs: int32(.topLogprobs, 0),
            logitBias: int32(.logitBias, 0), tools: int32(.tools, 0), stream: boolean(.stream, false),
            status: int32(.status, 200), latencyMs: int32(.latencyMs, 0))
    }
}
