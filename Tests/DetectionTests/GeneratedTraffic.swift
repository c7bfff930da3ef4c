import Detection
import Foundation
import GroundTruth
import Simulation
import Traffic

/// Small generated traces for detector tests: a scenario's batches held in memory, with the
/// truth beside them for the test, never for the detector — each account's group (tactic or
/// persona) and the codes of the accounts a predicate selects.
struct GeneratedTraffic {
    let batches: [RequestBatch]
    let accounts: [Account]
    let truth: GroundTruth
    /// Group of each account code: `tactic` or `persona`.
    let groups: [String]

    /// Generates `populations` and `campaigns` (YAML flow mappings) over `hours` from `start`
    /// at `seed`.
    init(
        hours: Int = 24, seed: UInt64 = 901, start: String = "2026-03-02T00:00:00Z", populations: [String],
        campaigns: [String] = []
    ) throws {
        let yaml = """
            name: detector-test
            seed: \(seed)
            start: \(start)
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
        truth = generator.truth
        let entries = Dictionary(uniqueKeysWithValues: truth.accounts.map { ($0.account, $0) })
        let names = generator.accountNames
        groups = (0..<names.count).map { code in
            let entry = entries[names[UInt32(code)]]
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

    /// The account codes (as the batches use them) whose truth satisfies `predicate`.
    func codes(where predicate: (AccountTruth) -> Bool) -> [UInt32] {
        guard let names = batches.first?.accountNames else { return [] }
        return truth.accounts.filter(predicate).compactMap { names.existingCode(for: $0.account) }
    }

    /// Requests sent by account `code`.
    func requests(of code: UInt32) -> Int {
        batches.reduce(0) { total, batch in total + batch.accounts.filter { $0 == code }.count }
    }
}
