import Foundation
import Simulation
import Traffic

/// Small scenarios for tests, written inline so each test shows what it runs.
enum TestScenarios {
    /// Every persona, a few accounts each, over `hours`.
    static func allPersonas(hours: Int = 12, seed: UInt64 = 7, extra: String = "") -> String {
        """
        name: all-personas
        seed: \(seed)
        start: 2026-03-02T06:00:00Z
        duration: \(hours)h
        models:
          - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
          - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
          - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
          - {name: m-embed-1, family: embedding, released: 2025-06-01T00:00:00Z}
          - {name: m-large-2, family: large, released: 2026-03-02T12:00:00Z}
        populations:
          - {persona: chat-app, accounts: 2, params: {requests_per_day: 2000}}
          - {persona: coding-agent, accounts: 2, params: {requests_per_day: 2000}}
          - {persona: developer, accounts: 60}
          - {persona: enterprise-rag, accounts: 3, params: {requests_per_day: 800}}
          - {persona: eval-harness, accounts: 3, params: {requests_per_day: 1000}}
          - {persona: synthetic-data, accounts: 2, params: {requests_per_day: 1000}}
          - {persona: research-lab, accounts: 5}
          - {persona: router, accounts: 1, params: {requests_per_day: 3000}}
        \(extra)
        """
    }

    static func load(_ yaml: String, file: String = "test.yaml") throws -> Scenario {
        try ScenarioLoader.parse(Data(yaml.utf8), file: file)
    }

    /// Every request of a run, as rows.
    static func requests(_ generator: TrafficGenerator, threads: Int = 1, batchSize: Int = 1_000) -> [Request] {
        var rows: [Request] = []
        generator.run(threads: threads, batchSize: batchSize) { batch in
            for index in 0..<batch.count { rows.append(batch[index]) }
        }
        return rows
    }

    /// The JSONL bytes of a run.
    static func jsonl(_ generator: TrafficGenerator, threads: Int = 1, batchSize: Int = 8_192) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-test-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try JSONLRequestWriter(url: url)
        try generator.run(threads: threads, batchSize: batchSize) { try writer.write($0) }
        try writer.close()
        return try Data(contentsOf: url)
    }
}
