/// One closed-loop simulation's results (DESIGN §7): a policy on one seed, beside the open-loop
/// run of the same seed.
public struct ClosedLoopOutcome: Sendable, Codable {
    public var policy: String
    /// The policy's folder under `closed-loop/`, safe on every file system: `hydra_at_default_ban`.
    public var folder: String
    public var seed: UInt64
    /// The threshold the policy acted at.
    public var threshold: Double
    /// `ok`, or why the detector stopped (then it acted on the flags it raised before).
    public var detectorFailure: String?
    public var campaigns: [CampaignFigures]
    public var collateral: CollateralFigures
    /// Completion tokens campaigns were served: open loop, closed loop.
    public var openLoopTokens: Int
    public var closedLoopTokens: Int
    /// 1 − leaked/total in the open loop (a flag taken as an immediate block, DESIGN §5), and
    /// 1 − served/open-loop served in the closed loop: their gap is the finding.
    public var extractionPreventedOpenLoop: Double?
    public var extractionPreventedClosedLoop: Double?
    /// What the campaigns did, in order.
    public var adaptations: [AdaptationEntry]
    /// The cumulative state at each decision point.
    public var series: [LoopSnapshot]

    /// A campaign's extraction and cost.
    public struct CampaignFigures: Sendable, Codable {
        public var id: String
        public var tactic: String
        /// Exchanges it set out to harvest, and those served (status 200).
        public var targetExchanges: Int
        public var servedExchanges: Int
        public var openLoopTokens: Int
        public var servedTokens: Int
        /// Served tokens over the open loop's.
        public var extractionVsOpenLoop: Double?
        /// Tokens the open loop leaked before each account's flag at the threshold.
        public var openLoopLeakedTokens: Int
        public var requestsRefused: Int
        /// Accounts that sent its traffic, lost to enforcement, and replacements put to work.
        public var accountsUsed: Int
        public var accountsBurned: Int
        public var replacements: Int
        /// Distinct payment instruments of the accounts it used.
        public var paymentInstruments: Int
        /// Dollars its accounts cost, and per million tokens extracted.
        public var costUSD: Double
        public var costPerMillionTokens: Double?
        /// Days from its start until its served exchanges reached what the open loop served it
        /// (nil: never; the open loop's own figure is the time of its last exchange).
        public var daysToTarget: Double?
    }

    /// Genuine customers hit by the policy.
    public struct CollateralFigures: Sendable, Codable {
        public var accountsActioned: Int
        public var decoysActioned: Int
        public var appealsUpheld: Int
        public var requestsRefused: Int
        public var tokensWithheld: Int
        public var byPersona: [PersonaCollateral]
    }

    public struct PersonaCollateral: Sendable, Codable {
        public var persona: String
        public var accountsActioned: Int
        public var decoysActioned: Int
        public var requestsRefused: Int
        public var tokensWithheld: Int
    }

    /// One ``Simulation/AdaptationRecord``, named.
    public struct AdaptationEntry: Sendable, Codable {
        public var time: Int64
        public var campaign: String
        public var kind: String
        public var account: String?
        public var costUSD: Double?
    }
}
