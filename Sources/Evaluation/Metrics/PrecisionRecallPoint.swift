/// One point of a precision–recall curve (see ``RankingCurve/precisionRecallPoints``).
public struct PrecisionRecallPoint: Sendable, Hashable {
    /// Items with a score ≥ this are flagged.
    public var threshold: Double
    /// TP/(TP + FP) at the threshold (always defined: at least one item is flagged).
    public var precision: Double
    /// TP/P at the threshold.
    public var recall: Double

    public init(threshold: Double, precision: Double, recall: Double) {
        self.threshold = threshold
        self.precision = precision
        self.recall = recall
    }
}
