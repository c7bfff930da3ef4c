/// One API request as a gateway logs it: every field of `requests.jsonl` (DESIGN §2).
///
/// The pipeline moves requests in ``RequestBatch`` columns; this row form is for building,
/// inspecting and testing single requests.
public struct Request: Sendable, Hashable {
    /// Request id, unique in the trace.
    public var id: String
    /// Unix epoch milliseconds.
    public var ts: Int64
    /// The account (API key owner) that sent it.
    public var account: String
    /// API key id (an account may rotate keys).
    public var key: String
    /// Client network prefix token.
    public var ip: String
    /// Autonomous system number of the client address.
    public var asn: UInt32
    /// Client/SDK identifier, e.g. `python-sdk/1.52.0`.
    public var ua: String
    /// Client TLS fingerprint token (JA4-style), empty if unknown.
    public var tls: String
    /// Model requested.
    public var model: String
    /// `chat`, `completions`, `responses`, `embeddings` or `batch`.
    public var endpoint: String
    /// The last user message, first ≤ 512 characters.
    public var prompt: String
    /// Hash of the system prompt, or empty.
    public var system: String
    /// Prompt tokens, including context, documents and history.
    public var promptTokens: Int32
    /// Completion tokens served.
    public var completionTokens: Int32
    /// Requested cap on completion tokens (0 = not set).
    public var maxTokens: Int32
    /// Sampling temperature as sent.
    public var temperature: Double
    /// Nucleus-sampling mass as sent.
    public var topP: Double
    /// Completions requested.
    public var n: Int32
    /// Whether log-probabilities were requested.
    public var logprobs: Bool
    /// Alternatives per token requested (0–20).
    public var topLogprobs: Int32
    /// Number of logit-bias entries sent.
    public var logitBias: Int32
    /// Number of tool definitions sent.
    public var tools: Int32
    /// Whether the response was streamed.
    public var stream: Bool
    /// HTTP status returned.
    public var status: Int32
    /// Time to last byte, milliseconds.
    public var latencyMs: Int32

    public init(
        id: String, ts: Int64, account: String, key: String = "", ip: String = "",
        asn: UInt32 = 0, ua: String = "", tls: String = "", model: String = "",
        endpoint: String = "chat", prompt: String = "", system: String = "",
        promptTokens: Int32 = 0, completionTokens: Int32 = 0, maxTokens: Int32 = 0,
        temperature: Double = 1, topP: Double = 1, n: Int32 = 1, logprobs: Bool = false,
        topLogprobs: Int32 = 0, logitBias: Int32 = 0, tools: Int32 = 0, stream: Bool = false,
        status: Int32 = 200, latencyMs: Int32 = 0
    ) {
        self.id = id
        self.ts = ts
        self.account = account
        self.key = key
        self.ip = ip
        self.asn = asn
        self.ua = ua
        self.tls = tls
        self.model = model
        self.endpoint = endpoint
        self.prompt = prompt
        self.system = system
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.n = n
        self.logprobs = logprobs
        self.topLogprobs = topLogprobs
        self.logitBias = logitBias
        self.tools = tools
        self.stream = stream
        self.status = status
        self.latencyMs = latencyMs
    }
}
