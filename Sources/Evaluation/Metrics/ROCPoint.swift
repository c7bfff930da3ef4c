/// One point of a ROC curve (see ``RankingCurve/rocPoints``).
public struct ROCPoint: Sendable, Hashable {
    /// Items with a score ≥ this are flagged (+∞ for the starting point, where none is).
    public var threshold: Double
    /// FP/N at the threshold.
    public var falsePositiveRate: Double
    /// TP/P at the threshold (the recall).
    public var truePositiveRate: Double

    public init(threshold: Double, falsePositiveRate: Double, truePositiveRate: Double) {
        self.threshold = threshold
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
    }
}
