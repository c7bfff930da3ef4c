import GroundTruth

/// The accounts of an audit with what the truth says about each: label, tactic, campaign level
/// and cross-fitting fold, in feature-table order.
///
/// A positive account (adversarial or mixed: a `mixed` reseller account counts as a positive of
/// its tactic) takes the tactic its truth entry names, else its campaign's, else
/// ``unknownTactic``; its level is its campaign's `level`, else ``unspecifiedLevel``. Benign
/// accounts have neither.
public struct AuditPopulation: Sendable, Hashable {
    /// The tactic of a positive account whose truth names none.
    public static let unknownTactic = "(unknown)"
    /// The level of a positive account whose campaign states none.
    public static let unspecifiedLevel = "(unspecified)"

    /// Account ids, in table order.
    public let accounts: [String]
    /// Whether each account is positive (adversarial or mixed).
    public let isPositive: [Bool]
    /// Each positive account's tactic (nil for benign accounts).
    public let tactic: [String?]
    /// Each positive account's campaign level (nil for benign accounts).
    public let level: [String?]
    /// Each account's fold (``TargetEncoding/fold(of:)``).
    public let folds: [Int]

    /// The population of `accounts` (a feature table's order) under `truth`.
    ///
    /// Accounts of the truth outside `accounts` are ignored.
    ///
    /// - Throws: ``AuditError/accountWithoutTruth(_:)`` if an account has no label;
    ///   ``AuditError/noPositives`` or ``AuditError/noBenign`` if a class is empty.
    public init(accounts: [String], truth: GroundTruth) throws(AuditError) {
        let entries = Dictionary(truth.accounts.map { ($0.account, $0) }, uniquingKeysWith: { first, _ in first })
        let campaigns = Dictionary(truth.campaigns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var isPositive: [Bool] = []
        var tactic: [String?] = []
        var level: [String?] = []
        isPositive.reserveCapacity(accounts.count)
        for account in accounts {
            guard let entry = entries[account] else { throw .accountWithoutTruth(account) }
            let positive = entry.label.isPositive
            isPositive.append(positive)
            let campaign = entry.campaign.flatMap { campaigns[$0] }
            tactic.append(positive ? entry.tactic ?? campaign?.tactic ?? Self.unknownTactic : nil)
            level.append(positive ? campaign?.level ?? Self.unspecifiedLevel : nil)
        }
        let positives = isPositive.lazy.filter { $0 }.count
        guard positives > 0 else { throw .noPositives }
        guard positives < accounts.count else { throw .noBenign }
        self.accounts = accounts
        self.isPositive = isPositive
        self.tactic = tactic
        self.level = level
        folds = accounts.map(TargetEncoding.fold(of:))
    }

    /// The number of accounts.
    public var count: Int { accounts.count }

    /// The number of positive accounts.
    public var positives: Int { isPositive.lazy.filter { $0 }.count }

    /// The tactics of the positive accounts, sorted.
    public var tactics: [String] { Set(tactic.compactMap { $0 }).sorted() }

    /// The levels of the positive accounts, sorted.
    public var levels: [String] { Set(level.compactMap { $0 }).sorted() }

    /// The (tactic, level) pairs of the positive accounts, sorted.
    public var tacticLevels: [TacticLevel] {
        Set(zip(tactic, level).compactMap { t, l in t.flatMap { t in l.map { TacticLevel(tactic: t, level: $0) } } })
            .sorted { ($0.tactic, $0.level) < ($1.tactic, $1.level) }
    }

    /// A tactic at one level.
    public struct TacticLevel: Sendable, Hashable {
        public var tactic: String
        public var level: String
    }
}
