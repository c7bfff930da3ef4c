/// The state of a closed loop at one decision point, cumulative (the per-interval time series).
public struct LoopSnapshot: Sendable, Hashable, Codable {
    /// The decision time, Unix epoch ms.
    public var time: Int64
    /// Completion tokens served to campaigns so far.
    public var campaignTokens: Int
    /// Accounts acted on so far: campaign accounts, and genuine ones (collateral).
    public var campaignAccountsActioned: Int
    public var genuineAccountsActioned: Int
    /// Genuine requests refused and completion tokens withheld so far.
    public var genuineRequestsRefused: Int
    public var genuineTokensWithheld: Int
    /// Campaign replacements put to work so far.
    public var replacements: Int
}
