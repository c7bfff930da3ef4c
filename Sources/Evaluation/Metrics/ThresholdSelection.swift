/// How operating-point thresholds are chosen from the distinct maximum scores (DESIGN §5).
///
/// Both oracles look only at which accounts are flagged, so they need only the ranking curve of
/// the maximum scores (``RankingCurve``: distinct scores descending with cumulative TP and FP).
/// Every candidate is a distinct maximum score — the highest threshold flagging that set — and
/// ties between candidates go to the highest threshold (fewest accounts flagged).
public enum ThresholdSelection {
    /// How the tuned threshold combines the tuning seeds.
    public enum TuningRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// The median over tuning seeds of each seed's FPR-budget threshold (the mean of the two
        /// middle ones for an even count; +∞ thresholds take part, so if half or more of the
        /// seeds cannot meet the budget the tuned threshold flags nothing). The default: one seed
        /// with an unusual score scale cannot drag it.
        case median
        /// The FPR-budget threshold of all tuning seeds' accounts pooled into one population.
        case pooled
    }

    /// The FPR budget of the `fpr_budget` operating point by default: 0.1 % (DESIGN §5).
    public static let defaultFPRBudget = 0.001

    /// The threshold of best F1 (2TP/(2TP + FP + FN)) over the distinct maximum scores; ties go
    /// to the highest. Without positives every F1 is 0 and the highest distinct score is chosen;
    /// with no account at all, +∞.
    public static func bestF1(_ curve: RankingCurve) -> Double {
        var best = Double.infinity
        var bestF1 = -1.0
        let positives = curve.positives
        for point in curve.thresholds {
            let denominator = point.truePositives + point.falsePositives + positives
            let f1 = denominator > 0 ? Double(2 * point.truePositives) / Double(denominator) : 0
            if f1 > bestF1 {
                bestF1 = f1
                best = point.score
            }
        }
        return best
    }

    /// The threshold of maximal recall with FPR = FP/N ≤ `budget`, over the distinct maximum
    /// scores above 0; ties go to the highest. +∞ (flag nothing) when no such score meets the
    /// budget. Without negatives every threshold meets it.
    ///
    /// - Precondition: `0 ≤ budget ≤ 1`.
    public static func fprBudget(_ curve: RankingCurve, budget: Double = defaultFPRBudget) -> Double {
        precondition(budget >= 0 && budget <= 1, "FPR budget \(budget) is not in [0, 1]")
        var best = Double.infinity
        var bestTP = -1
        let negatives = curve.negatives
        for point in curve.thresholds where point.score > 0 {
            let meetsBudget = negatives == 0 || Double(point.falsePositives) / Double(negatives) <= budget
            guard meetsBudget else { break }  // FP only grows as the threshold falls
            if point.truePositives > bestTP {
                bestTP = point.truePositives
                best = point.score
            }
        }
        return best
    }

    /// The tuned threshold from tuning seeds, each given as the maximum scores and positive flags
    /// of its accounts; nil without tuning seeds.
    ///
    /// - Throws: ``MetricsError/invalidBudget(_:)`` for a budget outside [0, 1].
    public static func tuned(
        seeds: [(maxScores: [Double], positives: [Bool])], budget: Double = defaultFPRBudget, rule: TuningRule = .median
    ) throws(MetricsError) -> Double? {
        guard budget >= 0, budget <= 1 else { throw .invalidBudget(budget) }
        guard !seeds.isEmpty else { return nil }
        switch rule {
        case .median:
            let thresholds = seeds.map {
                fprBudget(RankingCurve(scores: $0.maxScores, labels: $0.positives), budget: budget)
            }
            return median(thresholds)
        case .pooled:
            let curve = RankingCurve(scores: seeds.flatMap(\.maxScores), labels: seeds.flatMap(\.positives))
            return fprBudget(curve, budget: budget)
        }
    }

    /// The median of `values` (the mean of the two middle ones for an even count); nil if empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
