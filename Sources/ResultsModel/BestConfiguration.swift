import Evaluation

/// The configuration of one detector chosen among its grid on the tuning seeds only (highest mean
/// average precision of the accounts' maximum scores, ties by name), reported with its figures
/// over the evaluation seeds: never chosen on the seeds it is reported on.
public struct BestConfiguration: Sendable, Hashable, Codable {
    /// The scenario (as in ``ResultsSummary/OverSeeds/label``).
    public var label: String
    /// The catalogue name of the detector (`prada`).
    public var detector: String
    /// The configured name chosen (`prada(delta=0.92,min_queries=50)`).
    public var configuration: String
    /// How many configurations of the detector were compared.
    public var candidates: Int
    /// Mean average precision of the chosen configuration over the tuning seeds.
    public var tuningAP: Double
    /// The chosen configuration over the evaluation seeds.
    public var evaluation: MetricsSummary

    enum CodingKeys: String, CodingKey {
        case label, detector, configuration, candidates, evaluation
        case tuningAP = "tuning_ap"
    }

    public init(label: String, detector: String, configuration: String, candidates: Int, tuningAP: Double, evaluation: MetricsSummary) {
        self.label = label
        self.detector = detector
        self.configuration = configuration
        self.candidates = candidates
        self.tuningAP = tuningAP
        self.evaluation = evaluation
    }
}
