/// The exact ranking metrics of scores against binary labels: ROC-AUC (Mann–Whitney), average
/// precision and the ROC and precision–recall curves, over distinct score thresholds (DESIGN §5;
/// scikit-learn's `roc_auc_score`, `average_precision_score`, `roc_curve`,
/// `precision_recall_curve` definitions).
///
/// Scores are ranked in descending order and **equal scores form one threshold**: at threshold
/// τ every item with score ≥ τ is flagged. For the distinct scores τ₁ > τ₂ > … > τₖ the curve
/// holds the cumulative counts TPᵢ (positives with score ≥ τᵢ) and FPᵢ (negatives with score ≥ τᵢ).
///
/// - **ROC-AUC** is the trapezoid area under (FPRᵢ, TPRᵢ) from (0, 0) to (1, 1):
///   Σᵢ (FPᵢ − FPᵢ₋₁)(TPᵢ + TPᵢ₋₁) / (2·P·N). It equals the Mann–Whitney statistic U/(P·N): the
///   probability that a random positive outscores a random negative, ties counting ½
///   (Mann & Whitney, Ann. Math. Statist. 18(1), 1947; Hanley & McNeil, Radiology 143, 1982).
///   The numerator is summed in integers, so the only rounding is the final division.
/// - **Average precision** is Σᵢ (Rᵢ − Rᵢ₋₁)·Pᵢ with R₀ = 0, Rᵢ = TPᵢ/P and Pᵢ = TPᵢ/(TPᵢ + FPᵢ):
///   scikit-learn's definition, a step function with no interpolation.
///
/// Neither is ever NaN: ROC-AUC is `nil` when there are no positives or no negatives, AP is `nil`
/// when there are no positives (without negatives it is 1, as in scikit-learn). Building the curve sorts the
/// positive and the negative scores separately and merges them: O(n log n) time, O(n) memory,
/// fit for millions of accounts.
public struct RankingCurve: Sendable, Hashable {
    /// One distinct score and the items flagged at it.
    public struct Threshold: Sendable, Hashable {
        /// The score: items with a score ≥ this one are flagged.
        public var score: Double
        /// Positives with a score ≥ ``score``.
        public var truePositives: Int
        /// Negatives with a score ≥ ``score``.
        public var falsePositives: Int

        public init(score: Double, truePositives: Int, falsePositives: Int) {
            self.score = score
            self.truePositives = truePositives
            self.falsePositives = falsePositives
        }
    }

    /// The distinct scores in descending order, with cumulative counts.
    public let thresholds: [Threshold]
    /// The number of positive items (P).
    public let positives: Int
    /// The number of negative items (N).
    public let negatives: Int

    /// The curve of `scores` against `labels` (`true` = positive), item by item.
    ///
    /// - Precondition: as many labels as scores; no score is NaN.
    public init(scores: some Collection<Double>, labels: some Collection<Bool>) {
        let (positive, negative) = Self.split(scores: scores, labels: labels)
        var thresholds: [Threshold] = []
        Self.walk(positive, negative) { score, tp, fp in
            thresholds.append(Threshold(score: score, truePositives: tp, falsePositives: fp))
        }
        self.thresholds = thresholds
        positives = positive.count
        negatives = negative.count
    }

    // MARK: - Metrics

    /// The area under the ROC curve (trapezoid rule over distinct thresholds), or `nil` without
    /// positives or without negatives.
    public var rocAUC: Double? {
        guard positives > 0, negatives > 0 else { return nil }
        var twiceArea = 0
        var previous = (tp: 0, fp: 0)
        for threshold in thresholds {
            twiceArea += (threshold.falsePositives - previous.fp) * (threshold.truePositives + previous.tp)
            previous = (threshold.truePositives, threshold.falsePositives)
        }
        return Double(twiceArea) / (2 * Double(positives) * Double(negatives))
    }

