import Detection
import Evaluation
import Features
import Foundation
import GroundTruth
import Reporting
import ResultsModel
import Simulation
import Traffic

/// Runs units of an ``ExperimentPlan`` into an ``ExperimentPartial``: each scenario's tuning
/// seeds first (thresholds at the FPR budget, median over the seeds; AP per configuration), then
/// its evaluation seeds with those thresholds. A shard that evaluates a scenario also scores its
/// tuning seeds, whichever shard they are assigned to (a pure function: every shard gets the
/// same thresholds); only its own units are recorded.
public struct ExperimentRunner {
    public var plan: ExperimentPlan
    /// Threads per evaluation.
    public var threads: Int
    /// Detectors added to every configuration set (external programs), fresh on each call.
    public var extraDetectors: () throws -> [any Detector] = { [] }
    /// Requests of the headline's first batches kept for ``measureThroughput``.
    public var throughputSample = 0
    /// Measures throughput on the headline evaluation, with fresh detectors in outcome order.
    public var measureThroughput: ((inout DetectorEvaluation, [any Detector]) throws -> Void)?
    /// The manifest's detector entries from the headline evaluation.
    public var configurations: (DetectorEvaluation) -> [ResultsManifest.Detector] = { _ in [] }
    /// The manifest's machine facts.
    public var machine: [String: String] = [:]
    /// Called before each unit runs (progress).
    public var willRun: (ExperimentUnit) -> Void = { _ in }
    /// Called with each evaluation unit's evaluation (the closed loop takes its open-loop figures).
    public var didEvaluate: (ExperimentUnit, DetectorEvaluation) -> Void = { _, _ in }

    public init(plan: ExperimentPlan, threads: Int) {
        self.plan = plan
        self.threads = threads
    }

    /// The results of `units` (of this plan) as shard `shard` of `count`.
    public func run(_ units: [ExperimentUnit], shard: Int, of count: Int) throws -> ExperimentPartial {
        let features = plan.features
        func chosen() throws -> [any Detector] { try plan.detectors() + extraDetectors() }
        let assigned = Set(units.map(\.index))
        var tuningScores: [Int: [(name: String, maxScores: [Double], positives: [Bool])]] = [:]
        var thresholds: [Int: [String: Double]] = [:]
        var results: [UnitResult] = []
        var headline: HeadlineRecord?

        /// Scores one tuning unit (once per process).
        func score(_ unit: ExperimentUnit) throws -> [(name: String, maxScores: [Double], positives: [Bool])] {
            if let done = tuningScores[unit.index] { return done }
            willRun(unit)
            let planned = plan.scenarios[unit.scenario]
            let generator = TrafficGenerator(scenario: planned.scenario, seed: unit.seed, scale: planned.scale)
            let replay = GeneratedReplay(generator: generator, threads: threads)
            let runs = try DetectorRunner.run(try chosen(), replay: replay, threads: threads, features: features)
            let positives = generator.truth.accounts.map(\.label.isPositive)
            let scores = try runs.map { run in
                (run.name, try ScoreHistory(board: run.board, accountCount: generator.accounts.count).maxScores, positives)
            }
            tuningScores[unit.index] = scores
            return scores
        }
        /// The tuned thresholds of a scenario, from all its tuning units.
        func tuned(_ scenario: Int) throws -> [String: Double] {
            if let done = thresholds[scenario] { return done }
            var seedsByDetector: [String: [(maxScores: [Double], positives: [Bool])]] = [:]
            for unit in plan.units where unit.scenario == scenario && unit.role == .tuning {
                for entry in try score(unit) { seedsByDetector[entry.name, default: []].append((entry.maxScores, entry.positives)) }
            }
            var tuned: [String: Double] = [:]
            for (name, seeds) in seedsByDetector {
                tuned[name] = try ThresholdSelection.tuned(seeds: seeds, budget: plan.experiment.fprBudget, rule: .median)
            }
            thresholds[scenario] = tuned
            return tuned
        }

        for unit in plan.units where assigned.contains(unit.index) {
            switch unit.role {
            case .tuning:
                let scores = try score(unit)
                results.append(
                    UnitResult(
                        unit: unit.index, key: unit.key,
                        tuning: scores.map { .init(name: $0.name, ap: RankingCurve.averagePrecision(scores: $0.maxScores, labels: $0.positives)) }))
            case .evaluation:
                let tunedThresholds = try tuned(unit.scenario)
                willRun(unit)
                let isHeadline = unit.index == plan.headline?.index
                let planned = plan.scenarios[unit.scenario]
                let generator = TrafficGenerator(scenario: planned.scenario, seed: unit.seed, scale: planned.scale)
                let replay = GeneratedReplay(generator: generator, threads: threads)
                var evaluation = try DetectorEvaluation(
                    detectors: try chosen(), replay: replay, tunedThresholds: tunedThresholds, fprBudget: plan.experiment.fprBudget,
                    threads: threads, features: features, throughputSample: isHeadline ? throughputSample : 0)
                didEvaluate(unit, evaluation)
                if isHeadline {
                    try measureThroughput?(&evaluation, try chosen())
                    evaluation.sample = []
                    headline = HeadlineRecord(
                        configurations: configurations(evaluation), composition: evaluation.composition, activity: evaluation.activity,
                        topAccounts: AccountRanking(source: unit.label, evaluation: evaluation, traffic: evaluation.traffic, top: 10).detectors,
                        files: try ResultsWriter.headlineFiles(evaluation))
                }
                results.append(UnitResult(unit: unit.index, key: unit.key, detectors: evaluation.outcomes.map(ResultsWriter.result)))
            }
        }
        var manifest = ResultsManifest(
            command: "run", fprBudget: plan.experiment.fprBudget, detectors: headline?.configurations ?? [],
            harnessVersion: Traffic.harnessVersion, machine: machine)
        manifest.promptFeatures = .init(embeddingDimension: features.embeddingDimension, minhashBins: features.minHashBins)
        manifest.scenarios = plan.scenarios.map {
            ResultsManifest.Scenario(name: $0.scenario.name, sha256: $0.scenario.contentHash, scale: plan.uniformScale == nil ? $0.scale : nil)
        }
        manifest.seeds = (plan.experiment.evaluationSeeds ?? plan.scenarios.map(\.scenario.seed)).map { "\($0)" }
        manifest.tuneSeeds = plan.experiment.tuningSeeds.map { "\($0)" }
        manifest.scale = plan.uniformScale
        manifest.tunedOnEval = plan.tunedOnEval
        return ExperimentPartial(
            experiment: plan.fingerprint, shard: shard, of: count, plan: plan.units, configurations: plan.configurations,
            tuned: !plan.experiment.tuningSeeds.isEmpty, units: results, headline: headline, manifest: manifest)
    }
}
