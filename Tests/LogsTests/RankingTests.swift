import Detection
import Evaluation
import Foundation
import Reporting
import Testing
import Traffic

@testable import Logs

/// An unlabelled log gets a ranking with evidence, never fabricated metrics.
struct RankingTests {
    static let map = "fields:\n  ts: {from: time, timestamp: epoch_s}\n  account: user\n  completion_tokens: out\n"

    /// Three accounts of three organisations paying with one card (a hydra cluster), three
    /// ordinary accounts, and the log of their requests.
    static func write(in directory: URL) throws -> (log: URL, accounts: URL) {
        let accounts = (1...3).map { #"{"account":"p\#($0)","org":"o\#($0)","created":1000,"payment":"card-9"}"# }
            + (1...3).map { #"{"account":"b\#($0)","org":"ob\#($0)","created":1000,"payment":"card-b\#($0)"}"# }
        var lines: [String] = []
        for minute in 0..<30 {
            for (index, user) in ["p1", "p2", "p3", "b1", "b2", "b3"].enumerated() where minute % (index % 3 + 1) == 0 {
                lines.append(#"{"time":\#(60 + minute * 60 + index),"user":"\#(user)","out":\#(user.hasPrefix("p") ? 900 : 50)}"#)
            }
        }
        return (
            try LogFixtures.write(lines.joined(separator: "\n") + "\n", "log.jsonl", in: directory),
            try LogFixtures.write(accounts.joined(separator: "\n") + "\n", "accounts.jsonl", in: directory)
        )
    }

    @Test func unlabelledLogIsRankedWithHydraEvidence() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (log, accounts) = try Self.write(in: directory)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let replay = try MappedLogReplay(log: log, map: map, accountsFile: accounts)
        let evaluation = try DetectorEvaluation(detectors: try DetectorCatalog.detectors("hydra,volume"), replay: replay)
        #expect(!evaluation.hasTruth)
        #expect(evaluation.outcomes.allSatisfy { !$0.report.available && $0.sweep == nil })

        let ranking = AccountRanking(source: "log.jsonl", evaluation: evaluation, traffic: evaluation.traffic, top: 5)
        #expect(ranking.metrics.hasPrefix("unavailable"))
        let hydra = try #require(ranking.detectors.first)
        #expect(hydra.detector == "hydra")
        #expect(Set(hydra.top.map(\.account)) == ["p1", "p2", "p3"])
        let first = try #require(hydra.top.first)
        #expect(first.evidence?["cluster_size"] == "3")
        // The card; with no prompt text in the log, the empty prompts also match as a template.
        #expect(first.evidence?["evidence_kinds"]?.split(separator: ",").contains("payment") == true)
        #expect(first.evidence?["cluster_members"].map { Set($0.split(separator: ",").map(String.init)) } == ["p1", "p2", "p3"])
        // Evidence of traffic: counts and shares of the log.
        let total = evaluation.traffic.totalRequests
        #expect(ranking.requests == total)
        for entry in hydra.top {
            let code = try #require(replay.accounts.firstIndex { $0.id == entry.account })
            #expect(entry.requests == evaluation.traffic.requests(of: code))
            #expect(abs(entry.requestShare - Double(entry.requests) / Double(total)) < 1e-12)
            #expect(entry.completionTokens == 900 * entry.requests)
            #expect(entry.flagged == (entry.maxScore >= 0.5))
            #expect((entry.firstFlagMs != nil) == entry.flagged)
        }
        // Volume names no evidence beyond traffic.
        #expect(ranking.detectors[1].top.allSatisfy { $0.evidence == nil })

        let json = try JSONSerialization.jsonObject(with: try ranking.encoded()) as? [String: Any]
        let detectors = try #require(json?["detectors"] as? [[String: Any]])
        let top = try #require(detectors.first?["top"] as? [[String: Any]])
        #expect(top.first?["max_score"] is Double && top.first?["request_share"] is Double)
        #expect((top.first?["evidence"] as? [String: String])?["cluster_size"] == "3")
        let markdown = RankingReport.markdown(ranking)
        #expect(markdown.contains("## hydra (default threshold 0.5)"))
        #expect(markdown.contains("cluster_members="))
    }

    @Test func rankingFollowsScoresThenTokensThenIDs() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (log, accounts) = try Self.write(in: directory)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let replay = try MappedLogReplay(log: log, map: map, accountsFile: accounts)
        let evaluation = try DetectorEvaluation(detectors: try DetectorCatalog.detectors("volume"), replay: replay)
        let ranking = AccountRanking(source: "log", evaluation: evaluation, traffic: evaluation.traffic, top: 2)
        let volume = try #require(ranking.detectors.first)
        #expect(volume.top.count == min(2, volume.scoredAccounts))
        let scores = evaluation.outcomes[0].scores
        let best = (0..<scores.accountCount).max { scores.maxScores[$0] < scores.maxScores[$1] }
        #expect(volume.top.first?.account == best.map { replay.accounts[$0].id })
    }
}
