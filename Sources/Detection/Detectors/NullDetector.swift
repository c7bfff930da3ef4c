import Features
import Traffic

/// The floor every metric is read against: scores nothing, flags nothing. Its AP is the
/// positive rate and its ROC-AUC 0.5; any detector must beat both.
public struct NullDetector: ConfigurableDetector {
    public static let catalogName = "null"
    public static let summary = "scores nothing: the floor every metric is read against"
    public let settings: NoParameters
    /// Nothing ever reaches 1 (every score stays 0).
    public let defaultThreshold = 1.0
    public var reads: Set<RequestField> { [] }

    public init(settings: NoParameters = NoParameters()) {
        self.settings = settings
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {}
}
