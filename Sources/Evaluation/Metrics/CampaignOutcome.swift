/// How one campaign fared at a threshold (DESIGN §5): whether and when it was detected and what
/// it harvested first.
public struct CampaignOutcome: Sendable, Hashable {
    /// Campaign id.
    public var id: String
    /// Its tactic.
    public var tactic: String
    /// Its member accounts.
    public var accounts: Int
    /// Members flagged at the threshold.
    public var flaggedAccounts: Int
    /// Seconds from the campaign's start to its first flagged member's flag, `min_a t_τ(a) −
    /// start`, clamped at 0 (a member flagged before the campaign began — e.g. a reseller flagged
    /// for its genuine traffic, or τ ≤ 0 — detects it at its start); nil if undetected.
    public var timeToDetection: Double?
    /// The campaign's requests served before that flag (`ts < min_a t_τ(a)`); nil if undetected.
    public var requestsBeforeDetection: Int?
    /// The campaign's requests in the trace.
    public var requests: Int
    /// Completion tokens its members were served before their own flags (all if never flagged).
    public var leakedTokens: Int
    /// Completion tokens its members were served in the trace.
    public var totalTokens: Int

    public init(
        id: String, tactic: String, accounts: Int, flaggedAccounts: Int, timeToDetection: Double?,
        requestsBeforeDetection: Int?, requests: Int, leakedTokens: Int, totalTokens: Int
    ) {
        self.id = id
        self.tactic = tactic
        self.accounts = accounts
        self.flaggedAccounts = flaggedAccounts
        self.timeToDetection = timeToDetection
        self.requestsBeforeDetection = requestsBeforeDetection
        self.requests = requests
        self.leakedTokens = leakedTokens
        self.totalTokens = totalTokens
    }

    /// Whether at least one member is flagged.
    public var isDetected: Bool { flaggedAccounts > 0 }
}

extension CampaignOutcome: Codable {
    enum CodingKeys: String, CodingKey {
        case id, tactic, accounts
        case flaggedAccounts = "flagged_accounts"
        case timeToDetection = "time_to_detection_s"
        case requestsBeforeDetection = "requests_before_detection"
        case requests
        case leakedTokens = "leaked_tokens"
        case totalTokens = "total_tokens"
    }

    /// Encodes every key, undefined values as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tactic, forKey: .tactic)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(flaggedAccounts, forKey: .flaggedAccounts)
        try container.encode(timeToDetection, forKey: .timeToDetection)
        try container.encode(requestsBeforeDetection, forKey: .requestsBeforeDetection)
        try container.encode(requests, forKey: .requests)
        try container.encode(leakedTokens, forKey: .leakedTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
    }
}
