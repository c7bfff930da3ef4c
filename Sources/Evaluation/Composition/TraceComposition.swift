import GroundTruth
import Traffic

/// What an evaluated trace holds — accounts, requests, time span, and with a truth its personas
/// and campaigns — for the report's composition section (issue 11). Computed in the evaluation's
/// one pass; nothing in it reaches a detector.
public struct TraceComposition: Sendable, Hashable, Codable {
    /// Accounts of one benign persona.
    public struct Persona: Sendable, Hashable, Codable {
        public var persona: String
        public var accounts: Int
        /// Whether the persona is a decoy (benign traffic built to look like an attack).
        public var decoy: Bool
    }

    /// One campaign: its tactic, members and requests in the trace.
    public struct Campaign: Sendable, Hashable, Codable {
        public var id: String
        public var tactic: String
        public var accounts: Int
        public var requests: Int
    }

    public var accounts: Int
    public var requests: Int
    /// First and last request, Unix epoch ms (nil for an empty trace).
    public var firstMs: Int64?
    public var lastMs: Int64?
    /// Benign personas by name (empty without truth).
    public var personas: [Persona]
    /// Campaigns by id (empty without truth).
    public var campaigns: [Campaign]

    enum CodingKeys: String, CodingKey {
        case accounts, requests, personas, campaigns
        case firstMs = "first_ms"
        case lastMs = "last_ms"
    }

    /// The composition of a trace whose pass tallied `traffic`, with its `truth` if known.
    public init(accountIDs: [String], traffic: AccountTraffic, truth: GroundTruth?) {
        accounts = accountIDs.count
        requests = traffic.totalRequests
        firstMs = traffic.span?.lowerBound
        lastMs = traffic.span?.upperBound
        guard let truth else {
            personas = []
            campaigns = []
            return
        }
        var byPersona: [String: (accounts: Int, decoy: Bool)] = [:]
        for account in truth.accounts where !account.label.isPositive {
            let name = account.persona ?? "unknown"
            byPersona[name, default: (0, account.decoy)].accounts += 1
        }
        personas = byPersona.keys.sorted().map { name in
            Persona(persona: name, accounts: byPersona[name]?.accounts ?? 0, decoy: byPersona[name]?.decoy ?? false)
        }
        var index: [String: Int] = [:]
        for (position, id) in accountIDs.enumerated() { index[id] = position }
        campaigns = truth.campaigns.sorted { $0.id < $1.id }.map { campaign in
            let requests = campaign.accounts.reduce(0) { total, id in total + (index[id].map(traffic.requests(of:)) ?? 0) }
            return Campaign(id: campaign.id, tactic: campaign.tactic, accounts: campaign.accounts.count, requests: requests)
        }
    }
}
