/// One unit of work (DESIGN §8): one seed of one scenario at one scale, evaluated (or, for a
/// tuning seed, scored) with the experiment's whole configuration set — a pure function of its
/// ``key``.
public struct ExperimentUnit: Sendable, Hashable, Codable {
    /// What the unit's seed is for.
    public enum Role: String, Sendable, Hashable, Codable {
        /// Scores for thresholds and the choice of configuration.
        case tuning
        /// Metrics reported.
        case evaluation
    }

    /// Position in the plan (``ExperimentPlan/units``).
    public var index: Int
    /// Position of the scenario in the experiment.
    public var scenario: Int
    /// The scenario's label in results (its name).
    public var scenarioName: String
    public var seed: UInt64
    public var role: Role
    /// Estimated requests generated (``ScenarioSize/requests``), the unit's weight in sharding.
    public var estimatedRequests: Double
    /// `role:scenario-hash@scale:seed:configurations-hash`: what the unit computes, the same on every machine.
    public var key: String

    enum CodingKeys: String, CodingKey {
        case index, scenario, seed, role, key
        case scenarioName = "scenario_name"
        case estimatedRequests = "estimated_requests"
    }

    public init(
        index: Int, scenario: Int, scenarioName: String, seed: UInt64, role: Role, estimatedRequests: Double, key: String
    ) {
        self.index = index
        self.scenario = scenario
        self.scenarioName = scenarioName
        self.seed = seed
        self.role = role
        self.estimatedRequests = estimatedRequests
        self.key = key
    }

    /// The label of its evaluation in results (`quickstart/seed-1`).
    public var label: String { "\(scenarioName)/seed-\(seed)" }
}
