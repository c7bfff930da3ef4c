import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// Determinism, order and validity of generated traffic (issue 2, "What must hold").
struct GeneratorTests {
    @Test func sameSeedGivesIdenticalBytes() throws {
        let scenario = try TestScenarios.load(TestScenarios.allPersonas())
        let first = try TestScenarios.jsonl(TrafficGenerator(scenario: scenario))
        let second = try TestScenarios.jsonl(TrafficGenerator(scenario: scenario))
        #expect(first.count > 100_000)
        #expect(first == second)
    }

    @Test func differentSeedGivesDifferentTrace() throws {
        let scenario = try TestScenarios.load(TestScenarios.allPersonas())
        let first = try TestScenarios.jsonl(TrafficGenerator(scenario: scenario))
        let other = try TestScenarios.jsonl(TrafficGenerator(scenario: scenario, seed: 8))
        #expect(first != other)
    }

    @Test(arguments: [2, 3, 8])
    func threadCountDoesNotChangeOutput(threads: Int) throws {
        // Enough accounts for several shards, so workers really split the work.
        let scenario = try TestScenarios.load(
            TestScenarios.allPersonas(hours: 6).replacingOccurrences(of: "developer, accounts: 60", with: "developer, accounts: 3000"))
        let generator = TrafficGenerator(scenario: scenario)
        let single = try TestScenarios.jsonl(generator, threads: 1)
        let parallel = try TestScenarios.jsonl(generator, threads: threads, batchSize: 777)
        #expect(single == parallel)
    }

    @Test func requestsAreInTraceOrderWithUniqueIDs() throws {
        let generator = TrafficGenerator(scenario: try TestScenarios.load(TestScenarios.allPersonas()))
        let rows = TestScenarios.requests(generator)
        #expect(rows.count > 1_000)
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect((a.ts, a.account, a.id) < (b.ts, b.account, b.id), "\(a.id) before \(b.id)")
        }
        #expect(Set(rows.map(\.id)).count == rows.count)
    }

    @Test func everyFieldIsWithinItsRange() throws {
        let scenario = try TestScenarios.load(TestScenarios.allPersonas())
        let generator = TrafficGenerator(scenario: scenario)
        let accountIDs = Set(generator.accounts.map(\.id))
        let models = Set(scenario.models.map(\.name))
        for request in TestScenarios.requests(generator) {
            #expect(accountIDs.contains(request.account))
            #expect((scenario.start..<scenario.end).contains(request.ts))
            #expect(request.id.hasPrefix("req_") && request.id.count == 20)
            #expect(models.contains(request.model))
            #expect(TraceValidator.endpoints.contains(request.endpoint))
            #expect(!request.prompt.isEmpty && request.prompt.unicodeScalars.count <= 512)
            #expect(request.promptTokens >= 1 && request.completionTokens >= 0)
            #expect(request.maxTokens == 0 || request.completionTokens <= request.maxTokens * request.n)
            #expect((0...2).contains(request.temperature) && (0...1).contains(request.topP))
            #expect(request.n >= 1 && (0...20).contains(request.topLogprobs))
            #expect(request.logprobs || request.topLogprobs == 0)
            #expect([200, 400, 429, 500, 503].contains(request.status))
            #expect(request.status == 200 || request.completionTokens == 0)
            #expect(request.endpoint != "embeddings" || request.model == "m-embed-1")
            #expect(!request.key.isEmpty && !request.ip.isEmpty && request.asn > 0 && !request.ua.isEmpty)
        }
    }

    @Test func newModelIsOnlySentAfterItsRelease() throws {
        let scenario = try TestScenarios.load(TestScenarios.allPersonas(hours: 48))
        let released = try #require(scenario.models.first { $0.name == "m-large-2" }).released
        let rows = TestScenarios.requests(TrafficGenerator(scenario: scenario))
        let adopters = rows.filter { $0.model == "m-large-2" }
        #expect(!adopters.isEmpty)
        #expect(adopters.allSatisfy { $0.ts >= released })
    }

    @Test func truthLabelsEveryAccountAsBenignWithDecoys() throws {
        let generator = TrafficGenerator(scenario: try TestScenarios.load(TestScenarios.allPersonas()))
        let truth = generator.truth
        #expect(truth.accounts.map(\.account) == generator.accounts.map(\.id))
        #expect(truth.accounts.allSatisfy { $0.label == .benign })
        let decoyPersonas: Set = ["eval-harness", "synthetic-data", "research-lab", "router"]
        for entry in truth.accounts {
            #expect(entry.decoy == decoyPersonas.contains(entry.persona ?? ""))
        }
        #expect(Set(truth.accounts.compactMap(\.persona)).count == Persona.allCases.count)
    }

    @Test func accountTableDoesNotRevealPopulationOrder() throws {
        let generator = TrafficGenerator(scenario: try TestScenarios.load(TestScenarios.allPersonas()))
        let ids = generator.accounts.map(\.id)
        #expect(ids == ids.sorted())
        // Personas are interleaved in the sorted table, not in blocks.
        let personas = generator.truth.accounts.map { $0.persona ?? "" }
        let changes = zip(personas, personas.dropFirst()).filter { $0 != $1 }.count
        #expect(changes > 10)
    }

    @Test func scaleMultipliesAccounts() throws {
        let scenario = try TestScenarios.load(TestScenarios.allPersonas())
        let full = TrafficGenerator(scenario: scenario).accounts.count
        let half = TrafficGenerator(scenario: scenario, scale: 0.5).accounts.count
        #expect(full == 78)
        #expect(abs(half - full / 2) <= 4)
    }

    @Test func organisationsSharePaymentInstruments() throws {
        let scenario = try TestScenarios.load(
            TestScenarios.allPersonas().replacingOccurrences(of: "persona: research-lab, accounts: 5", with: "persona: research-lab, accounts: 40"))
        let accounts = TrafficGenerator(scenario: scenario).accounts
        let byPayment = Dictionary(grouping: accounts, by: \.payment)
        let shared = byPayment.values.filter { $0.count > 1 }
        #expect(!shared.isEmpty)
        for group in shared { #expect(Set(group.map(\.org)).count == 1) }
    }

    @Test func pipelinedRunGivesTheSameBatchesAndStopsOnError() throws {
        // Long enough for several batches.
        let generator = TrafficGenerator(scenario: try TestScenarios.load(TestScenarios.allPersonas(hours: 24)))
        var direct: [Int64] = []
        generator.run(threads: 2) { direct += $0.timestamps }
        var pipelined: [Int64] = []
        try generator.runPipelined(threads: 2) { pipelined += $0.requests.timestamps }
        #expect(direct == pipelined)

        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try generator.runPipelined(threads: 2) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }
}
