/// Inputs and reference values for the ranking-metric tests.
///
/// The references were computed independently with scikit-learn (`roc_auc_score`,
/// `average_precision_score`, `roc_curve`, `precision_recall_curve`) by
/// `scripts/audit_reference.py`, whose printed output is pasted below; the inputs are the
/// script's, repeated verbatim (generated vectors use the same integer formulas).
enum RankingReference {
    // MARK: - Inputs

    static let cases: [(name: String, scores: [Double], labels: [Bool], auc: Double, ap: Double)] = [
        ("hand", [0.1, 0.4, 0.35, 0.8], bits([0, 0, 1, 1]), handAUC, handAP),
        ("ties", tiesScores, tiesLabels, tiesAUC, tiesAP),
        ("allEqual", [0.3, 0.3, 0.3, 0.3, 0.3, 0.3], bits([1, 0, 0, 1, 0, 0]), allEqualAUC, allEqualAP),
        ("singlePositive", [0.2, 0.9, 0.4, 0.6, 0.4, 0.1, 0.7], bits([0, 0, 1, 0, 0, 0, 0]), singlePositiveAUC, singlePositiveAP),
        ("perfect", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], bits([0, 0, 0, 1, 1, 1]), perfectAUC, perfectAP),
        ("reversed", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], bits([1, 1, 1, 0, 0, 0]), reversedAUC, reversedAP),
        (
            "signed", [-1.5, 0.0, -0.0, 2.0, -3.25, 0.0, 2.0, 1e-300, -1e300], bits([0, 1, 0, 1, 0, 0, 1, 1, 0]),
            signedAUC, signedAP
        ),
        ("generatedTies", generatedTies.scores, generatedTies.labels, generatedTiesAUC, generatedTiesAP),
        ("generatedLarge", generatedLarge.scores, generatedLarge.labels, generatedLargeAUC, generatedLargeAP),
    ]

    static let tiesScores = [0.5, 0.5, 0.7, 0.2, 0.7, 0.5, 0.9, 0.2, 0.5, 0.1]
    static let tiesLabels = bits([1, 0, 1, 0, 0, 1, 1, 0, 0, 1])

    /// 5 000 items, 41 distinct scores: `s = ((i * 7919) % 1009) // 25`, label
    /// `(i * 104729) % 997 < 200 + 15 * s`.
    static let generatedTies: (scores: [Double], labels: [Bool]) = {
        let s = (0..<5000).map { ($0 * 7919 % 1009) / 25 }
        return (s.map(Double.init), (0..<5000).map { $0 * 104_729 % 997 < 200 + 15 * s[$0] })
    }()

    /// 200 000 items, 1 000 distinct scores: `k = (i * 48271) % 2147483647 % 1000`, score `k / 8`,
    /// label `(i * 16807) % 1009 < 200 + k // 2`.
    static let generatedLarge: (scores: [Double], labels: [Bool]) = {
        let k = (0..<200_000).map { $0 * 48271 % 2_147_483_647 % 1000 }
        return (k.map { Double($0) / 8 }, (0..<200_000).map { $0 * 16807 % 1009 < 200 + k[$0] / 2 })
    }()

    static func bits(_ values: [Int]) -> [Bool] { values.map { $0 != 0 } }

    // MARK: - scikit-learn's values (printed by scripts/audit_reference.py)

    // scikit-learn 1.9.1, python 3.11.7
    static let handAUC = 0.75
    static let handAP = 0.8333333333333333
    static let tiesAUC = 0.6200000000000001
    static let tiesAP = 0.6619047619047618
    static let allEqualAUC = 0.5
    static let allEqualAP = 0.3333333333333333
    static let singlePositiveAUC = 0.4166666666666667
    static let singlePositiveAP = 0.2
    static let perfectAUC = 1.0
    static let perfectAP = 1.0
    static let reversedAUC = 0.0
    static let reversedAP = 0.38333333333333336
    static let signedAUC = 0.95
    static let signedAP = 0.9166666666666666
    static let generatedTiesAUC = 0.7015359017350575
    static let generatedTiesAP = 0.6772368965700714
    static let generatedLargeAUC = 0.6670883654477731
    static let generatedLargeAP = 0.5922101268335297
    /// `roc_curve(drop_intermediate=False)` of the ties case: (threshold, FPR, TPR).
    static let tiesROC: [(Double, Double, Double)] = [
        (.infinity, 0.0, 0.0),
        (0.9, 0.0, 0.2),
        (0.7, 0.2, 0.4),
        (0.5, 0.6, 0.8),
        (0.2, 1.0, 0.8),
        (0.1, 1.0, 1.0),
    ]
    /// `precision_recall_curve` of the ties case (ascending thresholds): (threshold, precision, recall).
    static let tiesPR: [(Double, Double, Double)] = [
        (0.1, 0.5, 1.0),
        (0.2, 0.4444444444444444, 0.8),
        (0.5, 0.5714285714285714, 0.8),
        (0.7, 0.6666666666666666, 0.4),
        (0.9, 1.0, 0.2),
    ]
}
