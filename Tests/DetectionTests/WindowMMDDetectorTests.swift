import Detection
import Foundation
import Testing
import Traffic

/// `window-mmd` (Liu, Guo & Dong 2026) per account: a window of self-instruct scaffolds stands
/// out from the traffic's mean embedding; a customer whose prompts are as varied as traffic
/// (chat-app, router) does not; scoring waits for the bandwidth sample and full windows.
struct WindowMMDDetectorTests {
    static func settings() -> WindowMMDDetector.Settings {
        var settings = WindowMMDDetector.Settings()
        settings.window = 200
        settings.stride = 50
        settings.features = 64
        settings.bandwidthSample = 200
        return settings
    }

    @Test func scaffoldedWindowsStandOutAndVariedCustomersDoNot() throws {
        let traffic = try GeneratedTraffic(
            populations: [
                "{persona: developer, accounts: 60, params: {requests_per_day: 20}}",
                "{persona: chat-app, accounts: 1, params: {requests_per_day: 1000}}",
                "{persona: router, accounts: 1, params: {requests_per_day: 1000}}",
            ],
            campaigns: ["{id: instruct, tactic: self-instruct, accounts: 1, budget: 800}"])
        let scores = try traffic.scores(try WindowMMDDetector(settings: Self.settings()))
        let campaign = try #require(scores["self-instruct"]?.first)
        let customers = (scores["chat-app"] ?? []) + (scores["router"] ?? [])
        #expect(customers.count == 2 && customers.allSatisfy { $0 > 0 })
        #expect(customers.allSatisfy { campaign > 2 * $0 }, "self-instruct \(campaign), customers \(customers)")
    }

    @Test func scoresWaitForTheBandwidthSampleAndAFullWindow() throws {
        // "a" sends 600 prompts from 20 templates, "b" 150 (less than a window).
        var requests: [Request] = []
        for i in 0..<600 {
            requests.append(Request(id: "a\(i)", ts: Int64(2 * i), account: "a", prompt: "Template \(i % 20): rewrite sentence \(i)."))
            if i < 150 { requests.append(Request(id: "b\(i)", ts: Int64(2 * i + 1), account: "b", prompt: "Question \(i) about rivers")) }
        }
        let batches = stride(from: 0, to: requests.count, by: 97).map {
            DetectorHarness.batch(Array(requests[$0..<min($0 + 97, requests.count)]), accounts: ["a", "b"])
        }
        let board = try DetectorHarness.run(try WindowMMDDetector(settings: Self.settings()), batches, accounts: 2)
        #expect(board.score(of: 0) > 0)
        #expect(board.score(of: 1) == 0)
        // The first score comes at a's 200th prompt (time 398) at the earliest: after the
        // bandwidth sample (the first 200 requests, to time 199) and a full window.
        let first = try #require(board.changePoints.first)
        #expect(first.account == 0 && first.time >= 398)
        // Every score comes at the end of a block of 50 of a's prompts.
        #expect(board.changePoints.allSatisfy { ($0.time / 2 + 1) % 50 == 0 })
    }

    @Test func strideMustDivideTheWindow() {
        var settings = WindowMMDDetector.Settings()
        settings.stride = 7
        #expect(throws: DetectorError.self) { try WindowMMDDetector(settings: settings) }
        #expect(throws: DetectorError.self) { try DetectorCatalog.detectors("window-mmd(window=100,stride=30)") }
        #expect((try? DetectorCatalog.detectors("window-mmd(window=100,stride=25)")) != nil)
    }
}
