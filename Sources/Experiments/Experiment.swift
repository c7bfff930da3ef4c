import ClosedLoop
import Detection
import Features

/// An experiment (DESIGN §8): scenarios, each at a scale, evaluation and tuning seeds, the FPR
/// budget and detectors with fixed settings or grids. Read from a file by ``ExperimentLoader``, or
/// made from a `run` command line naming scenario files (an implicit one-scenario-list experiment).
public struct Experiment: Sendable, Hashable {
    /// One scenario file at one scale.
    public struct ScenarioEntry: Sendable, Hashable {
        /// The scenario file (resolved against the experiment file's folder).
        public var path: String
        /// Multiplies every population and campaign.
        public var scale: Double

        public init(path: String, scale: Double) {
            self.path = path
            self.scale = scale
        }
    }

    /// The experiment file, or nil for one made from the command line.
    public var file: String?
    /// Its `experiment:` name, if any.
    public var name: String?
    public var scenarios: [ScenarioEntry]
    /// Evaluation seeds; nil: each scenario's own seed.
    public var evaluationSeeds: [UInt64]?
    /// Tuning seeds: thresholds and best configurations are chosen on these only.
    public var tuningSeeds: [UInt64]
    public var fprBudget: Double
    /// The detectors, each with its grid of settings, in file order.
    public var detectors: [DetectorGrid]
    /// Dimension of the shared hashed prompt embedding.
    public var embeddingDimension: Int
    /// Tuning seeds may also be evaluation seeds (results marked `tuned_on_eval`).
    public var allowTuneOnEval: Bool
    /// A published result reproduced with its own protocol instead of units of work: its
    /// scenarios and evaluation seeds are the protocol's inputs; it has no detectors.
    public var reproduce: Reproduction?
    /// Closed-loop policies run beside the open-loop results (`enforce:`; DESIGN §7), each on
    /// every evaluation seed of the one scenario.
    public var enforcement: [EnforcementPolicy] = []

    public init(
        file: String? = nil, name: String? = nil, scenarios: [ScenarioEntry], evaluationSeeds: [UInt64]?, tuningSeeds: [UInt64],
        fprBudget: Double, detectors: [DetectorGrid], embeddingDimension: Int = PromptFeatureSettings.standard.embeddingDimension,
        allowTuneOnEval: Bool = false
    ) {
        self.file = file
        self.name = name
        self.scenarios = scenarios
        self.evaluationSeeds = evaluationSeeds
        self.tuningSeeds = tuningSeeds
        self.fprBudget = fprBudget
        self.detectors = detectors
        self.embeddingDimension = embeddingDimension
        self.allowTuneOnEval = allowTuneOnEval
    }

    /// Every configuration of every detector, in order: detectors in file order, each grid
    /// expanded with its parameters in the detector's declared order, the first slowest.
    public var configurations: [DetectorSpec] { detectors.flatMap(\.configurations) }
}
