import Detection
import Foundation
import Simulation
import Testing
import Traffic

/// `temporal`: timing no human team produces is caught — a low-volume account that never
/// sleeps, a metronome, accounts that start their sessions together — while office hours,
/// nightly evaluation runs and high-volume services are not.
struct TemporalDetectorTests {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let start: Int64 = 1_772_409_600_000  // 2026-03-02T00:00:00Z, a Monday

    /// A deterministic uniform draw in [0, 1) (SplitMix64 of `i` and `salt`).
    static func uniform(_ i: Int, _ salt: UInt64) -> Double {
        var z = UInt64(i) &* 0x9e37_79b9_7f4a_7c15 &+ salt &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }

    static func run(_ requests: [Request], accounts: [String], settings: TemporalDetector.Settings = .init()) throws -> ScoreBoard {
        let sorted = requests.sorted { ($0.ts, $0.account, $0.id) < ($1.ts, $1.account, $1.id) }
        // Several batches, as the runner gives them.
        let batches = stride(from: 0, to: sorted.count, by: 5_000).map {
            DetectorHarness.batch(Array(sorted[$0..<min(sorted.count, $0 + 5_000)]), accounts: accounts)
        }
        return try DetectorHarness.run(TemporalDetector(settings: settings), batches, accounts: accounts.count)
    }

    /// Three days: a script sending 60 requests a day at any hour in bursts of three, a person
    /// sending as many in office hours on weekdays, a product serving 5,000 requests a day round
    /// the clock, and an evaluation harness running 1,500-request jobs at night, paced by its
    /// client at one request every 0.8–1.2 s (regular, but faster on average than `min_gap_ms`).
    @Test func sleeplessLowVolumeIsCaughtOfficeHoursNightlyJobsAndServicesAreNot() throws {
        var requests: [Request] = []
        for i in 0..<60 {
            // Bursts of three, 20 s apart, at uniform times over three days.
            let burst = Self.start + Int64(Self.uniform(i, 1) * Double(3 * Self.day))
            for k in 0..<3 { requests.append(Request(id: "s\(i)-\(k)", ts: burst + Int64(k) * 20_000, account: "script")) }
            // Office hours: 09:00–18:00.
            let office = Self.start + Int64(i % 3) * Self.day + 9 * Self.hour + Int64(Self.uniform(i, 2) * Double(9 * Self.hour))
            for k in 0..<3 { requests.append(Request(id: "p\(i)-\(k)", ts: office + Int64(k) * 45_000, account: "person")) }
        }
        for i in 0..<15_000 {
            requests.append(Request(id: "c\(i)", ts: Self.start + Int64(Self.uniform(i, 3) * Double(3 * Self.day)), account: "service"))
        }
        for night in 0..<2 {
            for i in 0..<1_500 {
                let ts = Self.start + Int64(night) * Self.day + 1 * Self.hour + Int64(i) * 800 + Int64(Self.uniform(i, 4) * 400)
                requests.append(Request(id: "e\(night)-\(i)", ts: ts, account: "eval"))
            }
        }
        let board = try Self.run(requests, accounts: ["script", "person", "service", "eval"])
        let threshold = TemporalDetector().defaultThreshold
        #expect(board.score(of: 0) >= threshold)
        #expect(board.score(of: 1) < threshold)
        #expect(board.score(of: 2) < threshold)
        #expect(board.score(of: 3) < threshold)
    }

    /// A loop with a fixed sleep against exponential (human-like) gaps of the same mean.
    @Test func metronomeIsCaughtIrregularGapsAreNot() throws {
        var requests: [Request] = []
        var human = Self.start
        for i in 0..<300 {
            requests.append(Request(id: "m\(i)", ts: Self.start + Int64(i) * 60_000 + Int64(Self.uniform(i, 5) * 4_000), account: "loop"))
            human += Int64(-log(1 - Self.uniform(i, 6)) * 60_000) + 50
            requests.append(Request(id: "h\(i)", ts: human, account: "human"))
        }
        let board = try Self.run(requests, accounts: ["loop", "human"])
        #expect(board.score(of: 0) >= 5)
        #expect(board.score(of: 1) < 0.5)
        // No signal before min_gaps gaps: the loop's first 40 requests score nothing.
        #expect(board.changePoints.filter { $0.account == 0 && $0.time < Self.start + 40 * 60_000 }.isEmpty)
    }

    /// Twelve accounts that start a session in the same minute every 40 minutes, among 200
    /// accounts starting theirs at random.
    @Test func synchronizedSessionStartsAreCaughtRandomOnesAreNot() throws {
        var requests: [Request] = []
        var names: [String] = []
        for a in 0..<12 {
            names.append("sync\(a)")
            for s in 0..<30 {
                let session = Self.start + Int64(s) * 40 * 60_000 + Int64(Self.uniform(a * 100 + s, 7) * 50_000)
                for k in 0..<3 { requests.append(Request(id: "y\(a)-\(s)-\(k)", ts: session + Int64(k) * 5_000, account: names[a])) }
            }
        }
        for a in 0..<200 {
            names.append("user\(a)")
            for s in 0..<30 {
                let session = Self.start + Int64(Self.uniform(a * 100 + s, 8) * Double(20 * Self.hour))
                for k in 0..<3 { requests.append(Request(id: "u\(a)-\(s)-\(k)", ts: session + Int64(k) * 5_000, account: names.last ?? "")) }
            }
        }
        // The synchrony signal alone: sleepless and metronome off.
        var settings = TemporalDetector.Settings()
        settings.humanRate = 1e-9
        settings.minimumGaps = 1e9
        let board = try Self.run(requests, accounts: names, settings: settings)
        let synchronized = (0..<12).map { board.score(of: UInt32($0)) }
        let random = (12..<212).map { board.score(of: UInt32($0)) }
        #expect(synchronized.allSatisfy { $0 >= 1 })
        #expect(random.allSatisfy { $0 < 1 })
    }

    /// Generated decoys that run round the clock or at night — chat apps, routers, coding agents,
    /// synthetic-data jobs, evaluation harnesses — over two days: none reaches the threshold.
    @Test func generatedServicesAndNightlyHarnessesAreNotFlagged() throws {
        let yaml = """
            name: temporal-decoys
            seed: 907
            start: 2026-03-02T00:00:00Z
            duration: 2d
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
            populations:
              - {persona: chat-app, accounts: 3, params: {requests_per_day: 2000}}
              - {persona: router, accounts: 2, params: {requests_per_day: 3000}}
              - {persona: coding-agent, accounts: 2, params: {requests_per_day: 2000}}
              - {persona: synthetic-data, accounts: 2, params: {requests_per_day: 2000}}
              - {persona: eval-harness, accounts: 4, params: {requests_per_day: 1500}}
              - {persona: developer, accounts: 100}
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "temporal-decoys.yaml"))
        let board = try DetectorHarness.run(TemporalDetector(), generated: generator)
        let scores = DetectorHarness.scores(board, truth: generator.truth, accounts: generator.accounts)
        for persona in ["chat-app", "router", "coding-agent", "synthetic-data", "eval-harness"] {
            #expect(try #require(scores[persona]).allSatisfy { $0 < 1 }, "\(persona)")
        }
    }
}
