/// Errors building the exact metrics (DESIGN §5): inputs that do not describe the same trace.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    /// An account of the account table has no entry in the truth.
    case unlabelledAccount(String)
    /// The truth names an account that is not in the account table.
    case unknownAccount(String)
    /// A campaign lists a member that is not in the account table.
    case unknownCampaignMember(campaign: String, account: String)
    /// A change point or a request names an account code outside the account table.
    case accountCodeOutOfRange(code: UInt32, accounts: Int)
    /// A request's campaign label is neither -1 nor the index of a campaign of the truth.
    case campaignLabelOutOfRange(label: Int32, campaigns: Int)
    /// A batch came with a different number of campaign labels than requests.
    case labelCountMismatch(requests: Int, labels: Int)
    /// A request is older than one already observed: the ledger needs time order.
    case outOfOrder(previous: Int64, next: Int64)
    /// The ledger was fed after ``ExposureLedger/finish()``.
    case ledgerFinished
    /// Metrics were asked of a ledger that has not seen ``ExposureLedger/finish()``.
    case ledgerNotFinished
    /// A score history and a truth table of different account counts were combined.
    case accountCountMismatch(scores: Int, truth: Int)
    /// An FPR budget outside [0, 1].
    case invalidBudget(Double)
    /// A threshold that is NaN.
    case invalidThreshold(Double)

    public var description: String {
        switch self {
        case .unlabelledAccount(let account): "account \"\(account)\" of the account table has no label in the truth"
        case .unknownAccount(let account): "the truth labels \"\(account)\", which is not in the account table"
        case .unknownCampaignMember(let campaign, let account):
            "campaign \"\(campaign)\" lists \"\(account)\", which is not in the account table"
        case .accountCodeOutOfRange(let code, let accounts):
            "account code \(code) is outside the account table (\(accounts) accounts)"
        case .campaignLabelOutOfRange(let label, let campaigns):
            "campaign label \(label) is neither -1 nor a campaign index (\(campaigns) campaigns)"
        case .labelCountMismatch(let requests, let labels):
            "a batch of \(requests) requests came with \(labels) campaign labels"
        case .outOfOrder(let previous, let next):
            "request at \(next) ms follows one at \(previous) ms: requests must be in time order"
        case .ledgerFinished: "the exposure ledger was fed after finish()"
        case .ledgerNotFinished: "the exposure ledger must be finished before computing metrics"
        case .accountCountMismatch(let scores, let truth): "scores cover \(scores) accounts but the truth \(truth)"
        case .invalidBudget(let budget): "FPR budget \(budget) is not in [0, 1]"
        case .invalidThreshold(let threshold): "threshold \(threshold) is not a number"
        }
    }
}
