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

    /// A request from mapped values (in ``RequestField/allCases`` order), with the documented
    /// defaults (those of `Request`'s initializer).
    static func request(_ values: [FieldValue?]) -> Request {
        var request = Request(id: "", ts: 0, account: "")
        for (field, value) in zip(RequestField.allCases, values) {
            guard let value else { continue }
            switch value {
            case .text(let text):
                switch field {
                case .id: request.id = text
                case .account: request.account = text
                case .key: request.key = text
                case .ip: request.ip = text
                case .ua: request.ua = text
                case .tls: request.tls = text
                case .model: request.model = text
                case .endpoint: request.endpoint = text
                case .prompt: request.prompt = text.count > promptLimit ? String(text.prefix(promptLimit)) : text
                case .system: request.system = text
                default: break
                }
            case .integer(let integer):
                let int32 = Int32(truncatingIfNeeded: integer)
                switch field {
                case .ts: request.ts = integer
                case .asn: request.asn = UInt32(truncatingIfNeeded: integer)
                case .promptTokens: request.promptTokens = int32
                case .completionTokens: request.completionTokens = int32
                case .maxTokens: request.maxTokens = int32
                case .n: request.n = int32
                case .topLogprobs: request.topLogprobs = int32
                case .logitBias: request.logitBias = int32
                case .tools: request.tools = int32
                case .status: request.status = int32
                case .latencyMs: request.latencyMs = int32
                default: break
                }
            case .number(let number):
                if field == .temperature { request.temperature = number } else if field == .topP { request.topP = number }
            case .boolean(let boolean):
                if field == .logprobs { request.logprobs = boolean } else if field == .stream { request.stream = boolean }
            }
        }
        return request
    }
}
