import ArgumentParser
import Evaluation
import Experiments
import Features
import Foundation
import GroundTruth
import Reporting
import Simulation
import Traffic

/// `distillbench reproduce`: regenerates a published result under `Results/published/`.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce a published result on generated traffic (Results/published/).",
        discussion: """
            window-mmd: the window-level experiment of Liu, Guo & Dong (arXiv 2606.05725) —
            pure and mixed campaign windows of 1,500 prompts against benign windows — on the
            prompts of --scenario at calibration seeds. Writes window-mmd-mixing.csv and .md.
            prada-synthetic-natural: Juuti et al. 2019's synthetic-versus-natural finding on
            hand-built query streams (no scenario). Writes prada-synthetic-natural.csv and .md.
            An experiment file with `reproduce: NAME` runs the same (`distillbench run FILE`).
            """)

    /// Where the files go unless told.
    static let defaultOut = "Results/published"

    @Argument(help: "The result to reproduce: \(Reproduction.names).")
    var result: String

    @Option(help: "Scenario whose benign and campaign prompts fill the windows (window-mmd).")
    var scenario = "Scenarios/realistic-mix.yaml"

    @Option(parsing: .unconditional, help: "Calibration seeds, comma-separated (each is a run; 900–999 by convention).")
    var seeds = "900,901,902"

    @Option(parsing: .unconditional, help: "Multiply every population and campaign by this factor.")
    var scale = 1.0

    @Option(parsing: .unconditional, help: "Output folder.")
    var out = Reproduce.defaultOut

    func validate() throws {
        guard Reproduction(rawValue: result) != nil else {
            throw CommandError("expected one of \(Reproduction.names), found \(Terminal.quoted(result))")
        }
        try CommandSupport.checkScale(scale)
    }

    func run() throws {
        guard let reproduction = Reproduction(rawValue: result) else { return }
        var command = "distillbench reproduce \(result)"
        if reproduction == .windowMMD {
            if scenario != "Scenarios/realistic-mix.yaml" { command += " --scenario \(scenario)" }
            if seeds != "900,901,902" { command += " --seeds \(seeds)" }
            if scale != 1 { command += " --scale \(scale)" }
        }
        if out != Self.defaultOut { command += " --out \(out)" }
        var experiment = Experiment(
            scenarios: [.init(path: scenario, scale: scale)], evaluationSeeds: try CommandSupport.seeds(seeds, option: "--seeds"),
            tuningSeeds: [], fprBudget: 0.001, detectors: [])
        experiment.reproduce = reproduction
        try Self.run(reproduction, experiment: experiment, out: out, dryRun: false, command: command)
    }

    /// Runs `reproduction` with the experiment's scenario and seeds, writing its files under `out`;
    /// `command` is the one recorded in the Markdown page.
    static func run(_ reproduction: Reproduction, experiment: Experiment, out: String, dryRun: Bool, command: String) throws {
        let directory = URL(filePath: out)
        let csvURL = directory.appending(path: "\(reproduction.fileStem).csv")
        let markdownURL = directory.appending(path: "\(reproduction.fileStem).md")
        if dryRun {
            let inputs = experiment.scenarios.map { "\(Terminal.escaped($0.path)) at scale \($0.scale)" } + (experiment.evaluationSeeds.map {
                ["seeds " + $0.map(String.init).joined(separator: ",")]
            } ?? [])
            print("reproduces \(reproduction.rawValue)\(inputs.isEmpty ? "" : " on " + inputs.joined(separator: ", ")); writes \(Terminal.escaped(csvURL.path)) and .md")
            return
        }
        let csv: String
        let markdown: String
        switch reproduction {
        case .windowMMD:
            guard var entry = experiment.scenarios.first else { throw CommandError("window-mmd needs a scenario") }
            // `Experiments/../Scenarios/x.yaml` as `Scenarios/x.yaml`: the page names the file plainly.
            let cwd = URL(filePath: FileManager.default.currentDirectoryPath).standardized.path + "/"
            let resolved = URL(filePath: entry.path.hasPrefix("/") ? entry.path : cwd + entry.path).standardized.path
            if resolved.hasPrefix(cwd) { entry.path = String(resolved.dropFirst(cwd.count)) }
            let seedList = experiment.evaluationSeeds ?? [900, 901, 902]
            let outcomes = try windowMMD(scenario: entry.path, seeds: seedList, scale: entry.scale)
            let settings = WindowMMDExperiment.Settings()
            csv = WindowMMDReport.csv(outcomes)
            markdown = WindowMMDReport.markdown(outcomes, settings: settings, scenario: entry.path, scale: entry.scale, command: command)
        case .pradaSyntheticNatural:
            let delta = 0.9
            let rows = try PradaSyntheticNatural.run(delta: delta)
            csv = PradaSyntheticNatural.csv(rows)
            markdown = PradaSyntheticNatural.markdown(rows, delta: delta, command: command)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try AtomicFile.write(Data(csv.utf8), to: csvURL)
        try AtomicFile.write(Data(markdown.utf8), to: markdownURL)
        print(markdown)
    }

    /// The window-MMD experiment's outcome at each seed, printing a line per seed.
    static func windowMMD(scenario: String, seeds seedList: [UInt64], scale: Double) throws -> [WindowMMDExperiment.Outcome] {
        let (loaded, _) = try CommandSupport.load(scenario, scale: scale, allowLarge: false)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let settings = WindowMMDExperiment.Settings()
        var outcomes: [WindowMMDExperiment.Outcome] = []
        for seed in seedList {
            let generator = TrafficGenerator(scenario: loaded, seed: seed, scale: scale)
            let tactics = Dictionary(uniqueKeysWithValues: generator.truth.campaigns.map { ($0.id, $0.tactic) })
            let tacticOf = generator.campaignIDs.map { tactics[$0] }
            let dimension = PromptFeatureSettings.standard.embeddingDimension
            var pools = WindowMMDPools(dimension: dimension, seed: seed)
            generator.runLabelled(threads: threads) { batch in
                let features = PromptFeatures(of: batch.requests, needs: .embedding, threads: threads)
                for row in 0..<batch.requests.count {
                    let campaign = Int(batch.campaigns[row])
                    pools.offer(features.embedding(row), tactic: campaign < 0 ? nil : tacticOf[campaign] ?? "unknown")
                }
            }
            let outcome = WindowMMDExperiment.run(pools, settings: settings, seed: seed)
            outcomes.append(outcome)
            let pure = outcome.rows.filter { $0.share == 1 }
            print(
                "seed \(seed): σ \(String(format: "%.4f", outcome.bandwidth)), threshold \(String(format: "%.3g", outcome.threshold)), "
                    + "benign FPR \(outcome.rows.first.map { String(format: "%.3f", $0.rate) } ?? "–"), pure TPR "
                    + String(format: "%.3f", pure.map(\.rate).reduce(0, +) / Double(max(1, pure.count))))
        }
        return outcomes
    }
}
