import Detection
import Evaluation
import Foundation
import GroundTruth
import Testing
import Traffic

@testable import Logs

/// A mapped log with a truth file is scored like a trace: exact metrics, no ranking needed.
struct LabelledLogTests {
    @Test func truthGivesMetricsAndAddsSilentAccounts() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (log, _) = try RankingTests.write(in: directory)
        let truth = GroundTruth(
            accounts: ["b1", "b2", "b3", "quiet"].map { AccountTruth(account: $0, label: .benign) }
                + ["p1", "p2", "p3"].map { AccountTruth(account: $0, label: .adversarial, tactic: "hydra", campaign: "c") },
            campaigns: [CampaignTruth(id: "c", tactic: "hydra", accounts: ["p1", "p2", "p3"], start: 0, end: 3_600_000, requested: 1)])
        let truthURL = directory.appending(path: "truth.json")
        try truth.encoded().write(to: truthURL)
        let map = try LogMapLoader.parse(RankingTests.map, file: "m.yaml")
        let replay = try MappedLogReplay(log: log, map: map, truthFile: truthURL)
        #expect(replay.accounts.map(\.id).last == "quiet")  // in the truth, silent in the log
        let evaluation = try DetectorEvaluation(detectors: try DetectorCatalog.detectors("volume"), replay: replay)
        #expect(evaluation.hasTruth)
        let report = try #require(evaluation.outcomes.first?.report)
        #expect(report.available)
        #expect(report.averagePrecision != nil && report.rocAUC != nil)
    }

    @Test func truthNamingAnUnlabelledLogAccountIsRefused() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (log, _) = try RankingTests.write(in: directory)
        let truth = GroundTruth(accounts: [AccountTruth(account: "p1", label: .benign)], campaigns: [])
        let truthURL = directory.appending(path: "truth.json")
        try truth.encoded().write(to: truthURL)
        let map = try LogMapLoader.parse(RankingTests.map, file: "m.yaml")
        let replay = try MappedLogReplay(log: log, map: map, truthFile: truthURL)
        #expect(throws: (any Error).self) {
            _ = try DetectorEvaluation(detectors: try DetectorCatalog.detectors("volume"), replay: replay)
        }
    }
}
