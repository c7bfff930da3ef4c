import ArgumentParser
import Experiments
import Foundation
import GroundTruth
import Simulation
import Traffic

/// `distillbench validate`: checks a scenario file or a trace directory.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file, an experiment file or a trace directory.",
        discussion: """
            A scenario file (.yaml) is parsed and validated. A trace directory is read whole:
            every line parsed, ids unique, accounts known, values in range, the manifest's counts
            and the truth's accounts consistent. The first problem is reported with file and line.
            """)

    @Argument(help: "A scenario file (.yaml/.yml) or a trace directory.")
    var path: String

    @Option(parsing: .unconditional, help: "Scale of a scenario's size estimate (above 0, at most 1e6).")
    var scale = 1.0

    @Flag(help: "Accept a scenario beyond the size limits (5 M accounts, 50 M requests, 40 GB).")
    var allowLarge = false

    func validate() throws {
        try CommandSupport.checkScale(scale)
    }

    func run() throws {
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml"), ExperimentLoader.isExperiment(path: path) {
            let experiment = try ExperimentLoader.load(path: path)
            if let reproduction = experiment.reproduce {
                for entry in experiment.scenarios {
                    try ScenarioSize(try ScenarioLoader.load(path: entry.path), scale: entry.scale).check(file: entry.path, allowLarge: allowLarge)
                }
                print("valid experiment \(Terminal.escaped(experiment.name ?? path)): reproduces \(reproduction.rawValue)")
                return
            }
            let plan = try ExperimentPlan(experiment, allowLarge: allowLarge)
            let tuning = plan.units.filter { $0.role == .tuning }.count
            print(
                "valid experiment \(Terminal.escaped(plan.experiment.name ?? path)): \(plan.scenarios.count) scenarios, "
                    + "\(plan.configurations.count) detector configurations, \(plan.units.count) units "
                    + "(\(tuning) tuning, \(plan.units.count - tuning) evaluation)")
            return
        }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            let scenario = try ScenarioLoader.load(path: path)
            let size = ScenarioSize(scenario, scale: scale)
            try size.check(file: path, allowLarge: allowLarge)
            let adversarial = scenario.campaigns.filter { $0.accounts > 0 }.count
            print(
                "valid scenario \(scenario.name): \(scenario.populations.count) populations, "
                    + "\(scenario.campaigns.count) campaigns (\(adversarial) with accounts), \(scenario.models.count) models, "
                    + "\(scenario.duration / 3_600_000) h; estimated at scale \(scale): \(size.summary)")
            if size.requests < 1 {
                FileHandle.standardError.write(Data("warning: \(Terminal.escaped(path)): expected to produce no requests\n".utf8))
            }
            return
        }
        let trace = try TraceDirectory(url: URL(filePath: path))
        let report = try TraceValidator(trace: trace).validate()
        var truthNote = "no truth.json"
        if FileManager.default.fileExists(atPath: trace.truthURL.path) {
            let truth = try GroundTruth.read(from: trace.truthURL)
            let accounts = try trace.accounts()
            guard truth.accounts.map(\.account) == accounts.map(\.id) else {
                throw ValidationError("\(trace.truthURL.relativePath): its accounts differ from the account table's")
            }
            let positives = truth.accounts.filter(\.label.isPositive).count
            truthNote = "truth: \(positives) positive accounts, \(truth.campaigns.count) campaigns"
        }
        print(
            "valid trace \(path): \(report.requests) requests, \(report.accounts) accounts "
                + "(\(report.activeAccounts) active), \(truthNote)")
    }
}
