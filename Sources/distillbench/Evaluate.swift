import ArgumentParser
import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Reporting
import Traffic

/// `distillbench evaluate`: detectors over a trace directory (generated or a real log).
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run detectors over a trace directory and write exact metrics to a results folder.",
        discussion: """
            Detectors see requests.jsonl and accounts.jsonl only. With truth.json the folder gets
            precision, recall, AP, ROC-AUC, time to detection, leaked tokens and the operating
            points of DESIGN §5; without it, scores only (metrics marked unavailable).
            """)

    @Argument(help: "The trace directory.")
    var trace: String

    @Option(parsing: .unconditional, help: "Detector specs, comma-separated: name or name(param=value,…), or all (see `distillbench detectors`).")
    var detectors = "all"

    @Option(parsing: .unconditional, help: "Results folder (default: Results/<trace name>).")
    var out: String?

    @Option(parsing: .unconditional, help: "False-positive-rate budget of the fpr_budget operating point, above 0 and at most 1.")
    var fprBudget = 0.001

    @Option(parsing: .unconditional, help: "Dimension of the shared hashed prompt embedding, 8 to 8192.")
    var embeddingDimension = PromptFeatureSettings.standard.embeddingDimension

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    @Flag(help: "Skip and count malformed or invalid requests instead of stopping at the first.")
    var skipInvalid = false

    @OptionGroup(title: "External detectors")
    var external: ExternalOptions

    func validate() throws {
        try CommandSupport.check(embeddingDimension, "--embedding-dimension", in: PromptFeatureSettings.dimensionRange)
        try CommandSupport.check(fprBudget, "--fpr-budget", in: Double.leastNonzeroMagnitude...1, expected: "a number above 0 and at most 1")
    }

    func run() throws {
        let chosen = try DetectorCatalog.detectors(detectors)
        let names = ExternalNames(inProcess: chosen.map(\.name))
        let featureSettings = PromptFeatureSettings(embeddingDimension: embeddingDimension)
        let url = URL(filePath: trace)
        let directory = try CommandSupport.outputDirectory(
            out, fallback: "Results/\(url.lastPathComponent)", inputs: [trace], force: force)
        let replay = try TraceReplay(
            url: url, skipInvalid: skipInvalid, fields: DetectorEvaluation.fieldsRead(by: chosen),
            threads: ProcessInfo.processInfo.activeProcessorCount)
        let clock = ContinuousClock()
        var evaluation: DetectorEvaluation?
        let elapsed = try clock.measure {
            evaluation = try DetectorEvaluation(
                detectors: chosen + external.detectors(names: names), replay: replay, fprBudget: fprBudget,
                threads: ProcessInfo.processInfo.activeProcessorCount, features: featureSettings,
                throughputSample: Throughput.sampleSize)
        }
        guard var evaluation else { return }
        try Throughput.attach(
            to: &evaluation, detectors: try DetectorCatalog.detectors(detectors) + external.detectors(names: names),
            features: featureSettings)
        let manifest: [String: any Sendable] = [
            "command": "evaluate", "trace": trace, "detectors": Throughput.configurations(evaluation),
            "fpr_budget": fprBudget, "harness_version": Traffic.harnessVersion, "machine": Throughput.machine(),
            "skipped_invalid_requests": replay.skipped.count,
            "prompt_features": ["embedding_dimension": featureSettings.embeddingDimension, "minhash_bins": featureSettings.minHashBins],
        ]
        var results = ResultsWriter.Run(
            manifest: manifest, headline: evaluation, evaluations: [(url.lastPathComponent, evaluation)], summaries: [])
        results.peakMemoryMiB = Throughput.peakMemoryMiB()
        try ResultsWriter.write(results, to: directory)
        print(Leaderboard.table(evaluation))
        Throughput.warnFailures(evaluation)
        if replay.skipped.count > 0 {
            let first = replay.skipped.first.map { " (first: \($0))" } ?? ""
            FileHandle.standardError.write(
                Data("warning: skipped \(replay.skipped.count) invalid requests\(Terminal.escaped(first))\n".utf8))
        }
        print("\nwrote \(Terminal.escaped(out ?? "Results/\(url.lastPathComponent)")) in \(String(format: "%.1f", elapsed.seconds)) s"
            + (evaluation.hasTruth ? "" : " (no truth.json: scores only, metrics unavailable)"))
    }
}
