import Detection
import Foundation
import GroundTruth
import Simulation
import Traffic

/// Small generated traces for detector tests: a scenario's batches held in memory, and the
/// detector's maximum score per account grouped by what generated the account (persona or
/// tactic, read from the truth after the run — the detector never sees it).
struct GeneratedTraffic {
    let batches: [RequestBatch]
    let accounts: [Account]
    /// Group of each account code: `tactic` or `persona`.
    let groups: [String]

    /// Generates `populations` and `campaigns` (YAML flow mappings) over `hours` at `seed`.
    init(hours: Int = 24, seed: UInt64 = 901, populations: [String], campaigns: [String] = []) throws {
        let yaml = """
            name: detector-test
            seed: \(seed)
            start: 2026-03-02T00:00:00Z
            duration: \(hours)h
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
            populations:
            \(populations.map { "  - " + $0 }.joined(separator: "\n"))
            \(campaigns.isEmpty ? "" : "campaigns:\n" + campaigns.map { "  - " + $0 }.joined(separator: "\n"))
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "detector-test.yaml"))
        var batches: [RequestBatch] = []
        generator.run(batchSize: 4_096) { batches.append($0) }
        self.batches = batches
        accounts = generator.accounts
        let truth = Dictionary(uniqueKeysWithValues: generator.truth.accounts.map { ($0.account, $0) })
        let names = generator.accountNames
        groups = (0..<names.count).map { code in
            let entry = truth[names[UInt32(code)]]
            return entry?.tactic ?? entry?.persona ?? "?"
        }
    }

    /// Each group's maximum scores under `detector`, by account.
    func scores(_ detector: some Detector) throws -> [String: [Double]] {
        let board = try DetectorHarness.run(detector, batches, accounts: groups.count)
        var result: [String: [Double]] = [:]
        for (code, group) in groups.enumerated() { result[group, default: []].append(board.score(of: UInt32(code))) }
        return result
    }
}
