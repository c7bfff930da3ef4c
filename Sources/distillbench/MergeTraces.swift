import ArgumentParser
import Foundation
import Simulation
import Traffic

/// `distillbench merge-traces`: partitions from `generate --shard I/N` in, the trace one
/// `generate` writes out, byte for byte.
struct MergeTraces: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-traces",
        abstract: "Merge the partitions of generate --shard I/N into one trace directory.",
        discussion: """
            Pass every partition (any order). The result is byte-identical to what one generate
            of the same scenario, seed, scale and format writes; requests are streamed, so memory
            grows with the number of partitions, not of requests. Partitions of another trace, a
            missing or a duplicate partition are refused; nothing is written then.
            """)

    @Argument(help: "The partition directories generate --shard wrote.")
    var partitions: [String]

    @Option(parsing: .unconditional, help: "Output trace directory.")
    var out: String

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    func run() throws {
        let directory = try CommandSupport.outputDirectory(out, fallback: out, inputs: partitions, force: force)
        let started = Date()
        let manifest = try TraceMerge.merge(partitions.map { URL(filePath: $0) }, to: directory)
        let seconds = Date().timeIntervalSince(started)
        print(
            "merged \(partitions.count) partitions: \(manifest.requests) requests from \(manifest.accounts) accounts to "
                + "\(Terminal.escaped(out)) in \(String(format: "%.1f", seconds)) s")
    }
}
