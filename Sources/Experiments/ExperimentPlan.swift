import Detection
import Features
import Foundation
import Simulation
import Traffic

/// An experiment expanded into units of work (DESIGN §8): per scenario its tuning seeds, then its
/// evaluation seeds; with the scenarios loaded, the configurations checked and a fingerprint that
/// names exactly what the units compute.
public struct ExperimentPlan: Sendable {
    /// A scenario of the plan.
    public struct PlannedScenario: Sendable {
        public var path: String
        public var scenario: Scenario
        public var scale: Double
        public var size: ScenarioSize
    }

    /// A configuration and the detector (catalogue name) it configures.
    public struct Configuration: Sendable, Hashable, Codable {
        /// Catalogue name (`prada`).
        public var detector: String
        /// Configured name (`prada(delta=0.92,min_queries=50)`).
        public var name: String

        public init(detector: String, name: String) {
            self.detector = detector
            self.name = name
        }
    }

    public let experiment: Experiment
    public let scenarios: [PlannedScenario]
    /// Every configuration, in order.
    public let configurations: [Configuration]
    public let units: [ExperimentUnit]
    /// SHA-256 of everything the results depend on: scenario contents and scales, seeds, budget,
    /// configurations, embedding dimension (not the harness version, checked apart).
    public let fingerprint: String

    /// Loads the experiment's scenarios (their sizes checked against the limits unless
    /// `allowLarge`) and expands it into units.
    public init(_ experiment: Experiment, allowLarge: Bool = false) throws {
        self.experiment = experiment
        var scenarios: [PlannedScenario] = []
        for entry in experiment.scenarios {
            let scenario = try ScenarioLoader.load(path: entry.path)
            let size = ScenarioSize(scenario, scale: entry.scale)
            try size.check(file: entry.path, allowLarge: allowLarge)
            scenarios.append(PlannedScenario(path: entry.path, scenario: scenario, scale: entry.scale, size: size))
        }
        self.scenarios = scenarios
        let specs = experiment.configurations
        configurations = try specs.map { spec in
            guard let kind = DetectorCatalog.kind(spec.name) else { throw DetectorError.unknown(spec.name, known: DetectorCatalog.names) }
            return Configuration(detector: spec.name, name: try kind.make(spec).name)
        }
        var canonical = ["distillbench-experiment 1"]
        canonical.append("fpr_budget \(experiment.fprBudget)")
        canonical.append("embedding_dimension \(experiment.embeddingDimension)")
        canonical.append("tune_seeds \(experiment.tuningSeeds.map(String.init).joined(separator: ","))")
        canonical += configurations.map { "configuration \($0.name)" }
        let configurationHash = SHA256.hex(of: Data(canonical.joined(separator: "\n").utf8))
        var units: [ExperimentUnit] = []
        for (position, planned) in scenarios.enumerated() {
            let seeds: [(UInt64, ExperimentUnit.Role)] =
                experiment.tuningSeeds.map { ($0, .tuning) } + (experiment.evaluationSeeds ?? [planned.scenario.seed]).map { ($0, .evaluation) }
            for (seed, role) in seeds {
                let key = "\(role.rawValue):\(planned.scenario.contentHash.prefix(16))@\(planned.scale):\(seed):\(configurationHash.prefix(16))"
                units.append(
                    ExperimentUnit(
                        index: units.count, scenario: position, scenarioName: planned.scenario.name, seed: seed, role: role,
                        estimatedRequests: planned.size.requests, key: key))
                canonical.append("unit \(key)")
            }
        }
        self.units = units
        fingerprint = SHA256.hex(of: Data(canonical.joined(separator: "\n").utf8))
    }

    /// Fresh detectors of every configuration, in order.
    public func detectors() throws -> [any Detector] {
        try experiment.configurations.map { spec in
            guard let kind = DetectorCatalog.kind(spec.name) else { throw DetectorError.unknown(spec.name, known: DetectorCatalog.names) }
            return try kind.make(spec)
        }
    }

