import Evaluation
import Foundation
import Experiments
import ResultsModel
import Testing
import Traffic

/// Merging partials: the best configuration is chosen on the tuning seeds only and reported
/// with its evaluation figures; mismatched, missing and duplicate shards are refused.
struct ExperimentMergeTests {
    static let configurations = [
        ExperimentPlan.Configuration(detector: "volume", name: "volume(request_limit=150)"),
        ExperimentPlan.Configuration(detector: "volume", name: "volume"),
        ExperimentPlan.Configuration(detector: "hydra", name: "hydra"),
    ]

    /// Units: one tuning seed (11), evaluation seeds 1 and 2, one scenario.
    static let plan = [
        ExperimentUnit(index: 0, scenario: 0, scenarioName: "s", seed: 11, role: .tuning, estimatedRequests: 10, key: "t11"),
        ExperimentUnit(index: 1, scenario: 0, scenarioName: "s", seed: 1, role: .evaluation, estimatedRequests: 10, key: "e1"),
        ExperimentUnit(index: 2, scenario: 0, scenarioName: "s", seed: 2, role: .evaluation, estimatedRequests: 10, key: "e2"),
    ]

    static func result(_ name: String, ap: Double) -> DetectorResult {
        DetectorResult(
            report: MetricsReport(
                name: name, available: true, defaultThreshold: 0.5, fprBudget: 0.01, averagePrecision: ap, rocAUC: ap, accounts: 10,
                positives: 2, negatives: 8, campaigns: 1, changePoints: 3, usedCampaignLabels: true, operatingPoints: []),
            status: "ok", failure: nil)
    }

    /// Tuning favours `volume(request_limit=150)` (0.9 against 0.4); evaluation favours `volume`.
    static func results() -> [UnitResult] {
        [
            UnitResult(
                unit: 0, key: "t11",
                tuning: [.init(name: "volume(request_limit=150)", ap: 0.9), .init(name: "volume", ap: 0.4), .init(name: "hydra", ap: nil)]),
            UnitResult(unit: 1, key: "e1", detectors: [result("volume(request_limit=150)", ap: 0.2), result("volume", ap: 0.8), result("hydra", ap: 0.5)]),
            UnitResult(unit: 2, key: "e2", detectors: [result("volume(request_limit=150)", ap: 0.3), result("volume", ap: 0.7), result("hydra", ap: 0.5)]),
        ]
    }

    static func partial(_ shard: Int, of count: Int, units: [UnitResult], experiment: String = "abc") -> ExperimentPartial {
        let headline = units.contains { $0.unit == 1 }
            ? HeadlineRecord(configurations: [], composition: nil, activity: nil, topAccounts: nil, files: ["sweep/volume.csv": Data("x\n".utf8)])
            : nil
        return ExperimentPartial(
            experiment: experiment, shard: shard, of: count, plan: plan, configurations: configurations, tuned: true, units: units,
            headline: headline, manifest: ResultsManifest(command: "run", fprBudget: 0.01, detectors: [], harnessVersion: Traffic.harnessVersion, machine: [:]))
    }

    @Test func bestIsChosenOnTuningSeedsAndReportedOnEvaluationSeeds() throws {
        let units = Self.results()
        let merged = try ExperimentMerge.combine(
            [Self.partial(2, of: 2, units: [units[2]]), Self.partial(1, of: 2, units: [units[0], units[1]])], sources: ["b", "a"])
        let best = try #require(merged.summary.best)
        #expect(best.map(\.configuration) == ["volume(request_limit=150)"], "hydra has no tuning AP: no choice")
        #expect(best[0].candidates == 2)
        #expect(best[0].tuningAP == 0.9)
        #expect(best[0].evaluation.name == "volume(request_limit=150)")
        #expect(best[0].evaluation.averagePrecision.mean == 0.25)
        #expect(merged.summary.evaluations.map(\.label) == ["s/seed-1", "s/seed-2"])
        #expect(merged.files.keys.sorted() == ["sweep/volume.csv"])
        // The same from one partial holding everything.
        let whole = try ExperimentMerge.combine([Self.partial(1, of: 1, units: units)], sources: ["all"])
        #expect(whole.summary == merged.summary)
    }

    @Test func refusesMismatchedMissingAndDuplicateShards() {
        let units = Self.results()
        let first = Self.partial(1, of: 2, units: [units[0], units[1]])
        let second = Self.partial(2, of: 2, units: [units[2]])
        func refusal(_ partials: [ExperimentPartial]) -> String? {
            do {
                _ = try ExperimentMerge.combine(partials, sources: partials.map { "part-\($0.shard)" })
                return nil
            } catch { return error.description }
        }
        #expect(refusal([first]) == "shard 2/2 is missing")
        #expect(refusal([first, second, second]) == "shard 2/2 given twice: part-2 and part-2")
        #expect(refusal([first, Self.partial(2, of: 2, units: [units[2]], experiment: "other")])?.contains("part-2: a partial of another experiment") == true)
        #expect(refusal([first, Self.partial(2, of: 3, units: [units[2]])])?.contains("part-2: shard 2/3, but part-1 is of 2 shards") == true)
        var old = second
        old.harnessVersion = "0.0.1"
        #expect(refusal([first, old])?.hasPrefix("part-2: written by distillbench 0.0.1") == true)
        #expect(refusal([first, Self.partial(2, of: 2, units: [])]) == "unit 2 (e2) is in no partial")
    }
}
