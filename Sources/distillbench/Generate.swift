import ArgumentParser
import Foundation
import Simulation
import Traffic

/// `distillbench generate`: a scenario in, a trace directory out.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a trace directory from a scenario file.",
        discussion: """
            Writes requests, accounts, truth.json and manifest.json into the output directory,
            atomically: on any error nothing is left under its name. The same scenario and seed
            always give byte-identical files, whatever --threads is.
            """)

    @Argument(help: "The scenario file (YAML), e.g. Scenarios/quickstart.yaml.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Seed overriding the scenario's own (0 to 2^64 - 1).", transform: CommandSupport.seed)
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Output directory (default: out/<scenario name>).")
    var out: String?

    @Option(help: "Table format: jsonl or csv.")
    var format: TraceFormat = .jsonl

    @Option(parsing: .unconditional, help: "Multiply every population's account count by this factor (above 0, at most 1e6).")
    var scale: Double = 1

    @Option(parsing: .unconditional, help: "Worker threads, 1 to 1024 (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    @Flag(help: "Generate beyond the size limits (5 M accounts, 50 M requests, 40 GB).")
    var allowLarge = false

    @Option(
        parsing: .unconditional,
        help: "Write only partition I of N of the accounts, e.g. 2/3, for merge-traces (default out: out/<scenario name>.part-I-of-N).",
        transform: { try ActorPartition(parsing: $0) })
    var shard: ActorPartition?

    func validate() throws {
        try CommandSupport.checkScale(scale)
        try CommandSupport.check(threads, "--threads", in: 1...1024)
    }

    func run() throws {
        let (loaded, size) = try CommandSupport.load(scenario, scale: scale, allowLarge: allowLarge)
        if let shard { return try writePartition(shard, of: loaded, size: size) }
        let directory = try CommandSupport.outputDirectory(out, fallback: "out/\(loaded.name)", inputs: [scenario], force: force)
        let started = Date()
        let generator = TrafficGenerator(scenario: loaded, seed: seed, scale: scale)
        let bar = ProgressBar("generating \(loaded.name) (\(size.summary))")
        let manifest = try TraceExport.write(
            generator, to: directory, format: format, threads: threads, progress: bar.update)
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        print(
            "wrote \(manifest.requests) requests from \(manifest.accounts) accounts to \(Terminal.escaped(out ?? "out/\(loaded.name)")) "
                + "in \(String(format: "%.1f", seconds)) s (\(Int(Double(manifest.requests) / max(seconds, 1e-9))) requests/s, seed \(manifest.seed))"
        )
        if manifest.requests == 0 {
            FileHandle.standardError.write(Data("warning: the scenario produced no requests\n".utf8))
        }
    }
}

extension TraceFormat: ExpressibleByArgument {}