    /// The headline unit: the first evaluation seed of the first scenario.
    public var headline: ExperimentUnit? { units.first { $0.role == .evaluation } }

    /// The prompt feature sizes.
    public var features: PromptFeatureSettings { PromptFeatureSettings(embeddingDimension: experiment.embeddingDimension) }

    /// Request-equivalents of work per request of the headline's throughput sample: measuring
    /// throughput runs the shared features once and every detector four times (a warm-up and
    /// three timed passes) over the sample. Measured with four detectors on one thread: 2.09 s
    /// over 200,000 sampled `quickstart` requests where a whole unit of 207,000 took 1.12 s (×1.9
    /// per request), 1.64 s where a `tactic-hydra` unit of 269,000 took 0.94 s (×2.3).
    public static let throughputCost = 2.0

    /// Each unit's estimated work, in requests: its estimated requests, plus for the headline
    /// the throughput measurement over up to `throughputSample` of them (``throughputCost``).
    public func weights(throughputSample: Int = 0) -> [Int: Double] {
        guard throughputSample > 0, let headline else { return [:] }
        return [headline.index: Self.throughputCost * min(Double(throughputSample), headline.estimatedRequests)]
    }

    /// The units of shard `index` (1-based) of `count`, deterministic and balanced by estimated
    /// size (the headline's throughput measurement counted when `throughputSample` is given),
    /// together covering every unit exactly once; in plan order. A shard that evaluates a
    /// scenario also runs that scenario's tuning seeds, so when there are at least as many
    /// scenarios as shards each scenario stays whole (no tuning is run twice); otherwise units
    /// are spread one by one.
    public func shard(_ index: Int, of count: Int, throughputSample: Int = 0) -> [ExperimentUnit] {
        Self.assign(units, shards: count, extra: weights(throughputSample: throughputSample))[index - 1]
    }

    /// Every shard's units (see ``shard(_:of:throughputSample:)``): groups — whole scenarios, or
    /// single units when there are fewer scenarios than shards — taken largest first (ties by
    /// key), each onto the least-loaded shard (ties by lowest shard). A group's size is its units'
    /// estimated requests plus their `extra` work (by unit index). Shard 1 thus holds the largest
    /// group: with more shards than workers, a scheduler that starts shards in order (Dask does)
    /// runs the largest first and hands each next one to whichever worker is free.
    public static func assign(_ units: [ExperimentUnit], shards count: Int, extra: [Int: Double] = [:]) -> [[ExperimentUnit]] {
        guard count > 0 else { return [] }
        let scenarios = Dictionary(grouping: units, by: \.scenario)
        let groups: [[ExperimentUnit]] = scenarios.count >= count ? Array(scenarios.values) : units.map { [$0] }
        let sized = groups.map { group in
            (
                units: group, size: group.reduce(0.0) { $0 + max($1.estimatedRequests, 1) + (extra[$1.index] ?? 0) },
                key: group.map(\.key).min() ?? ""
            )
        }
        var loads = [Double](repeating: 0, count: count)
        var shares = [[ExperimentUnit]](repeating: [], count: count)
        for group in sized.sorted(by: { ($1.size, $0.key) < ($0.size, $1.key) }) {
            var lightest = 0
            for shard in loads.indices where loads[shard] < loads[lightest] { lightest = shard }
            loads[lightest] += group.size
            shares[lightest] += group.units
        }
        return shares.map { $0.sorted { $0.index < $1.index } }
    }
}

extension ExperimentPlan {
    /// The scale of every scenario, if they share one.
    public var uniformScale: Double? {
        let scales = Set(scenarios.map(\.scale))
        return scales.count == 1 ? scales.first : nil
    }

    /// Whether some tuning seed is also an evaluation seed.
    public var tunedOnEval: Bool {
        !Set(experiment.tuningSeeds).isDisjoint(with: experiment.evaluationSeeds ?? scenarios.map(\.scenario.seed))
    }
}
