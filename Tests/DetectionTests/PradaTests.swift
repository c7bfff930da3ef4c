import Detection
import Evaluation
import Features
import GroundTruth
import Testing
import Traffic

/// `prada` on query streams built for it (``QueryCampaigns``): the paper's synthetic-versus-
/// natural finding (Juuti et al. 2019, §VI: synthetic queries are flagged within a few hundred
/// queries, natural ones never), reproduced on prompts.
struct PradaTests {
    static let names = ["natural", "templated", "rephrased"]

    /// Three accounts of 600 queries each: natural prompts; 20 templates with one word changed
    /// per query (the paper's synthetic samples: small perturbations of a few seeds); and the
    /// same with five words changed out of 50 templates (heavier rewording).
    static func board(_ detector: PradaDetector) throws -> (board: ScoreBoard, requests: [Request]) {
        var campaigns = QueryCampaigns(seed: 5)
        let requests = QueryCampaigns.requests([
            ("natural", campaigns.natural(600)),
            ("templated", campaigns.perturbed(600, templates: 20, changes: 1)),
            ("rephrased", campaigns.perturbed(600, templates: 50, changes: 5)),
        ])
        let batches = stride(from: 0, to: requests.count, by: 500).map {
            DetectorHarness.batch(Array(requests[$0..<min($0 + 500, requests.count)]), accounts: names)
        }
        return (try DetectorHarness.run(detector, batches, accounts: names.count), requests)
    }

    /// At the paper's δ = 0.9 (the benchmark's default is calibrated lower: see `PradaDetector`).
    @Test func flagsTemplatedQueriesEarlyAndNaturalOnesNever() throws {
        var settings = PradaDetector.Settings()
        settings.delta = 0.9
        let detector = PradaDetector(settings: settings)
        let (board, requests) = try Self.board(detector)
        let threshold = detector.defaultThreshold
        #expect(abs(threshold - 0.1) < 1e-12)
        // Templated: flagged at its first test, after 100 of its queries (W ≈ 0.83 here).
        let crossing = try #require(board.changePoints.first { $0.account == 1 && $0.score >= threshold })
        let sentBefore = requests.filter { $0.account == "templated" && $0.ts <= crossing.time }.count
        #expect(sentBefore <= 110, "flagged after \(sentBefore) queries")
        // Natural: W stays near 0.98 over 50 tests.
        #expect(board.score(of: 0) < threshold / 2)
        // Heavier rewording sits in between: above natural, below the threshold.
        #expect(board.score(of: 2) > board.score(of: 0) && board.score(of: 2) < threshold)
    }

    /// δ is the paper's knob: at 0.96, with distances over 64 coordinates, the reworded templates
    /// are flagged as well, natural queries still not. (Over the default 32 the reworded ones'
    /// lowest W is 0.972 here: folding the embedding blurs heavier rewording towards natural.)
    @Test func aStricterDeltaCatchesHeavierRewording() throws {
        var settings = PradaDetector.Settings()
        settings.delta = 0.96
        settings.dimension = 64
        let detector = PradaDetector(settings: settings)
        let (board, _) = try Self.board(detector)
        #expect(board.score(of: 1) >= detector.defaultThreshold && board.score(of: 2) >= detector.defaultThreshold, "\(board.score(of: 0)) \(board.score(of: 1)) \(board.score(of: 2))")
        #expect(board.score(of: 0) < detector.defaultThreshold)
        #expect(detector.name == "prada(delta=0.96,dimension=64)")
    }

    /// No test before `min_queries`; tests every `test_every` queries after.
    @Test func testsOnlyOnItsSchedule() throws {
        var settings = PradaDetector.Settings()
        settings.minimumQueries = 50
        settings.testEvery = 25
        var detector = PradaDetector(settings: settings)
        var campaigns = QueryCampaigns(seed: 8)
        let requests = QueryCampaigns.requests([("natural", campaigns.natural(160))])
        let batch = DetectorHarness.batch(requests, accounts: ["natural"])
        let statistics = try detector.statistics(batch, features: PromptFeatures(of: batch, needs: .embedding))
        let tested = statistics.indices.filter { !statistics[$0].isNaN }.map { $0 + 1 }
        #expect(tested == [50, 75, 100, 125, 150])
    }

    /// Four benchmark harnesses (`eval-harness` decoys: templated grading prompts over every
    /// subject), generated at calibration seed 901 with their volume knobs set so that a day
    /// tests most of them (bursts of 100 instead of 1,500, active every day).
    static func harnesses() throws -> GeneratedTraffic {
        try GeneratedTraffic(
            hours: 24, seed: 901, start: "2026-03-02T06:00:00Z",
            populations: [
                "{persona: eval-harness, accounts: 4, params: {requests_per_day: 200, burst_size_mean: 100, active_day_probability: 1}}"
            ])
    }

    /// The nearest decoy: benchmark harnesses' templated prompts keep their distance sets near
    /// normal (W above 0.96 on calibration traffic), and they are not flagged.
    @Test func evaluationHarnessesAreNotFlagged() throws {
        let traffic = try Self.harnesses()
        let detector = PradaDetector()
        let board = try DetectorHarness.run(detector, traffic.batches, accounts: traffic.accounts.count)
        let harnesses = traffic.codes { $0.persona == "eval-harness" }
        #expect(harnesses.count == 4)
        // Most are busy enough to be tested.
        #expect(harnesses.filter { traffic.requests(of: $0) >= 200 }.count >= 2, "\(harnesses.map(traffic.requests))")
        for code in harnesses {
            #expect(board.score(of: code) < detector.defaultThreshold, "account \(code): \(traffic.requests(of: code)) requests")
        }
    }
}
