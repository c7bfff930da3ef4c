import ArgumentParser
import Detection
import Evaluation
import Foundation
import GroundTruth
import Reporting
import Simulation
import Traffic

/// `distillbench run`: generate scenarios in memory and evaluate detectors on them — the main job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate scenarios in memory and evaluate detectors: the main job.",
        discussion: """
            For each scenario, thresholds are tuned at the FPR budget on --tune-seeds and applied
            unchanged to --seeds (the `tuned` operating point); metrics are averaged over the
            evaluation seeds with 95 % intervals. Nothing is written but the results folder.
            """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Evaluation seeds, comma-separated (default: each scenario's own seed).")
    var seeds: String?

    @Option(help: "Tuning seeds, comma-separated (default: none, no tuned operating point).")
    var tuneSeeds: String?

    @Option(help: "Comma-separated detector names, or all.")
    var detectors = "all"

    @Option(help: "Multiply every population and campaign by this factor.")
    var scale = 1.0

    @Option(help: "Results folder (default: Results/<first scenario name>).")
    var out: String?

    @Option(help: "False-positive-rate budget.")
    var fprBudget = 0.001

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("name at least one scenario file") }
        guard scale > 0 else { throw ValidationError("--scale must be positive") }
    }

    static func parseSeeds(_ text: String?, option: String) throws -> [UInt64]? {
        guard let text else { return nil }
        return try text.split(separator: ",").map { part in
            guard let seed = UInt64(part.trimmingCharacters(in: .whitespaces)) else {
                throw CommandError("\(option): \"\(part)\" is not a seed (a non-negative integer)")
            }
            return seed
        }
    }

    func run() throws {
        _ = try DetectorCatalog.detectors(detectors)
        let evaluationSeeds = try Self.parseSeeds(seeds, option: "--seeds")
        let tuningSeeds = try Self.parseSeeds(tuneSeeds, option: "--tune-seeds") ?? []
        let loaded = try scenarios.map { try ScenarioLoader.load(path: $0) }
        let threads = ProcessInfo.processInfo.activeProcessorCount
        var evaluations: [(label: String, evaluation: DetectorEvaluation)] = []
        var summaries: [(label: String, summaries: [MetricsSummary])] = []
        var headline: DetectorEvaluation?

        for scenario in loaded {
            // Tune: each detector's fpr_budget threshold on the tuning seeds.
            var tuned: [String: Double] = [:]
            if !tuningSeeds.isEmpty {
                var seedsByDetector: [String: [(maxScores: [Double], positives: [Bool])]] = [:]
                for seed in tuningSeeds {
                    let generator = TrafficGenerator(scenario: scenario, seed: seed, scale: scale)
                    let replay = GeneratedReplay(generator: generator, threads: threads)
                    let runs = try DetectorRunner.run(try DetectorCatalog.detectors(detectors), replay: replay)
                    let positives = generator.truth.accounts.map(\.label.isPositive)
                    for run in runs {
                        let scores = try ScoreHistory(board: run.board, accountCount: generator.accounts.count)
                        seedsByDetector[run.name, default: []].append((scores.maxScores, positives))
                    }
                }
                for (name, seeds) in seedsByDetector {
                    tuned[name] = try ThresholdSelection.tuned(seeds: seeds, budget: fprBudget, rule: .median)
                }
            }
            var reports: [String: [MetricsReport]] = [:]
            for seed in evaluationSeeds ?? [scenario.seed] {
                let generator = TrafficGenerator(scenario: scenario, seed: seed, scale: scale)
                let replay = GeneratedReplay(generator: generator, threads: threads)
                var evaluation = try DetectorEvaluation(
                    detectors: try DetectorCatalog.detectors(detectors), replay: replay, tunedThresholds: tuned, fprBudget: fprBudget)
                if headline == nil { try Throughput.attach(to: &evaluation, detectors: detectors, replay: replay) }
                for outcome in evaluation.outcomes { reports[outcome.run.name, default: []].append(outcome.report) }
                evaluations.append(("\(scenario.name)/seed-\(seed)", evaluation))
                if headline == nil { headline = evaluation }
            }
            summaries.append((scenario.name, reports.keys.sorted().map { MetricsSummary(name: $0, reports: reports[$0] ?? []) }))
        }
        guard let headline else { return }
        let manifest: [String: any Sendable] = [
            "command": "run",
            "scenarios": loaded.map { ["name": $0.name, "sha256": $0.contentHash] },
            "seeds": (evaluationSeeds ?? loaded.map(\.seed)).map { "\($0)" },
            "tune_seeds": tuningSeeds.map { "\($0)" },
            "scale": scale, "fpr_budget": fprBudget,
            "detectors": Throughput.configurations(headline),
            "harness_version": Traffic.harnessVersion, "machine": Throughput.machine(),
        ]
        let directory = URL(filePath: out ?? "Results/\(loaded[0].name)")
        var results = ResultsWriter.Run(manifest: manifest, headline: headline, evaluations: evaluations, summaries: summaries)
        results.peakMemoryMiB = Throughput.peakMemoryMiB()
        try ResultsWriter.write(results, to: directory)
        print(Leaderboard.table(headline))
        print("\nwrote \(directory.relativePath) (\(evaluations.count) evaluations; peak memory \(Throughput.peakMemoryMiB()) MiB)")
    }
}

/// A usage problem found after parsing, reported on one line.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
