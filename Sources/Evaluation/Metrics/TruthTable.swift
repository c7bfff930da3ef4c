import GroundTruth

/// The ground truth keyed by account code (the order of the account table), as the metrics need
/// it (DESIGN §5): which accounts are positive (`adversarial` or `mixed`), the campaign of each,
/// and the members of each campaign as codes.
public struct TruthTable: Sendable, Hashable {
    /// The account ids in code order.
    public let accountIDs: [String]
    /// The truth of each account, in code order.
    public let accounts: [AccountTruth]
    /// Whether each account is a positive (`Label.isPositive`).
    public let positives: [Bool]
    /// The index in ``campaigns`` of each account's campaign, or -1.
    public let campaignOfAccount: [Int32]
    /// The campaigns, in the order of `truth.json` (the order of request campaign labels).
    public let campaigns: [CampaignTruth]
    /// The member codes of each campaign, in the campaign's order.
    public let members: [[UInt32]]

    /// Resolves `truth` against the account table whose ids, in code order, are `accountIDs`.
    ///
    /// An account's campaign is the first campaign listing it as a member, else the campaign its
    /// own entry names (if that campaign exists).
    ///
    /// - Throws: ``MetricsError`` when an account of the table has no label, the truth labels an
    ///   account not in the table, or a campaign lists one.
    public init(accountIDs: [String], truth: GroundTruth) throws(MetricsError) {
        var codes: [String: Int] = [:]
        codes.reserveCapacity(accountIDs.count)
        for (code, id) in accountIDs.enumerated() where codes[id] == nil { codes[id] = code }
        var byCode = [AccountTruth?](repeating: nil, count: accountIDs.count)
        for entry in truth.accounts {
            guard let code = codes[entry.account] else { throw .unknownAccount(entry.account) }
            byCode[code] = entry
        }
        var accounts: [AccountTruth] = []
        accounts.reserveCapacity(accountIDs.count)
        for (code, entry) in byCode.enumerated() {
            guard let entry else { throw .unlabelledAccount(accountIDs[code]) }
            accounts.append(entry)
        }
        var campaignOfAccount = [Int32](repeating: -1, count: accountIDs.count)
        var members: [[UInt32]] = []
        var campaignIndex: [String: Int32] = [:]
        for (index, campaign) in truth.campaigns.enumerated() {
            if campaignIndex[campaign.id] == nil { campaignIndex[campaign.id] = Int32(index) }
            var codesOfMembers: [UInt32] = []
            for member in campaign.accounts {
                guard let code = codes[member] else {
                    throw .unknownCampaignMember(campaign: campaign.id, account: member)
                }
                codesOfMembers.append(UInt32(code))
                if campaignOfAccount[code] < 0 { campaignOfAccount[code] = Int32(index) }
            }
            members.append(codesOfMembers)
        }
        for (code, entry) in accounts.enumerated() where campaignOfAccount[code] < 0 {
            if let campaign = entry.campaign, let index = campaignIndex[campaign] { campaignOfAccount[code] = index }
        }
        self.accountIDs = accountIDs
        self.accounts = accounts
        positives = accounts.map(\.label.isPositive)
        self.campaignOfAccount = campaignOfAccount
        campaigns = truth.campaigns
        self.members = members
    }

    /// The number of accounts.
    public var accountCount: Int { accountIDs.count }
    /// The number of positive accounts (P).
    public var positiveCount: Int { positives.count { $0 } }
    /// The number of negative accounts (N).
    public var negativeCount: Int { positives.count { !$0 } }
}
