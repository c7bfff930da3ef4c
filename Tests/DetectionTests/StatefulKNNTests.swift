import Detection
import Evaluation
import Features
import GroundTruth
import Testing
import Traffic

/// `knn-stateful` on query streams built for it (``QueryCampaigns``): a campaign that keeps
/// re-querying near a few inputs — Chen, Carlini & Wagner's black-box attacks, or a scaffold
/// resampled with small edits — against natural, diverse queries.
struct StatefulKNNTests {
    static let names = ["natural", "requery"]

    static func run(_ detector: StatefulKNNDetector) throws -> (board: ScoreBoard, requests: [Request]) {
        var campaigns = QueryCampaigns(seed: 21)
        let requests = QueryCampaigns.requests([
            ("natural", campaigns.natural(600)),
            ("requery", campaigns.perturbed(600, templates: 5, changes: 1)),
        ])
        let batches = stride(from: 0, to: requests.count, by: 300).map {
            DetectorHarness.batch(Array(requests[$0..<min($0 + 300, requests.count)]), accounts: names)
        }
        return (try DetectorHarness.run(detector, batches, accounts: names.count), requests)
    }

    @Test func catchesRequeryingNearNeighboursButNotDiverseQueries() throws {
        let detector = try StatefulKNNDetector()
        let (board, requests) = try Self.run(detector)
        // Flagged by the time each of its five inputs has been re-queried k times (its k nearest
        // are then copies of the same input): within 5 × 52 queries.
        let crossing = try #require(board.changePoints.first { $0.account == 1 && $0.score >= detector.defaultThreshold })
        let sentBefore = requests.filter { $0.account == "requery" && $0.ts <= crossing.time }.count
        #expect(sentBefore <= 260, "flagged after \(sentBefore) queries")
        #expect(board.score(of: 1) > 1.5)
        #expect(board.score(of: 0) < 0.9 * detector.defaultThreshold)
        // Nothing is scored before k earlier queries are held.
        let firstScored = try #require(board.changePoints.first { $0.account == 0 })
        #expect(requests.filter { $0.account == "natural" && $0.ts <= firstScored.time }.count >= 51)
    }

    @Test func scoreIsTheThresholdOverTheMeanDistance() throws {
        var settings = StatefulKNNDetector.Settings()
        settings.threshold = 0.5
        let half = try StatefulKNNDetector(settings: settings)
        let (board, _) = try Self.run(half)
        let (defaultBoard, _) = try Self.run(StatefulKNNDetector())
        let ratio = 0.5 / StatefulKNNDetector.Settings().threshold
        // The same mean distances, scaled (to within the 2 % recording step).
        for account in 0..<2 {
            let expected = defaultBoard.score(of: UInt32(account)) * ratio
            #expect(abs(board.score(of: UInt32(account)) - expected) <= 0.03 * expected)
        }
        #expect(half.name == "knn-stateful(threshold=0.5)")
    }

    @Test func refusesMoreNeighboursThanItKeeps() {
        #expect(throws: DetectorError.inconsistent(detector: "knn-stateful", reason: "k (60) must not exceed buffer (50)")) {
            var settings = StatefulKNNDetector.Settings()
            settings.k = 60
            settings.buffer = 50
            _ = try StatefulKNNDetector(settings: settings)
        }
    }

    /// A decoy near the target: benchmark harnesses re-send one grading template over every
    /// subject (`eval-harness`, the same traffic as `PradaTests`); their k nearest stay far
    /// enough apart (the persona's 0.1st percentile on calibration traffic is 0.62 against the
    /// threshold's 0.46), and they are not flagged.
    @Test func evaluationHarnessesAreNotFlagged() throws {
        let traffic = try PradaTests.harnesses()
        let detector = try StatefulKNNDetector()
        let board = try DetectorHarness.run(detector, traffic.batches, accounts: traffic.accounts.count)
        let harnesses = traffic.codes { $0.persona == "eval-harness" }
        #expect(harnesses.filter { traffic.requests(of: $0) > 200 }.count >= 2)
        for code in harnesses {
            #expect(board.score(of: code) < 0.8 * detector.defaultThreshold, "account \(code): \(traffic.requests(of: code)) requests")
        }
    }
}
