import ClosedLoop
import Detection
import Experiments
import Foundation
import Simulation
import Testing

/// Experiment files: grids expand to stably named configurations, and every error is one line
/// naming the file, the line and the key.
struct ExperimentFileTests {
    static func parse(_ text: String) throws(ScenarioError) -> Experiment {
        try ExperimentLoader.parse(Data(text.utf8), file: "/tmp/exp.yaml")
    }

    @Test func gridExpandsToEveryCombinationWithStableNames() throws {
        let experiment = try Self.parse(
            """
            experiment: grid
            scenarios: [quickstart.yaml]
            seeds: [1, 2, 3]
            tune_seeds: [11]
            detectors:
              volume: {}
              prada: {min_queries: [50, 100], delta: [0.90, 0.92, 0.95]}
            """)
        let names = try experiment.configurations.map { spec in try #require(DetectorCatalog.kind(spec.name)).make(spec).name }
        // Parameters in the detector's declared order (delta before min_queries), the first slowest;
        // defaults (min_queries=100) left out of the name.
        #expect(
            names == [
                "volume", "prada(delta=0.9,min_queries=50)", "prada(delta=0.9)", "prada(delta=0.92,min_queries=50)", "prada(delta=0.92)",
                "prada(delta=0.95,min_queries=50)", "prada(delta=0.95)",
            ])
        #expect(experiment.detectors.map(\.count) == [1, 6])
        #expect(experiment.evaluationSeeds == [1, 2, 3])
        #expect(experiment.tuningSeeds == [11])
        #expect(experiment.scenarios == [.init(path: "/tmp/quickstart.yaml", scale: 1)])
    }

    @Test func aSpecListWorksAsOnTheCommandLine() throws {
        let experiment = try Self.parse("scenarios: [{path: /s.yaml, scale: 0.5}]\ndetectors: volume(request_limit=300),hydra\n")
        #expect(experiment.configurations.map(\.name) == ["volume", "hydra"])
        #expect(experiment.scenarios[0].scale == 0.5)
        #expect(experiment.evaluationSeeds == nil)
    }

    @Test(arguments: [
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nseed: [1]\n", "/tmp/exp.yaml:3: seed: unknown key"),
        ("scenarios: [a.yaml]\ndetectors:\n  volume: {}\n  prada: {delta: [0.9, 2]}\n", "/tmp/exp.yaml:4: detectors.prada.delta[1]:"),
        ("scenarios: [a.yaml]\ndetectors:\n  volume: {windw_ms: 5}\n", "/tmp/exp.yaml:3: detectors.volume.windw_ms: unknown key"),
        ("scenarios: [a.yaml]\ndetectors:\n  nope: {}\n", "/tmp/exp.yaml:3: detectors.nope: unknown detector"),
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nseeds: [1, 2, 1]\n", "/tmp/exp.yaml:3: seeds[2]: seed 1 is listed twice"),
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nseeds: [1]\ntune_seeds: [1]\n", "/tmp/exp.yaml:4: tune_seeds: seed 1 is also"),
        ("scenarios:\n  - {path: a.yaml, scale: -1}\ndetectors: {volume: {}}\n", "/tmp/exp.yaml:2: scenarios[0].scale:"),
        ("scenarios:\n  - {scale: 1}\ndetectors: {volume: {}}\n", "/tmp/exp.yaml:2: scenarios[0]: missing key path"),
        ("scenarios: [a.yaml]\n", "/tmp/exp.yaml:1: missing key detectors"),
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nfpr_budget: 0\n", "/tmp/exp.yaml:3: fpr_budget:"),
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nenforce:\n  policies: [volume@high]\n", "/tmp/exp.yaml:4: enforce.policies[0]:"),
        ("scenarios: [a.yaml]\ndetectors: {volume: {}}\nenforce: {policies: [volume@default], action: shadowban}\n", "/tmp/exp.yaml:3: enforce.action:"),
        ("scenarios: [a.yaml, b.yaml]\ndetectors: {volume: {}}\nenforce: {policies: [volume@default]}\n", "/tmp/exp.yaml:3: enforce: closed loops run on one scenario"),
    ])
    func errorsNameFileLineAndKey(text: String, expected: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func enforcementPoliciesComeWithTheirActionAndInterval() throws {
        let experiment = try Self.parse(
            "scenarios: [a.yaml]\ndetectors: {hydra: {}}\nenforce: {policies: [hydra@tuned, 'volume(request_limit=300)@0.5'], action: throttle(rate=10), decision_interval: 15m}\n")
        #expect(experiment.enforcement.map(\.description) == ["hydra@tuned+throttle(rate=10)", "volume(request_limit=300)@0.5+throttle(rate=10)"])
        #expect(experiment.enforcement.allSatisfy { $0.decisionInterval == 900_000 })
    }

    @Test func recognisesExperimentFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "exp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("experiment: x\nscenarios: [a.yaml]\n".utf8).write(to: folder.appending(path: "e.yaml"))
        try Data("name: s\nseed: 1\n".utf8).write(to: folder.appending(path: "s.yaml"))
        #expect(ExperimentLoader.isExperiment(path: folder.appending(path: "e.yaml").path))
        #expect(!ExperimentLoader.isExperiment(path: folder.appending(path: "s.yaml").path))
        #expect(!ExperimentLoader.isExperiment(path: folder.appending(path: "missing.yaml").path))
    }
}
