import Detection
import Dispatch
import Traffic

/// The outcome of one detector over one replay: its score board and what it was.
public struct DetectorRun: Sendable {
    public var name: String
    public var defaultThreshold: Double
    public var configuration: [String: String]
    public var board: ScoreBoard
}

/// Feeds every detector the same time-ordered batches (DESIGN §4), in parallel with each
/// other where cores allow. Each detector owns its state and board, so results never depend
/// on the parallelism.
public enum DetectorRunner {
    /// Runs `detectors` over one pass of `replay`.
    public static func run(_ detectors: [any Detector], replay: some BatchReplay, threads: Int = 2) throws -> [DetectorRun] {
        let slots = detectors.map { Slot($0, accounts: replay.accounts) }
        let workers = max(1, min(threads, slots.count))
        try replay.replay { batch, _ in
            if workers == 1 {
                for slot in slots { slot.observe(batch) }
            } else {
                DispatchQueue.concurrentPerform(iterations: slots.count) { slots[$0].observe(batch) }
            }
        }
        return slots.map { slot in
            slot.finish()
            return DetectorRun(
                name: slot.detector.name, defaultThreshold: slot.detector.defaultThreshold,
                configuration: slot.detector.configuration, board: slot.board)
        }
    }

    /// A detector and its board, touched by one thread at a time.
    final class Slot: @unchecked Sendable {
        var detector: any Detector
        var board: ScoreBoard

        init(_ detector: any Detector, accounts: [Account]) {
            self.detector = detector
            board = ScoreBoard(accounts: accounts.count)
            self.detector.begin(accounts: accounts)
        }

        func observe(_ batch: RequestBatch) { detector.observe(batch, board: &board) }
        func finish() { detector.finish(board: &board) }
    }
}
