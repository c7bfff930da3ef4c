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
/// Every account of the account table is included, also those that sent no request. A scenario
/// meant to be hard must have no ``rawFields`` entry at or above ``trivialThreshold``.
public struct LeakageAudit: Sendable, Hashable, Codable {
    /// The raw observable fields that must never separate on their own: request fields (as the
    /// account's modal value) and account-table fields.
    public static let rawFields = [
        "asn", "ip", "ua", "tls", "model", "endpoint", "tier", "country", "email_domain", "system",
    ]
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

    /// Audits the features of `features` against the labels of `truth`.
    ///
    /// Accounts of the truth that are not in the table are ignored.
    ///
    /// - Throws: ``AuditError/accountWithoutTruth(_:)`` if an account of the table has no
    ///   label; ``AuditError/noPositives`` or ``AuditError/noBenign`` if a class is empty.
    public init(features: FeatureTable, truth: GroundTruth) throws(AuditError) {
        let labelOf = Dictionary(truth.accounts.map { ($0.account, $0.label.isPositive) }, uniquingKeysWith: { a, _ in a })
        var labels: [Bool] = []
        labels.reserveCapacity(features.accounts.count)
        for account in features.accounts {
            guard let label = labelOf[account] else { throw .accountWithoutTruth(account) }
            labels.append(label)
        }
        let positives = labels.lazy.filter { $0 }.count
        guard positives > 0 else { throw .noPositives }
        guard positives < labels.count else { throw .noBenign }
        let folds = features.accounts.map(TargetEncoding.fold(of:))
        let raw = Set(Self.rawFields)

        var findings = features.features.map { feature in
            Self.finding(for: feature, labels: labels, folds: folds, isRawField: raw.contains(feature.name))
        }
        findings.sort { ($0.auc, $1.feature) > ($1.auc, $0.feature) }
        self.findings = findings
        accounts = labels.count
        self.positives = positives
        benign = labels.count - positives
    }

    /// Audits the requests of `batches` (in trace order) over the account table `accounts`.
    ///
    /// - Throws: ``AuditError``.
    public init(
        accounts: [Account], batches: some Sequence<RequestBatch>, truth: GroundTruth,
        traceStart: Int64? = nil, traceEnd: Int64? = nil
    ) throws(AuditError) {
        try self.init(
            features: AccountFeatures.compute(
                accounts: accounts, batches: batches, traceStart: traceStart, traceEnd: traceEnd),
            truth: truth)
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

    // MARK: - One feature

    private static func finding(
        for feature: Feature, labels: [Bool], folds: [Int], isRawField: Bool
    ) -> LeakageFinding {
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
        return LeakageFinding(
            feature: feature.name, kind: feature.kind, auc: auc, valueAUC: valueAUC,
            direction: valueAUC > 0.5 ? .higher : valueAUC < 0.5 ? .lower : .none,
            isRawField: isRawField, isTrivialSeparator: isRawField && auc >= trivialThreshold,
            positiveMean: positiveMean, benignMean: benignMean, topCategories: top, categories: categoryCount)
    }
}