    /// The average precision (scikit-learn's step-wise definition), or `nil` without positives.
    public var averagePrecision: Double? {
        guard positives > 0 else { return nil }
        var sum = 0.0
        var previousTP = 0
        for threshold in thresholds where threshold.truePositives > previousTP {
            let precision = Double(threshold.truePositives) / Double(threshold.truePositives + threshold.falsePositives)
            sum += Double(threshold.truePositives - previousTP) * precision
            previousTP = threshold.truePositives
        }
        return sum / Double(positives)
    }

    /// The ROC curve: (0, 0) at threshold +∞, then one point per distinct score in descending
    /// order, ending at (1, 1). Empty without positives or without negatives.
    ///
    /// scikit-learn's `roc_curve(drop_intermediate=False)` gives the same points.
    public var rocPoints: [ROCPoint] {
        guard positives > 0, negatives > 0 else { return [] }
        let p = Double(positives)
        let n = Double(negatives)
        return [ROCPoint(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
            + thresholds.map {
                ROCPoint(
                    threshold: $0.score, falsePositiveRate: Double($0.falsePositives) / n,
                    truePositiveRate: Double($0.truePositives) / p)
            }
    }

    /// The precision–recall curve: one point per distinct score in descending order (recall
    /// rising to 1). Empty without positives.
    ///
    /// scikit-learn's `precision_recall_curve` gives the same points in ascending threshold
    /// order, plus an artificial (recall 0, precision 1) end point that is not included here.
    public var precisionRecallPoints: [PrecisionRecallPoint] {
        guard positives > 0 else { return [] }
        let p = Double(positives)
        return thresholds.map {
            PrecisionRecallPoint(
                threshold: $0.score,
                precision: Double($0.truePositives) / Double($0.truePositives + $0.falsePositives),
                recall: Double($0.truePositives) / p)
        }
    }

    // MARK: - One-shot metrics

    /// The ROC-AUC of `scores` against `labels` without keeping the curve; `nil` without
    /// positives or without negatives. See ``rocAUC``.
    ///
    /// - Precondition: as many labels as scores; no score is NaN.
    public static func rocAUC(scores: some Collection<Double>, labels: some Collection<Bool>) -> Double? {
        let (positive, negative) = split(scores: scores, labels: labels)
        guard !positive.isEmpty, !negative.isEmpty else { return nil }
        var twiceArea = 0
        var previous = (tp: 0, fp: 0)
        walk(positive, negative) { _, tp, fp in
            twiceArea += (fp - previous.fp) * (tp + previous.tp)
            previous = (tp, fp)
        }
        return Double(twiceArea) / (2 * Double(positive.count) * Double(negative.count))
    }

    /// The average precision of `scores` against `labels`; `nil` without positives. See
    /// ``averagePrecision``.
    ///
    /// - Precondition: as many labels as scores; no score is NaN.
    public static func averagePrecision(scores: some Collection<Double>, labels: some Collection<Bool>) -> Double? {
        RankingCurve(scores: scores, labels: labels).averagePrecision
    }

    // MARK: - Walking the thresholds

    /// The positive and the negative scores, each sorted in ascending order.
    private static func split(
        scores: some Collection<Double>, labels: some Collection<Bool>
    ) -> (positive: [Double], negative: [Double]) {
        precondition(scores.count == labels.count, "\(scores.count) scores but \(labels.count) labels")
        var positive: [Double] = []
        var negative: [Double] = []
        for (score, label) in zip(scores, labels) {
            precondition(!score.isNaN, "a score is NaN")
            if label { positive.append(score) } else { negative.append(score) }
        }
        positive.sort()
        negative.sort()
        return (positive, negative)
    }

    /// Calls `body(score, TP, FP)` for each distinct score in descending order, merging the two
    /// ascending arrays from their ends.
    private static func walk(_ positive: [Double], _ negative: [Double], _ body: (Double, Int, Int) -> Void) {
        var p = positive.count
        var n = negative.count
        while p > 0 || n > 0 {
            let score =
                p == 0 ? negative[n - 1] : n == 0 ? positive[p - 1] : Swift.max(positive[p - 1], negative[n - 1])
            while p > 0, positive[p - 1] == score { p -= 1 }
            while n > 0, negative[n - 1] == score { n -= 1 }
            body(score, positive.count - p, negative.count - n)
        }
    }
}
