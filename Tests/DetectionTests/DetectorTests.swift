import Detection
import Foundation
import Testing
import Traffic

/// The built-in detectors on hand-built traffic, and the guarantee that no detector can see
/// the truth (issue 4: "a detector that cheats is impossible by construction").
struct DetectorTests {
    static func batch(_ requests: [Request]) -> RequestBatch {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner(["a", "b"]))
        for request in requests { batch.append(request) }
        return batch
    }

    static func run(_ detector: some Detector, _ batches: [RequestBatch]) throws -> ScoreBoard {
        try DetectorHarness.run(detector, batches, accounts: 2)
    }

    @Test func scoreBoardKeepsOnlyRises() {
        var board = ScoreBoard(accounts: 1)
        board.record(account: 0, time: 1, score: 0.5)
        board.record(account: 0, time: 2, score: 0.4)
        board.record(account: 0, time: 3, score: 0.5)
        board.record(account: 0, time: 4, score: 0.9)
        board.record(account: 3, time: 5, score: .nan)
        #expect(board.changePoints.map(\.time) == [1, 4])
        #expect(board.score(of: 0) == 0.9 && board.score(of: 3) == 0 && board.maxScores.count == 4)
    }

    @Test func nullScoresNothing() throws {
        let requests = (0..<100).map { Request(id: "r\($0)", ts: Int64($0), account: "a", logprobs: true) }
        let board = try Self.run(NullDetector(), [Self.batch(requests)])
        #expect(board.changePoints.isEmpty)
    }

    @Test func volumeReachesOneAtItsLimitAndNotBelow() throws {
        // 700 requests within ten minutes from "a"; 20 spread over the hour from "b".
        var requests = (0..<700).map { Request(id: "a\($0)", ts: Int64($0) * 850, account: "a", completionTokens: 10) }
        requests += (0..<20).map { Request(id: "b\($0)", ts: Int64($0) * 180_000, account: "b", completionTokens: 10) }
        requests.sort { ($0.ts, $0.account) < ($1.ts, $1.account) }
        let board = try Self.run(VolumeDetector(), [Self.batch(requests)])
        #expect(board.score(of: 0) >= 1)
        #expect(board.score(of: 1) < 0.05)
        // Rises are recorded in 2 % steps, not per request.
        #expect(board.changePoints.filter { $0.account == 0 }.count < 300)
    }

    @Test func parameterAbuseSeparatesLogitProbingFromOrdinaryUse() throws {
        var requests: [Request] = []
        for i in 0..<400 {
            requests.append(
                Request(id: "a\(i)", ts: Int64(2 * i), account: "a", maxTokens: 1, logprobs: true, topLogprobs: 20, logitBias: 50))
            requests.append(Request(id: "b\(i)", ts: Int64(2 * i + 1), account: "b", logprobs: i % 20 == 0, topLogprobs: i % 20 == 0 ? 5 : 0))
        }
        let board = try Self.run(ParameterAbuseDetector(), [Self.batch(requests)])
        #expect(board.score(of: 0) > 3.9)
        #expect(board.score(of: 1) < 0.1)
        // Causal: the first 10 requests of "a" cannot reach the default threshold yet.
        let early = board.changePoints.filter { $0.account == 0 && $0.time < 20 }
        #expect(early.allSatisfy { $0.score < 0.5 })
    }

    // MARK: - Truth never reaches a detector

    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The package graph: Detection depends on Traffic, Features and Statistics, which depend on
    /// Traffic, Traffic and CGSL, and Traffic on nothing, so no detector can import GroundTruth
    /// or Simulation (the compiler refuses). Read from Package.swift itself (running
    /// `swift package` inside `swift test` would wait on its lock).
    @Test func detectionCannotDependOnTheTruth() throws {
        let manifest = try String(contentsOf: Self.root.appending(path: "Package.swift"), encoding: .utf8)
        let compact = manifest.filter { !$0.isWhitespace }
        #expect(compact.contains(#".target(name:"Detection",dependencies:["Traffic","Features","Statistics"])"#))
        #expect(compact.contains(#".target(name:"Features",dependencies:["Traffic"])"#))
        #expect(compact.contains(#".target(name:"Statistics",dependencies:["CGSL"])"#))
        #expect(compact.contains(#".target(name:"Traffic")"#))
        // And no detector source names the truth.
        for module in ["Detection", "Features"] {
            let folder = Self.root.appending(path: "Sources/\(module)")
            for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
                #expect(!text.contains("GroundTruth") && !text.contains("import Simulation"), "\(module)/\(file)")
            }
        }
    }

    /// A batch carries exactly the fields of DESIGN §2: nothing that says what an account is.
    @Test func requestsCarryOnlyLoggedFields() {
        #expect(RequestField.allCases.map(\.name) == [
            "id", "ts", "account", "key", "ip", "asn", "ua", "tls", "model", "endpoint", "prompt", "system",
            "prompt_tokens", "completion_tokens", "max_tokens", "temperature", "top_p", "n", "logprobs",
            "top_logprobs", "logit_bias", "tools", "stream", "status", "latency_ms",
        ])
        let labels = Mirror(reflecting: Self.batch([])).children.compactMap(\.label)
        #expect(!labels.contains { $0.lowercased().contains("label") || $0.lowercased().contains("campaign") || $0.lowercased().contains("truth") })
    }
}
