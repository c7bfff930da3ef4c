import Detection
import Foundation
import Testing
import Traffic

/// `coverage` (after Kesarwani et al. 2018): a coverage sweep is caught at the default
/// threshold; the benign persona that also sweeps — an evaluation harness, through templates —
/// is not, and focused developers rank below the sweep. (Customers that aggregate many users,
/// chat-app and router, cover like traffic does and are not separated: see the detector.)
struct CoverageDetectorTests {
    static let traffic = Result {
        try GeneratedTraffic(
            populations: [
                "{persona: developer, accounts: 80, params: {requests_per_day: 30}}",
                "{persona: eval-harness, accounts: 1, params: {requests_per_day: 1000, active_day_probability: 1, volume_sigma: 0, burst_size_mean: 100}}",
            ],
            campaigns: ["{id: bulk, tactic: bulk-harvest, accounts: 1, budget: 1000}"])
    }

    @Test func sweepIsCaughtAndTheSweepingHarnessIsNot() throws {
        let detector = CoverageDetector()
        let scores = try Self.traffic.get().scores(detector)
        let sweep = try #require(scores["bulk-harvest"]?.first)
        let harness = try #require(scores["eval-harness"]?.first)
        #expect(sweep >= detector.defaultThreshold, "bulk-harvest \(sweep)")
        #expect(harness > 0 && harness < detector.defaultThreshold, "eval-harness \(harness)")
        // Heavier developers approach traffic's coverage (2 of 80 reach the threshold here; 13
        // of 44,000 on realistic-mix at seed 900), but the sweep ranks above them all.
        let developers = scores["developer"] ?? []
        #expect(developers.filter { $0 >= detector.defaultThreshold }.count <= developers.count / 20)
        #expect(developers.allSatisfy { $0 < sweep })
    }

    @Test func entropyMeasureRanksTheSweepAboveTheHarness() throws {
        var settings = CoverageDetector.Settings()
        settings.measure = "entropy"
        let scores = try Self.traffic.get().scores(CoverageDetector(settings: settings))
        let sweep = try #require(scores["bulk-harvest"]?.first)
        let harness = try #require(scores["eval-harness"]?.first)
        #expect(sweep > harness + 0.05, "bulk-harvest \(sweep), eval-harness \(harness)")
    }

    @Test func templatedPromptsCoverFewCellsAndNothingIsScoredEarly() throws {
        // Account "a" repeats one question with a varying number; "b" asks about a different
        // subject every time (built from distinct words). Enough traffic for the cell shares.
        let subjects = (0..<400).map { "subject\($0) topic\($0 * 7) field\($0 * 13) area\($0 * 31)" }
        var requests: [Request] = []
        for i in 0..<3_000 {
            let account = i % 2 == 0 ? "a" : "b"
            let prompt = account == "a" ? "What is the capital of France? Answer number \(i % 5)." : "Tell me about \(subjects[(i / 2) % 400])."
            requests.append(Request(id: "r\(i)", ts: Int64(i), account: account, prompt: prompt))
        }
        let batch = DetectorHarness.batch(requests, accounts: ["a", "b"])
        let board = try DetectorHarness.run(CoverageDetector(), [batch], accounts: 2)
        #expect(board.score(of: 0) < 0.2)
        #expect(board.score(of: 1) > 0.8)
        // Causal and patient: nothing before the traffic holds 10 requests per cell (2,560).
        #expect(board.changePoints.allSatisfy { $0.time >= 2_559 })
    }
}
