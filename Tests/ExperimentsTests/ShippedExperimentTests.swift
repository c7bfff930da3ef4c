import Detection
import Evaluation
import Experiments
import Foundation
import Simulation
import Testing

/// The experiment files in `Experiments/`: each validates as `distillbench validate` checks it,
/// the reference ones are exactly the command-line runs behind `Results/`, a reproduction names
/// only what it reads, and the cheap PRADA reproduction gives the README's figures.
struct ShippedExperimentTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shipped() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "Experiments").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { root.appending(path: "Experiments/\($0)").path }
    }

    @Test func everyShippedExperimentValidates() throws {
        let files = try Self.shipped()
        #expect(files.count >= 7)
        var reproductions: Set<Reproduction> = []
        for file in files {
            #expect(ExperimentLoader.isExperiment(path: file), "\(file)")
            let experiment = try ExperimentLoader.load(path: file)
            if let reproduction = experiment.reproduce {
                reproductions.insert(reproduction)
                for entry in experiment.scenarios {
                    try ScenarioSize(try ScenarioLoader.load(path: entry.path), scale: entry.scale).check(file: entry.path, allowLarge: false)
                }
            } else {
                let plan = try ExperimentPlan(experiment)
                #expect(!plan.units.isEmpty, "\(file)")
            }
        }
        #expect(reproductions == Set(Reproduction.allCases), "every reproduction has an experiment file")
    }

    /// `Experiments/realistic-mix.yaml` and `hydra-2026.yaml` are the runs `make results` makes
    /// (`run Scenarios/X.yaml --seeds 1,2,3 --tune-seeds 11 --detectors all [--scale S]`): the same
    /// units and fingerprint, so the same results.
    @Test(arguments: [("realistic-mix", 1.0), ("hydra-2026", 0.1)])
    func referenceExperimentsAreTheCommandLineRuns(name: String, scale: Double) throws {
        let file = try ExperimentPlan(ExperimentLoader.load(path: Self.root.appending(path: "Experiments/\(name).yaml").path))
        let commandLine = try ExperimentPlan(
            Experiment(
                scenarios: [.init(path: Self.root.appending(path: "Scenarios/\(name).yaml").path, scale: scale)], evaluationSeeds: [1, 2, 3],
                tuningSeeds: [11], fprBudget: ThresholdSelection.defaultFPRBudget,
                detectors: DetectorCatalog.all.map { DetectorGrid(DetectorSpec(name: $0.name)) }))
        #expect(file.fingerprint == commandLine.fingerprint)
        #expect(file.units == commandLine.units)
    }

    @Test(arguments: [
        ("experiment: x\nreproduce: window-mdd\n", "/tmp/r.yaml:2: reproduce: unknown reproduction; expected one of window-mmd, prada-synthetic-natural"),
        ("reproduce: prada-synthetic-natural\nexperiment: x\ndetectors: all\n", "/tmp/r.yaml:3: detectors: not used by reproduce: prada-synthetic-natural"),
        ("experiment: x\nreproduce: window-mmd\nscenarios: [a.yaml]\ntune_seeds: [1]\n", "/tmp/r.yaml:4: tune_seeds: not used by reproduce: window-mmd"),
        ("experiment: x\nreproduce: window-mmd\nseeds: [900]\n", "/tmp/r.yaml:2: reproduce: reproduce: window-mmd needs scenarios"),
        ("experiment: x\nreproduce: window-mmd\nscenarios: [a.yaml, b.yaml]\n", "/tmp/r.yaml:3: scenarios: expected exactly one scenario"),
        ("experiment: x\nreproduce: window-mmd\nscenarios: [a.yaml]\nwindow: 5\n", "/tmp/r.yaml:4: window: unknown key"),
    ])
    func reproductionErrorsNameFileLineAndKey(text: String, expected: String) {
        do {
            _ = try ExperimentLoader.parse(Data(text.utf8), file: "/tmp/r.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func aReproductionReadsItsScenarioAndSeeds() throws {
        let experiment = try ExperimentLoader.parse(
            Data("experiment: w\nreproduce: window-mmd\nscenarios: [{path: ../S/a.yaml, scale: 0.5}]\nseeds: [900, 901]\n".utf8),
            file: "/tmp/e/w.yaml")
        #expect(experiment.reproduce == .windowMMD)
        #expect(experiment.scenarios == [.init(path: "/tmp/S/a.yaml", scale: 0.5)])
        #expect(experiment.evaluationSeeds == [900, 901])
        #expect(experiment.detectors.isEmpty)
    }

    /// README, "Research reproductions": at δ = 0.9 the templated campaign is flagged at its first
    /// test (100 queries, W 0.846), natural queries never in 51 tests (lowest W 0.983); the heavier
    /// rewording sits in between, unflagged (0.972). Tolerance: ±0.02 in W.
    @Test func pradaReproductionGivesTheReadmeFigures() throws {
        let experiment = try ExperimentLoader.load(path: Self.root.appending(path: "Experiments/prada-synthetic-natural.yaml").path)
        #expect(experiment.reproduce == .pradaSyntheticNatural)
        let rows = try PradaSyntheticNatural.run(delta: 0.9)
        #expect(rows.map(\.stream) == ["natural", "templated", "rephrased"])
        let natural = rows[0], templated = rows[1], rephrased = rows[2]
        #expect(templated.queriesToFlag == 100)
        #expect(abs(templated.lowestW - 0.846) < 0.02, "\(templated.lowestW)")
        #expect(natural.queriesToFlag == nil && natural.tests == 51)
        #expect(abs(natural.lowestW - 0.983) < 0.02, "\(natural.lowestW)")
        #expect(rephrased.queriesToFlag == nil && rephrased.lowestW < natural.lowestW && rephrased.lowestW > 0.9)
        #expect(try PradaSyntheticNatural.run(delta: 0.9) == rows, "deterministic")
    }
}
