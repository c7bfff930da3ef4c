/// How ``JSONLRequestReader`` and ``CSVRequestReader`` read a requests file.
///
/// Missing optional fields get these defaults: `key`, `ip`, `ua`, `tls`, `model`, `prompt`,
/// `system` `""`; `endpoint` `"chat"`; `asn`, `prompt_tokens`, `completion_tokens`,
/// `max_tokens`, `top_logprobs`, `logit_bias`, `tools`, `latency_ms` 0; `temperature`,
/// `top_p` 1; `n` 1; `logprobs`, `stream` false; `status` 200. A JSON `null` counts as missing.
/// `id`, `ts` and `account` are required.
public struct RequestReadOptions: Sendable {
    /// Requests per batch returned by `next()`.
    public var batchSize: Int
    /// Bytes read from the file at a time (memory does not grow with the file).
    public var chunkSize: Int
    /// Count and skip malformed lines instead of throwing (see `skipped` on the reader).
    public var skipMalformed: Bool
    /// Throw ``TraceError/outOfOrder(file:line:message:)`` when a request sorts before the
    /// previous one (by `ts`, then `account`, then `id`, comparing UTF-8 bytes).
    public var checkOrder: Bool
    /// File key (JSONL) or header name (CSV) → the field it holds, for logs whose names differ.
    /// A field named here is no longer read under its own name.
    public var columnMapping: [String: RequestField]
    /// The longest line accepted; a longer one throws ``TraceError/lineTooLong(file:line:limit:)``.
    public var maxLineBytes: Int
    /// The fields to read (nil: all). The others are checked to be well-formed JSON values
    /// and skipped, and get their defaults: what no running detector reads is not decoded.
    /// `id`, `ts` and `account` are always read.
    public var fields: Set<RequestField>?
    /// Threads parsing a JSON Lines file (blocks parsed in parallel, joined in order; the
    /// batches are the same whatever the count). CSV is read on one thread.
    public var threads: Int

    public init(
        batchSize: Int = 8192, chunkSize: Int = 4 << 20, skipMalformed: Bool = false,
        checkOrder: Bool = true, columnMapping: [String: RequestField] = [:],
        maxLineBytes: Int = 64 << 20, fields: Set<RequestField>? = nil, threads: Int = 1
    ) {
        self.batchSize = batchSize
        self.chunkSize = chunkSize
        self.skipMalformed = skipMalformed
        self.checkOrder = checkOrder
        self.columnMapping = columnMapping
        self.maxLineBytes = maxLineBytes
        self.fields = fields
        self.threads = max(1, threads)
    }

    /// The schema of a requests file read with these options.
    var schema: Schema {
        let schema = RequestField.schema(mapping: columnMapping)
        guard let fields else { return schema }
        let kept = RequestField.allCases.enumerated().reduce(UInt64(0)) { mask, field in
            fields.contains(field.element) ? mask | 1 << UInt64(field.offset) : mask
        }
        return schema.reading(only: kept)
    }
}
