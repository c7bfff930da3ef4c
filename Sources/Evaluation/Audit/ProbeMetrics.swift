/// How well out-of-fold probe scores rank one group of positive accounts above the benign
/// accounts: AP, ROC-AUC (DESIGN §5 definitions, ``RankingCurve``) and the recall reached within
/// FPR budgets.
///
/// **Recall at FPR ≤ budget** is read off the threshold sweep of ``RankingCurve``: over the
/// distinct scores in descending order (ties are one threshold), the largest recall TP/P among
/// thresholds whose FPR = FP/N is at most the budget; 0 if even the highest score's threshold
/// exceeds it. The threshold is therefore set on the benign accounts' out-of-fold scores, as an
/// operator would set it, and is an oracle for the positives' recall in the same way as
/// DESIGN §5's `fpr_budget` point.
public struct ProbeMetrics: Sendable, Hashable, Codable {
    /// The recall reached within one FPR budget.
    public struct RecallAtBudget: Sendable, Hashable, Codable {
        /// The FPR budget (e.g. 0.001 = 0.1 %).
        public var budget: Double
        /// The largest recall with FPR ≤ ``budget``.
        public var recall: Double
        /// Benign accounts above the chosen threshold (≤ budget · benign).
        public var falsePositives: Int

        public init(budget: Double, recall: Double, falsePositives: Int) {
            self.budget = budget
            self.recall = recall
            self.falsePositives = falsePositives
        }

        enum CodingKeys: String, CodingKey {
            case budget, recall
            case falsePositives = "false_positives"
        }
    }

    /// Positive accounts scored.
    public var positives: Int
    /// Benign accounts scored.
    public var benign: Int
    /// Average precision.
    public var averagePrecision: Double
    /// ROC-AUC.
    public var rocAUC: Double
    /// Recall within each budget, in the order the budgets were given.
    public var recallAtBudgets: [RecallAtBudget]

    /// The metrics of `scores` against `labels` (`true` = positive).
    ///
    /// - Precondition: both classes are present; budgets in [0, 1].
    public init(scores: [Double], labels: [Bool], budgets: [Double]) {
        let curve = RankingCurve(scores: scores, labels: labels)
        precondition(curve.positives > 0 && curve.negatives > 0, "probe metrics need both classes")
        positives = curve.positives
        benign = curve.negatives
        averagePrecision = curve.averagePrecision ?? 0
        rocAUC = curve.rocAUC ?? 0.5
        recallAtBudgets = budgets.map { budget in
            precondition(budget >= 0 && budget <= 1, "FPR budget \(budget) is not in [0, 1]")
            var best = (truePositives: 0, falsePositives: 0)
            for threshold in curve.thresholds {
                guard Double(threshold.falsePositives) / Double(curve.negatives) <= budget else { break }
                best = (threshold.truePositives, threshold.falsePositives)
            }
            return RecallAtBudget(
                budget: budget, recall: Double(best.truePositives) / Double(curve.positives),
                falsePositives: best.falsePositives)
        }
    }

    /// The recall within `budget`, if it was computed.
    public func recall(atFPR budget: Double) -> Double? {
        recallAtBudgets.first { $0.budget == budget }?.recall
    }

    enum CodingKeys: String, CodingKey {
        case positives, benign
        case averagePrecision = "ap"
        case rocAUC = "roc_auc"
        case recallAtBudgets = "recall_at_fpr"
    }
}
