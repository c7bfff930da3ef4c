import ArgumentParser
import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import GroundTruth
import Reporting
import ResultsModel
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

    @Option(parsing: .unconditional, help: "Evaluation seeds, comma-separated (default: each scenario's own seed).")
    var seeds: String?

    @Option(parsing: .unconditional, help: "Tuning seeds, comma-separated (default: none, no tuned operating point).")
    var tuneSeeds: String?

    @Option(parsing: .unconditional, help: "Detector specs, comma-separated: name or name(param=value,…), or all (see `distillbench detectors`).")
    var detectors = "all"

    @Option(parsing: .unconditional, help: "Multiply every population and campaign by this factor (above 0, at most 1e6).")
    var scale = 1.0

    @Option(parsing: .unconditional, help: "Results folder (default: Results/<first scenario name>).")
    var out: String?

    @Option(parsing: .unconditional, help: "False-positive-rate budget, above 0 and at most 1.")
    var fprBudget = 0.001

    @Option(parsing: .unconditional, help: "Dimension of the shared hashed prompt embedding, 8 to 8192.")
    var embeddingDimension = PromptFeatureSettings.standard.embeddingDimension

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    @Flag(help: "Generate beyond the size limits (5 M accounts, 50 M requests, 40 GB per scenario).")
    var allowLarge = false

    @Flag(help: "Allow tuning seeds that are also evaluation seeds (the results are marked tuned_on_eval).")
    var allowTuneOnEval = false

    @Flag(help: "Print each scenario's estimated size and the seeds, and stop.")
    var dryRun = false

    @OptionGroup(title: "External detectors")
    var external: ExternalOptions

    func validate() throws {
        try CommandSupport.check(embeddingDimension, "--embedding-dimension", in: PromptFeatureSettings.dimensionRange)
        guard !scenarios.isEmpty else { throw CommandError("name at least one scenario file") }
        try CommandSupport.checkScale(scale)
        try CommandSupport.check(fprBudget, "--fpr-budget", in: Double.leastNonzeroMagnitude...1, expected: "a number above 0 and at most 1")
    }

    func run() throws {
        let externalNames = ExternalNames(inProcess: try DetectorCatalog.detectors(detectors).map(\.name))
        /// Fresh detectors for each pass: the built-in ones, then the external programs.
        func chosen() throws -> [any Detector] { try DetectorCatalog.detectors(detectors) + external.detectors(names: externalNames) }
        let evaluationSeeds = try CommandSupport.seeds(seeds, option: "--seeds")
        let tuningSeeds = try CommandSupport.seeds(tuneSeeds, option: "--tune-seeds") ?? []
        var loaded: [Scenario] = []
        var sizes: [ScenarioSize] = []
        for path in scenarios {
            let (scenario, size) = try CommandSupport.load(path, scale: scale, allowLarge: allowLarge || dryRun)
            loaded.append(scenario)
            sizes.append(size)
            if size.requests < 1 {
                FileHandle.standardError.write(Data("warning: \(Terminal.escaped(path)): expected to produce no requests\n".utf8))
            }
        }
        let overlap = Set(tuningSeeds).intersection(evaluationSeeds ?? loaded.map(\.seed))
        if !overlap.isEmpty, !allowTuneOnEval {
            throw CommandError(
                "--tune-seeds: seed \(overlap.sorted().map(String.init).joined(separator: ", ")) is also an evaluation seed; "
                    + "tuning on evaluation data overstates the tuned point (pass --allow-tune-on-eval to do it anyway)")
        }
        if dryRun {
            for (path, (scenario, size)) in zip(scenarios, zip(loaded, sizes)) {
                let over = size.excess(of: .default).map { "; over the limit: \($0), needs --allow-large" } ?? ""
                print("\(Terminal.escaped(path)): \(scenario.name) at scale \(scale): \(size.summary) per seed\(over)")
            }
            let evaluated = (evaluationSeeds ?? loaded.map(\.seed)).map(String.init).joined(separator: ",")
            print("evaluation seeds \(evaluated); tuning seeds \(tuningSeeds.isEmpty ? "none" : tuningSeeds.map(String.init).joined(separator: ","))")
            return
        }
        let directory = try CommandSupport.outputDirectory(
            out, fallback: "Results/\(loaded[0].name)", inputs: scenarios, force: force)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let featureSettings = PromptFeatureSettings(embeddingDimension: embeddingDimension)
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
                    let runs = try DetectorRunner.run(
                        try chosen(), replay: replay, threads: threads, features: featureSettings)
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
                    detectors: try chosen(), replay: replay, tunedThresholds: tuned, fprBudget: fprBudget,
                    threads: threads, features: featureSettings, throughputSample: headline == nil ? Throughput.sampleSize : 0)
                if headline == nil {
                    try Throughput.attach(to: &evaluation, detectors: try chosen(), features: featureSettings)
                }
                for outcome in evaluation.outcomes { reports[outcome.run.name, default: []].append(outcome.report) }
                evaluations.append(("\(scenario.name)/seed-\(seed)", evaluation))
                if headline == nil { headline = evaluation }
            }
            summaries.append((scenario.name, reports.keys.sorted().map { MetricsSummary(name: $0, reports: reports[$0] ?? []) }))
        }
        guard let headline else { return }
        var manifest = Throughput.manifest(command: "run", evaluation: headline, fprBudget: fprBudget, features: featureSettings)
        manifest.scenarios = loaded.map { ResultsManifest.Scenario(name: $0.name, sha256: $0.contentHash) }
        manifest.seeds = (evaluationSeeds ?? loaded.map(\.seed)).map { "\($0)" }
        manifest.tuneSeeds = tuningSeeds.map { "\($0)" }
        manifest.scale = scale
        manifest.tunedOnEval = !overlap.isEmpty
        var results = ResultsWriter.Run(
            manifest: manifest, headline: headline, evaluations: evaluations, summaries: summaries,
            source: evaluations.first?.label ?? loaded[0].name)
        results.peakMemoryMiB = Throughput.peakMemoryMiB()
        let summary = try ResultsWriter.write(results, to: directory)
        print(Leaderboard.table(summary))
        Throughput.warnFailures(headline)
        if !overlap.isEmpty { print("\nwarning: tuning seeds overlap evaluation seeds; results marked tuned_on_eval") }
        print("\nwrote \(Terminal.escaped(out ?? "Results/\(loaded[0].name)")) (\(evaluations.count) evaluations; peak memory \(Throughput.peakMemoryMiB()) MiB)")
    }
}
