/// What the ``DifficultyProbe`` found: out-of-fold ranking metrics overall, per group of
/// positives, and with each tactic left out of training.
public struct DifficultyProbeReport: Sendable, Hashable, Encodable {
    /// The metrics of one group of positives against every benign account.
    public struct Group: Sendable, Hashable, Encodable {
        /// The tactic of the group's positives; nil: every tactic.
        public var tactic: String?
        /// The campaign level of the group's positives; nil: every level.
        public var level: String?
        /// The metrics; nil for a left-out tactic when no other tactic's positives remain to
        /// train on.
        public var metrics: ProbeMetrics?

        public init(tactic: String?, level: String?, metrics: ProbeMetrics?) {
            self.tactic = tactic
            self.level = level
            self.metrics = metrics
        }
    }

    /// One fitted model.
    public struct Fit: Sendable, Hashable, Encodable {
        /// The fold it scored.
        public var fold: Int
        /// The tactic whose positives it never saw; nil for the overall fits.
        public var leftOut: String?
        /// Its training accounts.
        public var trainingAccounts: Int
        /// Its feature columns (features constant on its training rows are left out).
        public var columns: Int
        /// Newton steps.
        public var iterations: Int
        /// Whether it met the stopping rule.
        public var converged: Bool

        enum CodingKeys: String, CodingKey {
            case fold
            case leftOut = "left_out"
            case trainingAccounts = "training_accounts"
            case columns, iterations, converged
        }
    }

    /// The settings of the run.
    public var configuration: DifficultyProbe.Configuration
    /// The features offered to the model (categorical ones included).
    public var features: Int
    /// Every fitted model, overall fits first, then per left-out tactic, by fold.
    public var fits: [Fit]
    /// Every positive against every benign account.
    public var overall: ProbeMetrics
    /// Per tactic, tactics sorted.
    public var byTactic: [Group]
    /// Per campaign level, levels sorted.
    public var byLevel: [Group]
    /// Per tactic and level, sorted.
    public var byTacticAndLevel: [Group]
    /// Each tactic left out of training, tactics sorted.
    public var leaveOneTacticOut: [Group]
    /// Every account's out-of-fold score (the linear predictor), in table order. Not encoded.
    public var scores: [Double]

    public init(
        configuration: DifficultyProbe.Configuration, features: Int, fits: [Fit], overall: ProbeMetrics,
        byTactic: [Group], byLevel: [Group], byTacticAndLevel: [Group], leaveOneTacticOut: [Group], scores: [Double]
    ) {
        self.configuration = configuration
        self.features = features
        self.fits = fits
        self.overall = overall
        self.byTactic = byTactic
        self.byLevel = byLevel
        self.byTacticAndLevel = byTacticAndLevel
        self.leaveOneTacticOut = leaveOneTacticOut
        self.scores = scores
    }

    /// Whether every fit met its stopping rule.
    public var allConverged: Bool { fits.allSatisfy(\.converged) }

    enum CodingKeys: String, CodingKey {
        case configuration, features, fits, overall
        case byTactic = "by_tactic"
        case byLevel = "by_level"
        case byTacticAndLevel = "by_tactic_and_level"
        case leaveOneTacticOut = "leave_one_tactic_out"
    }
}
