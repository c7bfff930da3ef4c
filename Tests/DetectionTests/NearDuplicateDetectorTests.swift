import Detection
import Foundation
import Testing
import Traffic

/// `near-duplicate` (after SEAT, Zhang et al. 2021): resampled scaffolds are caught at the
/// default threshold; an evaluation harness, which also fills templates, and ordinary chat are
/// not; exact repeats count, short prompts do not, and the table is bounded.
struct NearDuplicateDetectorTests {
    @Test func selfInstructIsCaughtAndTheHarnessIsNot() throws {
        let traffic = try GeneratedTraffic(
            populations: [
                "{persona: developer, accounts: 60, params: {requests_per_day: 20}}",
                "{persona: chat-app, accounts: 1, params: {requests_per_day: 1000}}",
                "{persona: eval-harness, accounts: 1, params: {requests_per_day: 1000, active_day_probability: 1, volume_sigma: 0, burst_size_mean: 100}}",
            ],
            campaigns: ["{id: instruct, tactic: self-instruct, accounts: 1, budget: 800}"])
        let detector = NearDuplicateDetector()
        let scores = try traffic.scores(detector)
        let campaign = try #require(scores["self-instruct"]?.first)
        let harness = try #require(scores["eval-harness"]?.first)
        let chat = try #require(scores["chat-app"]?.first)
        #expect(campaign >= detector.defaultThreshold, "self-instruct \(campaign)")
        #expect(harness > 0 && harness < detector.defaultThreshold, "eval-harness \(harness)")
        #expect(chat < detector.defaultThreshold, "chat-app \(chat)")
        #expect((scores["developer"] ?? []).allSatisfy { $0 < detector.defaultThreshold })
    }

    static func long(_ text: String) -> String {
        text + " — please answer in full sentences and keep the tone friendly and precise."
    }

    /// A prompt of 12 six-letter words of pseudo-random letters, by `index`.
    static func distinct(_ index: Int) -> String {
        var z = UInt64(index) &+ 0x9E37_79B9_7F4A_7C15
        return (0..<12).map { _ in
            String((0..<6).map { _ in
                z = (z ^ (z >> 29)) &* 0xBF58_476D_1CE4_E5B9 &+ 0x9E37_79B9_7F4A_7C15
                return Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8((z >> 40) % 26)))
            })
        }.joined(separator: " ")
    }

    @Test func exactRepeatsCountShortPromptsDoNotAndMemoryIsBounded() throws {
        var requests: [Request] = []
        for i in 0..<100 {
            // "a": one long prompt, 100 times; "b": 100 distinct long prompts; "c": a short one.
            requests.append(Request(id: "a\(i)", ts: Int64(3 * i), account: "a", prompt: Self.long("Explain photosynthesis")))
            requests.append(
                Request(id: "b\(i)", ts: Int64(3 * i + 1), account: "b", prompt: Self.distinct(i)))
            requests.append(Request(id: "c\(i)", ts: Int64(3 * i + 2), account: "c", prompt: "Thanks! Shorter?"))
        }
        let batch = DetectorHarness.batch(requests, accounts: ["a", "b", "c"])
        // The k-th repeat pairs with the k − 1 before it: mean 49.5 pairs per prompt.
        var settings = NearDuplicateDetector.Settings()
        let board = try DetectorHarness.run(NearDuplicateDetector(settings: settings), [batch], accounts: 3)
        #expect(abs(board.score(of: 0) - 49.5) < 1.5)
        #expect(board.score(of: 1) < 1)
        #expect(board.score(of: 2) == 0)
        // With a table of 8 prompts, a prompt pairs with at most 8.
        settings.memory = 8
        let bounded = try DetectorHarness.run(NearDuplicateDetector(settings: settings), [batch], accounts: 3)
        #expect(bounded.score(of: 0) <= 8 && bounded.score(of: 0) > 7)
    }

    @Test func bandsMustFitTheSignature() throws {
        var settings = NearDuplicateDetector.Settings()
        settings.rows = 9  // 72 bins > 64
        let batch = DetectorHarness.batch([Request(id: "r", ts: 0, account: "a", prompt: Self.long("x"))], accounts: ["a"])
        #expect(throws: DetectorError.self) { try DetectorHarness.run(NearDuplicateDetector(settings: settings), [batch], accounts: 1) }
    }
}
