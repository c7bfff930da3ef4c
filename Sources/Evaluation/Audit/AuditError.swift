/// Why a leakage audit could not run. Each ``description`` is one line.
public enum AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trace has no `truth.json`.
    case missingTruth(file: String)
    /// The trace has no account table (`accounts.jsonl` or `accounts.csv`), or it is empty.
    case missingAccountTable(file: String)
    /// An account id appears twice in the account table.
    case duplicateAccount(String)
    /// An account of the account table has no label in the truth.
    case accountWithoutTruth(String)
    /// A request comes from an account that is not in the account table.
    case unknownAccount(String)
    /// Batches of one audit use different symbol or account tables (``RequestBatch`` requires
    /// every batch of a trace to share them).
    case mixedTables
    /// The truth labels no account of the table as positive (adversarial or mixed).
    case noPositives
    /// The truth labels no account of the table as benign.
    case noBenign
    /// A fit of the difficulty probe was not numerically possible (named by its fold and
    /// left-out tactic).
    case probeFitFailed(String)

    public var description: String {
        switch self {
        case .missingTruth(let file): "\(file): the audit needs truth.json"
        case .missingAccountTable(let file): "\(file): the audit needs the account table (accounts.jsonl or accounts.csv)"
        case .duplicateAccount(let account): "account \"\(account)\" appears twice in the account table"
        case .accountWithoutTruth(let account): "account \"\(account)\" of the account table has no label in truth.json"
        case .unknownAccount(let account): "a request comes from account \"\(account)\", which is not in the account table"
        case .mixedTables: "request batches of one audit must share their symbol and account tables"
        case .noPositives: "truth.json labels no account adversarial or mixed: nothing to separate"
        case .noBenign: "truth.json labels no account benign: nothing to separate"
        case .probeFitFailed(let fit): "difficulty probe: the logistic regression of \(fit) has no solution"
        }
    }
}
