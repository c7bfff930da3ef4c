import Evaluation

/// What the open loop of a seed gave each campaign, to compare a closed loop with: completion
/// tokens served, and those served before each account's flag at the policy's threshold (DESIGN
/// §5's leaked volume). From the open-loop run's own evaluation of the seed when it evaluated
/// the policy's detector at that threshold, so the closed loop costs one pass; else from an
/// open-loop pass of the simulation's own.
public struct OpenLoopReference: Sendable {
    public struct Campaign: Sendable, Hashable {
        public var tokens: Int
        public var leaked: Int
    }

    /// By campaign id.
    public var campaigns: [String: Campaign]

    /// The figures of an operating point of the open-loop evaluation.
    public init(_ metrics: Metrics) {
        campaigns = Dictionary(
            metrics.campaigns.map { ($0.id, Campaign(tokens: $0.totalTokens, leaked: $0.leakedTokens)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The figures of an open-loop pass (label order = `campaignIDs`).
    init(_ pass: LoopState, campaignIDs: [String]) {
        campaigns = Dictionary(
            zip(campaignIDs, pass.ledger.campaigns).map { ($0, Campaign(tokens: $1.servedTokens, leaked: $1.leakedBeforeFlag)) },
            uniquingKeysWith: { a, _ in a })
    }
}
