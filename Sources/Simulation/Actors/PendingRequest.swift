/// A generated request waiting to be merged into time order: every column of a
/// ``Traffic/RequestBatch`` row except the prompt text, which sits at the same index of
/// the shard's text column, plus the campaign label kept apart for `request_labels.csv`.
struct PendingRequest: Sendable {
    var ts: Int64
    var rank: UInt32
    var idValue: UInt64
    var key: UInt32
    var ip: UInt32
    var asn: UInt32
    var userAgent: UInt32
    var tls: UInt32
    var model: UInt32
    var endpoint: UInt32
    var system: UInt32
    var promptTokens: Int32
    var completionTokens: Int32
    var maxTokens: Int32
    var temperature: Double
    var topP: Double
    var n: Int32
    var topLogprobs: Int32
    var logitBias: Int32
    var tools: Int32
    var status: Int32
    var latency: Int32
    var logprobs: Bool
    var stream: Bool
    /// The campaign the request belongs to, or -1: ground truth, never written to the trace.
    var campaign: Int32
    /// Completion tokens enforcement did not serve (closed loop): ground truth, never written.
    var withheld: Int32 = 0
    /// Whether enforcement refused or throttled it (closed loop): ground truth, never written.
    var enforced = false
}
