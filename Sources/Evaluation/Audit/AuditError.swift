import Features

/// Why a leakage audit could not run. Each ``description`` is one line.
public enum AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trace has no `truth.json`.
    case missingTruth(file: String)
    /// The trace has no account table (`accounts.jsonl` or `accounts.csv`), or it is empty.
    case missingAccountTable(file: String)
    /// An account of the account table has no label in the truth.
    case accountWithoutTruth(String)
    /// The per-account features could not be computed.
    case features(AccountFeatureError)
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
        case .accountWithoutTruth(let account): "account \"\(account)\" of the account table has no label in truth.json"
        case .features(let error): error.description
        case .noPositives: "truth.json labels no account adversarial or mixed: nothing to separate"
        case .noBenign: "truth.json labels no account benign: nothing to separate"
        case .probeFitFailed(let fit): "difficulty probe: the logistic regression of \(fit) has no solution"
        }
    }
}
