import Detection
import Evaluation
import Features
import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// Issue 10, one pass over the data: the exposure ledgers computed during the detector pass
/// (``StreamingExposure``) equal the exact second pass of ``ExposureLedger`` array for array,
/// with and without campaign labels, over small batches that split milliseconds; a detector
/// whose rises come late falls back to the second pass and still gets exact metrics.
struct StreamingExposureTests {
    /// `realistic-mix` at scale 0.01: every tactic, a reseller's mixed accounts, decoys.
    static let traffic: MemoryReplay = {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try! ScenarioLoader.load(path: root.appending(path: "Scenarios/realistic-mix.yaml").path)
        let generator = TrafficGenerator(scenario: scenario, seed: 5, scale: 0.01)
        let truth = generator.truth
        let position = Dictionary(uniqueKeysWithValues: truth.campaigns.enumerated().map { ($1.id, Int32($0)) })
        let index = generator.campaignIDs.map { position[$0] ?? -1 }
        var batches: [RequestBatch] = []
        var labels: [[Int32]] = []
        generator.runLabelled(batchSize: 997) { batch in
            batches.append(batch.requests)
            labels.append(batch.campaigns.map { $0 < 0 ? -1 : index[Int($0)] })
        }
        return MemoryReplay(batches: batches, accounts: generator.accounts, truth: truth, labels: labels)
    }()

    static let detectorList = "volume,parameter-abuse,temporal,hydra,cot-elicitation,volume(window_ms=60000)"

    /// Scores every account by its request count at each request, and at `finish` raises one
    /// account's score at the time of its first request: a rise the ledger has long passed.
    struct LateRiser: Detector {
        let name = "late-riser"
        let defaultThreshold = 5.0
        var configuration: any DetectorConfiguration { NoParameters() }
        var counts: [Double] = []
        var first: (account: UInt32, time: Int64)?

        mutating func observe(_ batch: RequestBatch, features: Features.PromptFeatures, board: inout ScoreBoard) throws {
            if counts.count < batch.accountNames.count { counts += Array(repeating: 0, count: batch.accountNames.count - counts.count) }
            for i in 0..<batch.count {
                let account = batch.accounts[i]
                if first == nil { first = (account, batch.timestamps[i]) }
                counts[Int(account)] += 1
                board.record(account: account, time: batch.timestamps[i], score: counts[Int(account)].squareRoot())
            }
        }

        mutating func finish(board: inout ScoreBoard) throws {
            if let first { board.record(account: first.account, time: first.time, score: 1e9) }
        }
    }

    /// The two-pass ledger of `run`.
    static func secondPass(_ run: DetectorRun, replay: MemoryReplay, labelled: Bool) throws -> ExposureLedger {
        let scores = try ScoreHistory(board: run.board, accountCount: replay.accounts.count)
        let table = try TruthTable(accountIDs: replay.accounts.map(\.id), truth: try #require(replay.truth))
        var ledger = try ExposureLedger(scores: scores, truth: table)
        try replay.replay { batch, labels in try ledger.observe(batch, campaignLabels: labelled ? labels : nil) }
        ledger.finish()
        return ledger
    }

    /// One short line on failure, not the arrays.
    static func same(_ equal: Bool, _ name: String, _ what: String) {
        #expect(equal, "\(name): \(what) differ")
    }

    static func expectEqual(_ a: ExposureLedger, _ b: ExposureLedger, _ name: String) {
        same(a.requestsBefore == b.requestsBefore, name, "requests before")
        same(a.tokensBefore == b.tokensBefore, name, "tokens before")
        same(a.servedRequests == b.servedRequests, name, "served requests")
        same(a.servedTokens == b.servedTokens, name, "served tokens")
        same(a.campaignRequests == b.campaignRequests, name, "campaign requests")
        same(a.campaignTimes == b.campaignTimes, name, "campaign times")
        same(a.campaignRequestsBefore == b.campaignRequestsBefore, name, "campaign requests before")
        same(a.usedCampaignLabels == b.usedCampaignLabels, name, "labels used")
        same(a.requestCount == b.requestCount, name, "requests")
    }

    @Test(arguments: [true, false])
    func streamedLedgersEqualTheSecondPass(labelled: Bool) throws {
        let base = Self.traffic
        let replay = MemoryReplay(
            batches: base.batches, accounts: base.accounts, truth: base.truth, labels: labelled ? base.labels : nil)
        let table = try TruthTable(accountIDs: replay.accounts.map(\.id), truth: try #require(replay.truth))
        let detectors = try DetectorCatalog.detectors(Self.detectorList)
        var exposure = StreamingExposure(detectors: detectors.count, truth: table)
        let runs = try DetectorRunner.run(detectors, replay: replay, threads: 2) { batch, labels, rises in
            if let batch { try exposure.observe(batch, campaignLabels: labels, rises: rises) } else { exposure.finish(rises: rises) }
        }
        #expect(exposure.lateDetectors.isEmpty, "late: \(exposure.lateDetectors.map { runs[$0].name })")
        var changePoints = 0
        for (index, run) in runs.enumerated() {
            let scores = try ScoreHistory(board: run.board, accountCount: replay.accounts.count)
            changePoints += scores.changePointCount
            let streamed = try #require(try exposure.ledger(of: index, scores: scores, board: run.board))
            Self.expectEqual(streamed, try Self.secondPass(run, replay: replay, labelled: labelled), run.name)
        }
        #expect(changePoints > 1_000)  // the comparison has something to compare
        #expect(base.batches.count > 20)
    }

    /// A late rise is detected, and the evaluation falls back to the exact second pass for
    /// that detector only: its report equals the one built from the two-pass ledger.
    @Test func lateRisesFallBackToTheSecondPass() throws {
        let replay = Self.traffic
        let evaluation = try DetectorEvaluation(detectors: [try DetectorCatalog.detectors("volume")[0], LateRiser()], replay: replay, threads: 1)
        let run = evaluation.outcomes[1].run
        let table = try TruthTable(accountIDs: replay.accounts.map(\.id), truth: try #require(replay.truth))
        var exposure = StreamingExposure(detectors: 2, truth: table)
        _ = try DetectorRunner.run([try DetectorCatalog.detectors("volume")[0], LateRiser()], replay: replay, threads: 1) { batch, labels, rises in
            if let batch { try exposure.observe(batch, campaignLabels: labels, rises: rises) } else { exposure.finish(rises: rises) }
        }
        #expect(exposure.lateDetectors == [1])
        let ledger = try Self.secondPass(run, replay: replay, labelled: true)
        let expected = try MetricsEvaluator(ledger: ledger).report(name: run.name, defaultThreshold: run.defaultThreshold, fprBudget: 0.001)
        #expect(evaluation.outcomes[1].report == expected)
    }
}
