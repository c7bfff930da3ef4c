/// Why per-account features could not be computed. Each ``description`` is one line.
public enum AccountFeatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An account id appears twice in the account table.
    case duplicateAccount(String)
    /// A request comes from an account that is not in the account table.
    case unknownAccount(String)
    /// Batches of one pass use different symbol or account tables (``RequestBatch`` requires
    /// every batch of a trace to share them).
    case mixedTables

    public var description: String {
        switch self {
        case .duplicateAccount(let account): "account \"\(account)\" appears twice in the account table"
        case .unknownAccount(let account): "a request comes from account \"\(account)\", which is not in the account table"
        case .mixedTables: "request batches of one pass must share their symbol and account tables"
        }
    }
}
