import Traffic

/// The floor every metric is read against: scores nothing, flags nothing. Its AP is the
/// positive rate and its ROC-AUC 0.5; any detector must beat both.
public struct NullDetector: Detector {
    public let name = "null"
    /// Nothing ever reaches 1 (every score stays 0).
    public let defaultThreshold = 1.0

    public init() {}

    public mutating func observe(_ batch: RequestBatch, board: inout ScoreBoard) {}
}
