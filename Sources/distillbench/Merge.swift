import ArgumentParser
import Experiments
import Foundation
import Reporting
import ResultsModel
import Traffic

/// `distillbench merge`: partial folders of every shard of an experiment → the results folder
/// one `run` writes.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the partial folders of `run --shard I/N` into one results folder.",
        discussion: """
            The partials must be every shard of one experiment, once each, written by this version:
            the folder is then what a single `run` of the experiment writes (timings, throughput,
            peak memory and machine aside).
            """)

    @Argument(help: "Partial folders (written by run --shard).")
    var partials: [String]

    @Option(parsing: .unconditional, help: "Results folder.")
    var out: String

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    func validate() throws {
        guard !partials.isEmpty else { throw CommandError("name the partial folders to merge") }
    }

    func run() throws {
        let directory = try CommandSupport.outputDirectory(out, fallback: out, inputs: partials, force: force)
        let results = try ExperimentMerge.combine(paths: partials)
        try ResultsWriter.write(manifest: results.manifest, summary: results.summary, files: results.files, to: directory)
        print(Leaderboard.table(results.summary))
        CommandSupport.warnFailures(results.summary)
        print("\nwrote \(Terminal.escaped(out)) (merged \(partials.count) partials, \(results.summary.evaluations.count) evaluations)")
    }
}
