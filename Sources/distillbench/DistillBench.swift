import ArgumentParser
import Foundation
import Traffic

/// The command-line tool: parse, load, call, print (DESIGN §1).
@main
struct DistillBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distillbench",
        abstract: "Simulate LLM API traffic with distillation campaigns and measure detectors on it.",
        discussion: """
            Start with:
              distillbench generate Scenarios/quickstart.yaml --out out/quickstart
              distillbench validate out/quickstart
            A trace directory holds requests.jsonl (or .csv), accounts.jsonl, truth.json and
            manifest.json; detectors only ever read the first two.
            """,
        version: Traffic.harnessVersion,
        subcommands: [
            Generate.self, Validate.self, Run.self, Evaluate.self, Report.self, Compare.self, Detectors.self, Bench.self, Audit.self,
            Reproduce.self, Merge.self, MergeTraces.self,
        ])

    /// Parses and runs a command. Temporaries are removed on SIGINT or SIGTERM; a failure is one
    /// line on standard error (`Error: …`, control characters escaped) and a non-zero status.
    static func main() {
        Temporaries.removeOnInterrupt()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            var message = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            if message.isEmpty { message = "\(error)" }
            let line = "Error: " + Terminal.escaped(message) + "\n"
            FileHandle.standardError.write(Data(line.utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
