import Detection
import Foundation
import Simulation
import Testing
import Traffic

/// `cot-elicitation`: reasoning-trace harvests are caught, evaluation harnesses (graded prompts,
/// short answers) and ordinary users are not.
struct CoTElicitationDetectorTests {
    static let threshold = CoTElicitationDetector().defaultThreshold

    static let eliciting = [
        "Prove that the sum of two odd numbers is even. Show your work.",
        "请一步一步地推导这个积分，写出推理过程。",
        "この確率の問題を順を追って説明してください。",
        "Calcula la derivada paso a paso.",
        "Löse die Gleichung Schritt für Schritt.",
        "Here is an answer about photosynthesis. Grade it against the rubric and explain each score.",
        "Avalie a resposta a seguir de 1 a 10.",
    ]

    static let ordinary = [
        "Write a SQL query that lists customers by revenue.", "Translate this paragraph into French.",
        "What does HTTP 429 mean?", "Give me three names for a bakery.",
    ]

    /// Four accounts over one batch: a harvest (eliciting prompts, long answers), an evaluation
    /// harness (the same prompts, answers of a few tokens), a developer (mostly ordinary
    /// prompts, now and then a reasoning request), and a handful of long reasoning questions.
    @Test func longTracesAreCaughtShortGradesAndOrdinaryUseAreNot() throws {
        var requests: [Request] = []
        for i in 0..<400 {
            let t = Int64(i) * 60_000
            requests.append(Request(id: "h\(i)", ts: t, account: "harvest", prompt: Self.eliciting[i % 7], completionTokens: 1_400))
            requests.append(Request(id: "e\(i)", ts: t + 1, account: "eval", prompt: Self.eliciting[i % 7], completionTokens: 12))
            let developerPrompt = i % 10 == 0 ? Self.eliciting[0] : Self.ordinary[i % 4]
            requests.append(Request(id: "d\(i)", ts: t + 2, account: "developer", prompt: developerPrompt, completionTokens: 600))
            if i < 6 {
                requests.append(Request(id: "f\(i)", ts: t + 3, account: "few", prompt: Self.eliciting[i], completionTokens: 2_000))
            }
        }
        let names = ["harvest", "eval", "developer", "few"]
        let board = try DetectorHarness.run(
            CoTElicitationDetector(), [DetectorHarness.batch(requests, accounts: names)], accounts: names.count)
        #expect(board.score(of: 0) > 0.9)
        #expect(board.score(of: 1) < Self.threshold)
        #expect(board.score(of: 2) < Self.threshold)
        // Six requests, however long their traces, weigh 6 / min_requests at most.
        #expect(board.score(of: 3) <= 6 / CoTElicitationDetector.Settings().minimumRequests + 1e-9)
        // Causal: the harvest's first 10 requests cannot reach the threshold yet (10 / 50).
        #expect(board.changePoints.filter { $0.account == 0 && $0.time < 10 * 60_000 }.allSatisfy { $0.score < Self.threshold })
    }

    @Test func traceTokensSetTheWeightOfShortAnswers() throws {
        let requests = (0..<100).map {
            Request(id: "e\($0)", ts: Int64($0), account: "eval", prompt: Self.eliciting[$0 % 7], completionTokens: 64)
        }
        let batch = DetectorHarness.batch(requests, accounts: ["eval"])
        let standard = try DetectorHarness.run(CoTElicitationDetector(), [batch], accounts: 1)
        var settings = CoTElicitationDetector.Settings()
        settings.traceTokens = 64
        let lenient = try DetectorHarness.run(CoTElicitationDetector(settings: settings), [batch], accounts: 1)
        #expect(abs(standard.score(of: 0) - 0.125) < 0.011)
        #expect(lenient.score(of: 0) > 0.99)
    }

    /// A generated day: a naive cot-elicitation campaign among developers, evaluation harnesses
    /// (the decoy nearest to it: rubric grading with reasoning on most prompts) and research labs.
    @Test func generatedCampaignIsCaughtAndEvaluationHarnessesAreNot() throws {
        let yaml = """
            name: cot-test
            seed: 905
            start: 2026-03-02T00:00:00Z
            duration: 1d
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
            populations:
              - {persona: developer, accounts: 150}
              - {persona: eval-harness, accounts: 4, params: {requests_per_day: 1500}}
              - {persona: research-lab, accounts: 8, params: {requests_per_day: 200}}
            campaigns:
              - {id: cot, tactic: cot-elicitation, accounts: 10, budget: 1200}
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "cot-test.yaml"))
        let board = try DetectorHarness.run(CoTElicitationDetector(), generated: generator)
        let scores = DetectorHarness.scores(board, truth: generator.truth, accounts: generator.accounts)
        let campaign = try #require(scores["cot-elicitation*"])
        #expect(campaign.filter { $0 >= Self.threshold }.count >= 9)
        #expect(try #require(scores["eval-harness"]).allSatisfy { $0 < Self.threshold })
        #expect(try #require(scores["research-lab"]).allSatisfy { $0 < Self.threshold })
        #expect(try #require(scores["developer"]).allSatisfy { $0 < Self.threshold })
    }
}
