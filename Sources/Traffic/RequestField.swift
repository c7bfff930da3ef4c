/// The fields of a request, in the column order of `requests.jsonl` and `requests.csv`
/// (DESIGN §2). Codecs, validation and the leakage audit iterate this list.
public enum RequestField: String, Sendable, CaseIterable {
    case id, ts, account, key, ip, asn, ua, tls, model, endpoint, prompt, system
    case promptTokens = "prompt_tokens"
    case completionTokens = "completion_tokens"
    case maxTokens = "max_tokens"
    case temperature
    case topP = "top_p"
    case n, logprobs
    case topLogprobs = "top_logprobs"
    case logitBias = "logit_bias"
    case tools, stream, status
    case latencyMs = "latency_ms"

    /// The name as written in trace files.
    public var name: String { rawValue }
}
