import Detection
import Dispatch
import Features
import Synchronization
import Traffic

/// The outcome of one detector over one replay: its score board and what it was.
public struct DetectorRun: Sendable {
    /// The configured name.
    public var name: String
    public var defaultThreshold: Double
    public var configuration: any DetectorConfiguration
    /// The shared prompt features it read.
    public var needs: PromptFeatureSet
    public var board: ScoreBoard
    /// Why the detector stopped, if it threw (its board then holds what it recorded before).
    public var failure: String?
}

/// Feeds every detector the same time-ordered batches (DESIGN §4): the one place that sees
/// each batch once. Per batch it first computes the shared prompt features the detectors
/// declared (once, on every thread), then runs the detectors in parallel with each other on up
/// to `threads` threads. Each detector owns its state and board, so results never depend on
/// the thread count.
public enum DetectorRunner {
    /// Runs `detectors` over one pass of `replay`.
    ///
    /// A detector that throws is recorded with its failure and receives no further batch; the
    /// others run on. Errors of the replay itself are rethrown.
    public static func run(
        _ detectors: [any Detector], replay: some BatchReplay, threads: Int = 2,
        features settings: PromptFeatureSettings = .standard
    ) throws -> [DetectorRun] {
        let slots = detectors.map { Slot($0, accounts: replay.accounts) }
        let needs = detectors.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
        let workers = max(1, min(threads, slots.count))
        let groups = (0..<workers).map { worker in stride(from: worker, to: slots.count, by: workers).map { slots[$0] } }
        try replay.replay { batch, _ in
            let features =
                needs.isEmpty ? PromptFeatures.none : PromptFeatures(of: batch, needs: needs, settings: settings, threads: threads)
            if workers == 1 {
                for slot in slots { slot.observe(batch, features: features) }
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for slot in groups[worker] { slot.observe(batch, features: features) }
                }
            }
        }
        return slots.map { $0.finish() }
    }

    /// A detector and its board.
    final class Slot: Sendable {
        private struct State: Sendable {
            var detector: any Detector
            var board: ScoreBoard
            var failure: String?
        }

        private let state: Mutex<State>

        init(_ detector: any Detector, accounts: [Account]) {
            var state = State(detector: detector, board: ScoreBoard(accounts: accounts.count))
            do {
                try state.detector.begin(accounts: accounts)
            } catch {
                state.failure = "\(error)"
            }
            self.state = Mutex(state)
        }

        func observe(_ batch: RequestBatch, features: PromptFeatures) {
            state.withLock { state in
                guard state.failure == nil else { return }
                do {
                    try state.detector.observe(batch, features: features, board: &state.board)
                } catch {
                    state.failure = "\(error)"
                }
            }
        }

        func finish() -> DetectorRun {
            state.withLock { state in
                if state.failure == nil {
                    do {
                        try state.detector.finish(board: &state.board)
                    } catch {
                        state.failure = "\(error)"
                    }
                }
                return DetectorRun(
                    name: state.detector.name, defaultThreshold: state.detector.defaultThreshold,
                    configuration: state.detector.configuration, needs: state.detector.needs, board: state.board,
                    failure: state.failure)
            }
        }
    }
}
