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

    @Option(help: "Seed overriding the scenario's own.")
    var seed: UInt64?

    @Option(help: "Output directory (default: out/<scenario name>).")
    var out: String?

    @Option(help: "Table format: jsonl or csv.")
    var format: TraceFormat = .jsonl

    @Option(help: "Multiply every population's account count by this factor.")
    var scale: Double = 1

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard scale > 0, scale.isFinite else { throw ValidationError("--scale must be a positive number") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let loaded = try ScenarioLoader.load(path: scenario)
        let started = Date()
        let generator = TrafficGenerator(scenario: loaded, seed: seed, scale: scale)
        let directory = URL(filePath: out ?? "out/\(loaded.name)")
        let bar = ProgressBar("generating \(loaded.name)")
        let manifest = try TraceExport.write(
            generator, to: directory, format: format, threads: threads, progress: bar.update)
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        print(
            "wrote \(manifest.requests) requests from \(manifest.accounts) accounts to \(directory.relativePath) "
                + "in \(String(format: "%.1f", seconds)) s (\(Int(Double(manifest.requests) / max(seconds, 1e-9))) requests/s, seed \(manifest.seed))"
        )
    }
}

extension TraceFormat: ExpressibleByArgument {}
