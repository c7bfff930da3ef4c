import ArgumentParser
import Evaluation
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
            """)

    @Argument(help: "The result to reproduce: window-mmd.")
    var result: String

    @Option(help: "Scenario whose benign and campaign prompts fill the windows.")
    var scenario = "Scenarios/realistic-mix.yaml"

    @Option(parsing: .unconditional, help: "Calibration seeds, comma-separated (each is a run; 900–999 by convention).")
    var seeds = "900,901,902"

    @Option(parsing: .unconditional, help: "Multiply every population and campaign by this factor.")
    var scale = 1.0

    @Option(parsing: .unconditional, help: "Output folder.")
    var out = "Results/published"

    func validate() throws {
        guard result == "window-mmd" else { throw CommandError("expected window-mmd, found \(Terminal.quoted(result))") }
        try CommandSupport.checkScale(scale)
    }

    func run() throws {
        let seedList = try CommandSupport.seeds(seeds, option: "--seeds") ?? []
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
        let directory = URL(filePath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var command = "distillbench reproduce window-mmd"
        if scenario != "Scenarios/realistic-mix.yaml" { command += " --scenario \(scenario)" }
        if seeds != "900,901,902" { command += " --seeds \(seeds)" }
        if scale != 1 { command += " --scale \(scale)" }
        if out != "Results/published" { command += " --out \(out)" }
        try AtomicFile.write(Data(WindowMMDReport.csv(outcomes).utf8), to: directory.appending(path: "window-mmd-mixing.csv"))
        let markdown = WindowMMDReport.markdown(outcomes, settings: settings, scenario: scenario, scale: scale, command: command)
        try AtomicFile.write(Data(markdown.utf8), to: directory.appending(path: "window-mmd-mixing.md"))
        print(markdown)
    }
}
