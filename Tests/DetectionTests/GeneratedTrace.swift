import Foundation
import GroundTruth
import Simulation
import Traffic

/// Small generated traces for detector tests: one population (or campaign) written inline,
/// every batch in memory, with the truth beside it for the test (never for the detector).
struct GeneratedTrace {
    let batches: [RequestBatch]
    let accounts: [Account]
    let truth: GroundTruth

    /// A trace of `populations` (YAML list items) over `hours` hours with a fixed seed.
    init(populations: [String], campaigns: [String] = [], hours: Int, seed: UInt64) throws {
        let yaml = """
            name: detector-test
            seed: \(seed)
            start: 2026-03-02T06:00:00Z
            duration: \(hours)h
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
              - {name: m-embed-1, family: embedding, released: 2025-06-01T00:00:00Z}
            populations:
            \(populations.map { "  - \($0)" }.joined(separator: "\n"))
            \(campaigns.isEmpty ? "" : "campaigns:\n" + campaigns.map { "  - \($0)" }.joined(separator: "\n"))
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "detector-test.yaml"))
        var batches: [RequestBatch] = []
        generator.run { batches.append($0) }
        self.batches = batches
        accounts = generator.accounts
        truth = generator.truth
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
