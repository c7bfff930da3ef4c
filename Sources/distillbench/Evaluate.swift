import ArgumentParser
import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Logs
import Reporting
import ResultsModel
import Traffic

/// `distillbench evaluate`: detectors over a trace directory (generated or a real log).
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run detectors over a trace directory or a mapped log and write exact metrics to a results folder.",
        discussion: """
            Detectors see requests.jsonl and accounts.jsonl only. With truth.json the folder gets
            precision, recall, AP, ROC-AUC, time to detection, leaked tokens and the operating
            points of DESIGN §5; without it, a ranking of the most suspicious accounts per detector
            (ranking.json, ranking.md) and no metrics (marked unavailable). With --map, TRACE is a
            gateway's own log (JSONL or CSV) read through a map file (see README, "Real logs").
            """)

    @Argument(help: "The trace directory, or with --map a log file (JSONL or CSV).")
    var trace: String

    @Argument(help: "With --map: more log files of the same map, merged by time (equal times in the order given).")
    var moreLogs: [String] = []

    @Option(parsing: .unconditional, help: "Map file (YAML): how the log's columns map onto the trace's fields.")
    var map: String?

    @Option(parsing: .unconditional, help: "With --map: an account table (mapped by the map's accounts: section, else a trace's accounts.jsonl/.csv).")
    var accounts: String?

    @Option(parsing: .unconditional, help: "With --map: a truth.json, for metrics.")
    var truth: String?

    @Flag(help: "With --map: sort the log by ts, account, id first (external merge sort in a temporary directory) instead of refusing an out-of-order log.")
    var sort = false

    @Option(parsing: .unconditional, help: "With --sort: requests held in memory per sorted run (about 300–500 bytes each).")
    var sortRunSize = 250_000

    @Option(parsing: .unconditional, help: "Accounts per detector in the ranking of a log without truth.")
    var top = 10

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
        try CommandSupport.check(top, "--top", in: 1...100_000)
        try CommandSupport.check(sortRunSize, "--sort-run-size", in: 1...1_000_000_000)
        if map == nil, accounts != nil || truth != nil || sort || !moreLogs.isEmpty {
            throw ValidationError("--accounts, --truth, --sort and several logs go with --map (a trace directory carries its own tables)")
        }
        try CommandSupport.check(embeddingDimension, "--embedding-dimension", in: PromptFeatureSettings.dimensionRange)
        try CommandSupport.check(fprBudget, "--fpr-budget", in: Double.leastNonzeroMagnitude...1, expected: "a number above 0 and at most 1")
    }

    func run() throws {
        if let map {
            let logMap = try LogMapLoader.load(path: map)
            let url = URL(filePath: trace)
            let replay = try MappedLogReplay(
                logs: ([trace] + moreLogs).map { URL(filePath: $0) }, map: logMap, accountsFile: accounts.map { URL(filePath: $0) },
                truthFile: truth.map { URL(filePath: $0) }, skipInvalid: skipInvalid, sortRunSize: sort ? sortRunSize : nil)
            var notes: [String: JSONValue] = [
                "map": .string(map), "requests": .integer(replay.requestCount),
                "accounts_not_in_table": .integer(replay.accountsNotInTable),
                "skipped_invalid_by_kind": .object(replay.malformed.byName.mapValues(JSONValue.integer)),
            ]
            if let runs = replay.sortedRuns { notes["sorted_runs"] = .integer(runs) }
            if logMap.fields[.prompt] == nil {
                // Every prompt is empty: detectors of prompt text see one repeated prompt.
                let readers = try DetectorCatalog.detectors(detectors).filter { !$0.needs.isEmpty }.map(\.name)
                if !readers.isEmpty {
                    FileHandle.standardError.write(Data(
                        ("warning: the map gives no prompt, so every prompt is empty: what detectors reading prompt text"
                            + " (\(readers.joined(separator: ", "))) score on it is not evidence\n").utf8))
                }
            }
            if let accounts { notes["accounts"] = .string(accounts) }
            if !moreLogs.isEmpty { notes["logs"] = .array(([trace] + moreLogs).map(JSONValue.string)) }
            if let truth { notes["truth"] = .string(truth) }
            try evaluate(
                replay, name: url.deletingPathExtension().lastPathComponent,
                inputs: [trace, map] + moreLogs + [accounts, truth].compactMap { $0 }, notes: notes
            ) {
                (replay.malformed.total, replay.malformed.lines)
            }
        } else {
            let url = URL(filePath: trace)
            // Only the fields the detectors and metrics read are decoded (an external program reads all).
            let fields = external.commands.isEmpty ? DetectorEvaluation.fieldsRead(by: try DetectorCatalog.detectors(detectors)) : nil
            let replay = try TraceReplay(
                url: url, skipInvalid: skipInvalid, fields: fields, threads: ProcessInfo.processInfo.activeProcessorCount)
            try evaluate(replay, name: url.lastPathComponent, inputs: [trace], notes: nil) {
                (replay.skipped.count, replay.skipped.first.map { ["first: \($0)"] } ?? [])
            }
        }
    }

    /// Evaluates `replay` and writes the results folder; `skipped` tells what `--skip-invalid` skipped.
    private func evaluate<Base: BatchReplay>(
        _ replay: Base, name: String, inputs: [String], notes: [String: JSONValue]?,
        skipped: () -> (count: Int, lines: [String])
    ) throws {
        let chosen = try DetectorCatalog.detectors(detectors)
        let names = ExternalNames(inProcess: chosen.map(\.name))
        let featureSettings = PromptFeatureSettings(embeddingDimension: embeddingDimension)
        let directory = try CommandSupport.outputDirectory(
            out, fallback: "Results/\(name)", inputs: inputs, force: force)
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
        var manifest = Throughput.manifest(command: "evaluate", evaluation: evaluation, fprBudget: fprBudget, features: featureSettings)
        manifest.trace = trace
        manifest.skippedInvalidRequests = skipped().count
        manifest.log = notes
        let source = ([trace] + moreLogs).joined(separator: ", ")
        var results = ResultsWriter.Run(
            manifest: manifest, headline: evaluation, evaluations: [(name, evaluation)], summaries: [], source: source)
        results.peakMemoryMiB = Throughput.peakMemoryMiB()
        let ranking = evaluation.hasTruth ? nil : AccountRanking(source: source, evaluation: evaluation, traffic: evaluation.traffic, top: top)
        if let ranking {
            results.attachments["ranking.json"] = try ranking.encoded()
            results.attachments["ranking.md"] = Data(RankingReport.markdown(ranking).utf8)
        }
        let summary = try ResultsWriter.write(results, to: directory)
        print(Leaderboard.table(summary))
        if let ranking { print("\n" + RankingReport.table(ranking)) }
        CommandSupport.warnFailures(summary)
        let (skippedCount, skippedLines) = skipped()
        if skippedCount > 0 {
            FileHandle.standardError.write(Data("warning: skipped \(skippedCount) invalid requests\n".utf8))
            for line in skippedLines { FileHandle.standardError.write(Data("  \(Terminal.escaped(line))\n".utf8)) }
        }
        print("\nwrote \(Terminal.escaped(out ?? "Results/\(name)")) in \(String(format: "%.1f", elapsed.seconds)) s"
            + (evaluation.hasTruth ? "" : " (no truth: ranking only, metrics unavailable)"))
    }
}
