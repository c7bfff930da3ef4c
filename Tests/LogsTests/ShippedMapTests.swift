import Detection
import Evaluation
import Foundation
import Testing
import Traffic

@testable import Logs

/// Each map in `maps/` on a fixture built to its log's real format.
struct ShippedMapTests {
    // MARK: - LiteLLM

    @Test func liteLLMExportsAsCSVAndJSONLReadTheSame() throws {
        let map = try LogFixtures.shippedMap("litellm-spendlogs.yaml")
        let csv = try LogFixtures.requests(LogFixtures.fixture("litellm_spendlogs.csv"), map: map).requests
        let jsonl = try LogFixtures.requests(LogFixtures.fixture("litellm_spendlogs.jsonl"), map: map).requests
        #expect(csv.count == 26)
        #expect(csv == jsonl)
    }

    @Test func liteLLMFieldsLandWhereTheyShould() throws {
        let map = try LogFixtures.shippedMap("litellm-spendlogs.yaml")
        let requests = try LogFixtures.requests(LogFixtures.fixture("litellm_spendlogs.csv"), map: map).requests
        let first = try #require(requests.first)
        #expect(first.id == "chatcmpl-cfcd208495d565ef66e7dff9")
        #expect(first.ts == 1_741_078_803_000)  // 2025-03-04 09:00:03.000, taken as UTC
        #expect(first.account == "alice@corp.example")
        #expect(first.key == "048bdd9d76b1ccd565494826210b71c4b1f8976a2ec1dd26046449f59d106f79")
        #expect(first.ip == "198.51.100.23")
        #expect(first.ua == "OpenAI/Python 1.61.0")
        #expect(first.model == "gpt-4o-mini")
        #expect((first.endpoint, first.promptTokens, first.completionTokens) == ("chat", 900, 180))
        #expect((first.stream, first.temperature, first.n, first.status, first.latencyMs) == (true, 0.2, 1, 200, 1970))
        // A key without an owner: its team is the account.
        #expect(requests.contains { $0.account == "team-legacy" && $0.endpoint == "completions" })
        // Embeddings, and the failed call.
        #expect(requests.filter { $0.endpoint == "embeddings" }.count == 4)
        #expect(requests.filter { $0.status == 500 }.map(\.account) == ["bob@corp.example"])
        // The harvester's request parameters come from proxy_server_request.body.
        let harvest = requests.filter { $0.account == "harvester@mail.example" }
        #expect(harvest.count == 14)
        #expect(harvest.allSatisfy { $0.logprobs && $0.topLogprobs == 5 && $0.maxTokens == 2048 })
        #expect(zip(requests, requests.dropFirst()).allSatisfy { $0.ts <= $1.ts })
    }

    @Test func liteLLMUserTableIsMappedToo() throws {
        let map = try LogFixtures.shippedMap("litellm-spendlogs.yaml")
        let replay = try MappedLogReplay(
            log: LogFixtures.fixture("litellm_spendlogs.jsonl"), map: map,
            accountsFile: LogFixtures.fixture("litellm_users.csv"))
        #expect(replay.accounts.map(\.id) == ["alice@corp.example", "bob@corp.example", "harvester@mail.example", "team-legacy"])
        #expect(replay.accounts.map(\.org) == ["org-corp", "org-corp", "team-free", "team-legacy"])
        #expect(replay.accounts[2].created == 1_741_041_670_500)
        #expect(replay.accounts[0].emailDomain == "alice@corp.example")
        #expect(replay.accountsNotInTable == 1)
        #expect(replay.requestCount == 26)
    }

    // MARK: - Azure LLM inference trace 2023

    @Test func azureSliceRanksItsPseudoAccounts() throws {
        let map = try LogFixtures.shippedMap("azure-llm-inference-2023.yaml")
        let replay = try MappedLogReplay(log: LogFixtures.fixture("azure_code_slice.csv"), map: map)
        #expect(replay.requestCount == 200)
        #expect(replay.accounts.count == 16)
        #expect(replay.accounts.allSatisfy { $0.id.hasPrefix("azure_code_slice-") })
        let evaluation = try DetectorEvaluation(detectors: try DetectorCatalog.detectors("volume,temporal"), replay: replay)
        #expect(!evaluation.hasTruth)
        let ranking = AccountRanking(source: "slice", evaluation: evaluation, traffic: evaluation.traffic, top: 5)
        #expect(ranking.requests == 200)
        #expect(ranking.start == "2023-11-16T18:17:03.979Z")
        let volume = try #require(ranking.detectors.first)
        #expect(volume.top.count == 5)
        #expect(zip(volume.top, volume.top.dropFirst()).allSatisfy { $0.maxScore >= $1.maxScore })
        #expect(volume.top.allSatisfy { $0.requests > 0 && $0.requestShare > 0 && $0.requestShare < 0.5 })
        let requests = try LogFixtures.requests(LogFixtures.fixture("azure_code_slice.csv"), map: map).requests
        let first = try #require(requests.first)
        #expect((first.id, first.promptTokens, first.completionTokens, first.model) == ("azure_code_slice-2", 4808, 10, "azure-azure_code_slice"))
    }
}
