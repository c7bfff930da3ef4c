import ArgumentParser

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
        version: "0.1.0",
        subcommands: [Generate.self, Validate.self, Run.self, Evaluate.self, Detectors.self, Bench.self, Audit.self])
}
