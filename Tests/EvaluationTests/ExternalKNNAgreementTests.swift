import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Testing
import Traffic

/// `examples/detectors/knn_stateful.py` (numpy, float64) against the built-in `knn-stateful`
/// (Swift, float32) on a fixed trace: the same accounts flagged at the default threshold, at
/// the same request, and every recorded score within 1e-4 relative.
///
/// Why not bit-identical: both fold the same float32 embedding and keep the same FIFO buffers
/// and score steps, but Swift computes squared distances in float32 as ‖q‖² + ‖g‖² − 2 q·g
/// (SIMD, its own summation order) and Python in float64 as ‖q − g‖². The two differ by about
/// 1e-6 relative on distances of order 0.1–1 — far inside the tolerance — but float32
/// cancellation makes Swift's *tiny* distances (near-duplicate queries, mean distance below
/// ~1e-2) imprecise, so a trace of exact repeats would give different scores far above the
/// threshold on the two sides. This trace has no exact repeats; a score step that lands
/// within 1e-6 of a step boundary could also be recorded on one side only (none does here).
struct ExternalKNNAgreementTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appending(path: "examples/detectors/knn_stateful.py").path

    /// Whether `python3` with numpy runs here (CI installs `requirements.txt`).
    static let hasNumpy: Bool = {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy"]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()

    /// A deterministic trace: `diverse` writes fresh prompts from a 400-word vocabulary,
    /// `requery` re-sends 6 templates with one or two words changed, `drifting` walks through
    /// 60 templates; 360 requests each, interleaved, in 6 batches.
    static func replay() -> MemoryReplay {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let vocabulary = (0..<400).map { "w\($0)x\($0 * 7 % 13)" }
        func sentence(_ words: Int) -> [String] { (0..<words).map { _ in vocabulary[next(vocabulary.count)] } }
        let templates = (0..<60).map { _ in sentence(14) }
        let ids = ["diverse", "requery", "drifting"]
        let names = Interner(ids)
        let symbols = Interner()
        var requests: [Request] = []
        for index in 0..<1_080 {
            let account = ids[index % 3]
            var words: [String]
            switch account {
            case "diverse": words = sentence(14)
            case "requery":
                words = templates[next(6)]
                for _ in 0...next(2) { words[next(words.count)] = vocabulary[next(vocabulary.count)] }
            default:
                words = templates[(index / 18) % 60]
                words[next(words.count)] = vocabulary[next(vocabulary.count)]
            }
            requests.append(Request(id: "q\(index)", ts: 1_700_000_000_000 + Int64(index) * 1_000, account: account, prompt: words.joined(separator: " ")))
        }
        let batches = stride(from: 0, to: requests.count, by: 180).map { start in
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            for request in requests[start..<start + 180] { batch.append(request) }
            return batch
        }
        return MemoryReplay(batches: batches, accounts: ids.map { Account.unknown(id: $0) })
    }

    @Test(
        .enabled(if: hasNumpy, "python3 with numpy is not installed here: pip install -r requirements.txt"),
        arguments: [
            ("knn-stateful", ""),
            ("knn-stateful(k=5,buffer=20,threshold=0.5,dimension=64)", " --k 5 --buffer 20 --threshold 0.5 --dimension 64"),
        ])
    func numpyAndSwiftFlagTheSameAccountsAtTheSameRequests(_ spec: String, _ arguments: String) throws {
        let swift = try #require(try DetectorCatalog.detectors(spec).first)
        let python = try ExternalDetector(command: "python3 \(Self.script)\(arguments)", timeout: 60, features: .embedding)
        let runs = try DetectorRunner.run([swift, python], replay: Self.replay(), threads: 2)
        #expect(runs[1].status == .ok, "\(runs[1].failure ?? "")")
        #expect(runs[1].name == "knn-stateful-py" && runs[1].defaultThreshold == swift.defaultThreshold)
        let (reference, mirror) = (runs[0].board, runs[1].board)
        // Both flag something and clear something: the comparison is not vacuous.
        let flagged = (0..<3).filter { reference.score(of: UInt32($0)) >= swift.defaultThreshold }
        #expect(!flagged.isEmpty && flagged.count < 3, "flagged \(flagged)")
        #expect(flagged == (0..<3).filter { mirror.score(of: UInt32($0)) >= swift.defaultThreshold })
        // The same change points: same accounts and requests, scores within 1e-4 relative.
        #expect(reference.changePoints.count == mirror.changePoints.count)
        #expect(reference.changePoints.count > 20)
        for (a, b) in zip(reference.changePoints, mirror.changePoints) {
            #expect(a.account == b.account && a.time == b.time)
            #expect(abs(a.score - b.score) <= 1e-4 * a.score, "\(a.score) vs \(b.score)")
        }
    }
}
