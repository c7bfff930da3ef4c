import Features
import GroundTruth
import Traffic

/// The leakage audit (DESIGN §3): for every per-account feature of a trace, how well that
/// feature **alone** separates positive accounts (adversarial or mixed) from benign ones,
/// measured as a single-feature ROC-AUC (Mann–Whitney; see ``RankingCurve``), listed from most
/// to least separating.
///
/// - A **numeric** feature is scored by its value: the AUC of the value as a score for
///   "positive", reported as max(AUC, 1 − AUC) with the direction noted (a feature that is
///   lower for adversaries separates as well as one that is higher).
/// - A **categorical** feature is scored by its cross-fitted target encoding
///   (``TargetEncoding``: 5 folds by a hash of the account id; each account's category encoded
///   by the positive rate of that category among the other folds' accounts, smoothed toward the
///   global rate with m = 10 pseudo-accounts; a category unseen in the other folds gets the
///   global rate), then reported like a numeric one. This is what "a field alone separates"
///   means for a category: a value used mostly by adversaries is learnt on some accounts and
///   recognised on others, while a value unique to each account (an id, a per-account network)
///   cannot separate by memorising labels. A categorical finding with direction `lower` means
///   the encoding is anti-predictive: accounts sharing a value tend to have the *other* label
///   (e.g. small orgs holding one adversarial account beside benign ones: out of fold, the
///   adversarial account sees only benign mates). It measures a structure of the population,
///   not a value that marks adversaries; it is reported with max(AUC, 1 − AUC) like the rest.
///
/// Every account of the account table is included, also those that sent no request (positives
/// among them are counted as ``silentPositives``). A scenario meant to be hard must have no
/// ``rawFields`` entry at or above ``trivialThreshold``.
///
/// **Per tactic**, every feature is also scored on the positives of one tactic against all
/// benign accounts (categorical features re-encoded on that sub-population, same folds):
/// ``LeakageFinding/byTactic``. A `mixed` account counts as a positive of its tactic.
public struct LeakageAudit: Sendable, Hashable, Codable {
    /// The raw observable fields that must never separate on their own: request fields (as the
    /// account's modal value) and every account-table field (``FeatureGroup``).
    public static let rawFields = FeatureGroup.requestFields + FeatureGroup.accountFields
    /// The AUC at which a raw field is a trivial separator.
    public static let trivialThreshold = 0.9

    /// One finding per feature, from most to least separating (ties by feature name).
    public let findings: [LeakageFinding]
    /// Accounts audited (the account table).
    public let accounts: Int
    /// Of which positive (adversarial or mixed).
    public let positives: Int
    /// Of which benign.
    public let benign: Int
    /// Positive accounts that sent no request: labelled, but nothing to detect. They stay in
    /// every figure of the audit (as every account of the table does) and are counted here.
    public let silentPositives: Int
    /// Positive accounts per tactic, tactics sorted.
    public let tactics: [TacticCount]

    /// The positive accounts of one tactic.
    public struct TacticCount: Sendable, Hashable, Codable {
        /// The tactic (``AuditPopulation/tactic``).
        public var tactic: String
        /// Its positive accounts.
        public var positives: Int
        /// Of which sent no request.
        public var silent: Int

        public init(tactic: String, positives: Int, silent: Int) {
            self.tactic = tactic
            self.positives = positives
            self.silent = silent
        }
    }

    /// Audits the features of `features` against the labels of `truth`.
    ///
    /// Accounts of the truth that are not in the table are ignored.
    ///
    /// - Throws: ``AuditError/accountWithoutTruth(_:)`` if an account of the table has no
    ///   label; ``AuditError/noPositives`` or ``AuditError/noBenign`` if a class is empty.
    public init(features: FeatureTable, truth: GroundTruth) throws(AuditError) {
        try self.init(features: features, population: AuditPopulation(accounts: features.accounts, truth: truth))
    }

    /// Audits the features of `features` for the accounts of `population` (same order).
    ///
    /// - Precondition: `population` lists the accounts of `features`, in order.
    public init(features: FeatureTable, population: AuditPopulation) {
        precondition(population.accounts == features.accounts, "the population is not the feature table's")
        let labels = population.isPositive
        let positives = population.positives
        let tactics = population.tactics
        // Per tactic: the rows of its positives and of every benign account.
        let tacticRows = tactics.map { tactic in
            labels.indices.filter { !labels[$0] || population.tactic[$0] == tactic }
        }
        var findings = features.features.map { feature in
            var finding = Self.finding(for: feature, labels: labels, folds: population.folds)
            finding.byTactic = Dictionary(
                uniqueKeysWithValues: zip(tactics, tacticRows).map { tactic, rows in
                    (tactic, Self.valueAUC(of: feature, rows: rows, labels: labels, folds: population.folds))
                })
            return finding
        }
        findings.sort { ($0.auc, $1.feature) > ($1.auc, $0.feature) }
        self.findings = findings
        accounts = labels.count
        self.positives = positives
        benign = labels.count - positives
        let requests = features.numeric("requests")
        let silent = labels.indices.map { labels[$0] && requests?[$0] == 0 }
        silentPositives = silent.lazy.filter { $0 }.count
        self.tactics = zip(tactics, tacticRows).map { tactic, rows in
            let positiveRows = rows.filter { labels[$0] }
            return TacticCount(tactic: tactic, positives: positiveRows.count, silent: positiveRows.lazy.filter { silent[$0] }.count)
        }
    }

    /// Audits the requests of `batches` (in trace order) over the account table `accounts`.
    ///
    /// - Throws: ``AuditError``.
    public init(
        accounts: [Account], batches: some Sequence<RequestBatch>, truth: GroundTruth,
        traceStart: Int64? = nil, traceEnd: Int64? = nil
    ) throws(AuditError) {
        let features: FeatureTable
        do {
            features = try AccountFeatures.compute(accounts: accounts, batches: batches, traceStart: traceStart, traceEnd: traceEnd)
        } catch {
            throw .features(error)
        }
        try self.init(features: features, truth: truth)
    }

    // MARK: - Reading the result

    /// The finding about `feature`.
    public subscript(feature: String) -> LeakageFinding? {
        findings.first { $0.feature == feature }
    }

    /// The separation of `feature` (max(AUC, 1 − AUC)).
    public func auc(of feature: String) -> Double? {
        self[feature]?.auc
    }

    /// The findings about ``rawFields``, most separating first.
    public var rawFieldFindings: [LeakageFinding] {
        findings.filter(\.isRawField)
    }

    /// The most separating raw field, the one a hard scenario's test bounds below 0.9.
    public var mostSeparatingRawField: LeakageFinding? {
        rawFieldFindings.first
    }

    /// The raw fields at or above ``trivialThreshold``.
    public var trivialSeparators: [LeakageFinding] {
        findings.filter(\.isTrivialSeparator)
    }

    /// Account-structure features (sharing degrees, ``FeatureGroup/accountStructure``) at or
    /// above ``trivialThreshold``: not trivial separators, but worth reading.
    public var strongStructuralSignals: [LeakageFinding] {
        findings.filter { $0.group == .accountStructure && $0.auc >= Self.trivialThreshold }
    }

    /// The `count` features that best separate the positives of `tactic` from the benign
    /// accounts (by max(AUC, 1 − AUC) on that sub-population; ties by name).
    public func topFeatures(for tactic: String, count: Int) -> [(feature: String, valueAUC: Double)] {
        let scored = findings.compactMap { finding in finding.byTactic?[tactic].map { (finding.feature, $0) } }
        return Array(
            scored.sorted {
                (max($0.1, 1 - $0.1), $1.0) > (max($1.1, 1 - $1.1), $0.0)
            }
            .prefix(count)
        ).map { (feature: $0.0, valueAUC: $0.1) }
    }

    // MARK: - One feature

    /// The ROC-AUC of `feature` (its value, or its target encoding over `rows` alone) as a score
    /// for "positive" among the accounts `rows`; ½ when a class is empty there.
    static func valueAUC(of feature: Feature, rows: [Int], labels: [Bool], folds: [Int]) -> Double {
        let subsetLabels = rows.map { labels[$0] }
        let scores: [Double]
        switch feature.values {
        case .numeric(let values):
            scores = rows.map { values[$0] }
        case .categorical(let codes, let categories):
            scores = TargetEncoding.encode(
                codes: rows.map { codes[$0] }, categoryCount: categories.count, labels: subsetLabels,
                folds: rows.map { folds[$0] })
        }
        return RankingCurve.rocAUC(scores: scores, labels: subsetLabels) ?? 0.5
    }

    private static func finding(for feature: Feature, labels: [Bool], folds: [Int]) -> LeakageFinding {
        let scores: [Double]
        var positiveMean: Double?
        var benignMean: Double?
        var top: [LeakageFinding.CategoryCount]?
        var categoryCount: Int?
        switch feature.values {
        case .numeric(let values):
            scores = values
            var sums = (positive: 0.0, benign: 0.0)
            for (value, label) in zip(values, labels) {
                if label { sums.positive += value } else { sums.benign += value }
            }
            let positives = labels.lazy.filter { $0 }.count
            positiveMean = sums.positive / Double(positives)
            benignMean = sums.benign / Double(labels.count - positives)
        case .categorical(let codes, let categories):
            scores = TargetEncoding.encode(
                codes: codes, categoryCount: categories.count, labels: labels, folds: folds)
            var counts = [(positives: Int, benign: Int)](repeating: (0, 0), count: categories.count)
            for (code, label) in zip(codes, labels) {
                if label { counts[Int(code)].positives += 1 } else { counts[Int(code)].benign += 1 }
            }
            top = counts.indices
                .sorted {
                    (counts[$1].positives, counts[$0].benign, categories[$0])
                        < (counts[$0].positives, counts[$1].benign, categories[$1])
                }
                .prefix(3)
                .map {
                    LeakageFinding.CategoryCount(
                        value: categories[$0], positives: counts[$0].positives, benign: counts[$0].benign)
                }
            categoryCount = categories.count
        }
        // Both classes are non-empty, so the AUC is defined.
        let valueAUC = RankingCurve.rocAUC(scores: scores, labels: labels) ?? 0.5
        let auc = max(valueAUC, 1 - valueAUC)
        let group = FeatureGroup.of(feature.name)
        return LeakageFinding(
            feature: feature.name, kind: feature.kind, group: group, auc: auc, valueAUC: valueAUC,
            direction: valueAUC > 0.5 ? .higher : valueAUC < 0.5 ? .lower : .none,
            isRawField: group.isRawField, isTrivialSeparator: group.isRawField && auc >= trivialThreshold,
            positiveMean: positiveMean, benignMean: benignMean, topCategories: top, categories: categoryCount)
    }
}
