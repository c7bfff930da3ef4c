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
    /// `ok`, or how it stopped: `error`, or `timeout` (``DetectorError/timedOut(detector:reason:)``).
    public var status: Status

    /// How a detector's run ended, as `summary.json` and the leaderboard write it.
    public enum Status: String, Sendable, Codable {
        case ok, error, timeout

        /// The status of a run that threw `error`.
        static func of(_ error: any Error) -> Status {
            if case .timedOut = error as? DetectorError { return .timeout }
            return .error
        }
    }
    /// The finished detector, when it can explain its scores (rankings of unlabelled logs).
    public var explainer: (any ExplainingDetector)?

    /// What `detector` is, with its board and failure.
    init(_ detector: any Detector, board: ScoreBoard, failure: String?, status: Status) {
        name = detector.name
        defaultThreshold = detector.defaultThreshold
        configuration = detector.configuration
        needs = detector.needs
        self.board = board
        self.failure = failure
        self.status = failure == nil ? .ok : status
        explainer = failure == nil ? detector as? any ExplainingDetector : nil
    }
}

/// Feeds every detector the same time-ordered batches (DESIGN §4): the one place that sees
/// each batch once. Per batch it first computes the shared prompt features the detectors
/// declared (once, on every thread), then runs the detectors in parallel with each other on up
/// to `threads` threads, and last the combining detectors (``CombiningDetector``), lent the
/// rises of the members the run also includes. Each detector owns its state and board, so
/// results never depend on the thread count.
public enum DetectorRunner {
    /// Runs `detectors` over one pass of `replay`.
    ///
    /// A detector that throws is recorded with its failure and receives no further batch; the
    /// others run on (a combiner lent a failed member's rises fails with it). Errors of the
    /// replay itself are rethrown.
    ///
    /// `afterBatch`, if given, is called after every batch with the batch, its campaign labels
    /// and each detector's rises recorded while observing it (in `detectors` order), and once
    /// more after the detectors finished, with no batch and the rises `finish` recorded: the
    /// evaluator's exposure ledger and throughput sample ride on this one pass.
    public static func run(
        _ detectors: [any Detector], replay: some BatchReplay, threads: Int = 2,
        features settings: PromptFeatureSettings = .standard,
        afterBatch: ((RequestBatch?, [Int32]?, [ArraySlice<ScoreBoard.ChangePoint>]) throws -> Void)? = nil
    ) throws -> [DetectorRun] {
        let plain = detectors.enumerated().filter { !($0.element is any CombiningDetector) }
        let plainNames = Set(plain.map(\.element.name))
        let slots = plain.map { Slot($0.element, accounts: replay.accounts) }
        let combiners = detectors.enumerated().compactMap { index, detector -> (Int, CombinerSlot)? in
            guard var combiner = detector as? any CombiningDetector else { return nil }
            let lent = plainNames.intersection(combiner.memberNames)
            combiner.borrow(lent)
            let lenders = slots.filter { lent.contains($0.name) }
            return (index, CombinerSlot(combiner, lenders: lenders, accounts: replay.accounts))
        }
        let needs = detectors.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
        var seen = [Int](repeating: 0, count: detectors.count)
        try replay.replay { batch, labels in
            let features =
                needs.isEmpty ? PromptFeatures.none : PromptFeatures(of: batch, needs: needs, settings: settings, threads: threads)
            inParallel(slots, threads: threads) { $0.observe(batch, features: features) }
            inParallel(combiners.map(\.1), threads: threads) { $0.observe(batch, features: features) }
            if let afterBatch { try afterBatch(batch, labels, newRises()) }
        }
        var runs = [DetectorRun?](repeating: nil, count: detectors.count)
        for (slot, (index, _)) in zip(slots, plain) { runs[index] = slot.finish() }
        for (index, combiner) in combiners { runs[index] = combiner.finish() }
        let finished = runs.map { $0! }
        if let afterBatch {
            try afterBatch(nil, nil, finished.indices.map { finished[$0].board.changePoints[seen[$0]...] })
        }
        return finished

        /// Each detector's rises since the last call, in `detectors` order.
        func newRises() -> [ArraySlice<ScoreBoard.ChangePoint>] {
            var rises = [ArraySlice<ScoreBoard.ChangePoint>](repeating: [], count: detectors.count)
            for (slot, (index, _)) in zip(slots, plain) { rises[index] = slot.rises(from: seen[index]) }
            for (index, combiner) in combiners { rises[index] = combiner.rises(from: seen[index]) }
            for index in rises.indices { seen[index] += rises[index].count }
            return rises
        }
    }

    /// Calls `body` on every item, spread over up to `threads` threads in fixed groups.
    private static func inParallel<Item: Sendable>(_ items: [Item], threads: Int, _ body: @Sendable (Item) -> Void) {
        let workers = max(1, min(threads, items.count))
        if workers == 1 {
            for item in items { body(item) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: items.count, by: workers) { body(items[index]) }
            }
        }
    }

    /// A detector and its board.
    final class Slot: Sendable {
        private struct State: Sendable {
            var detector: any Detector
            var board: ScoreBoard
            var failure: String?
            var status = DetectorRun.Status.ok
            /// Change points recorded before the last call.
            var mark = 0
        }

        let name: String
        private let state: Mutex<State>

        init(_ detector: any Detector, accounts: [Account]) {
            name = detector.name
            var state = State(detector: detector, board: ScoreBoard(accounts: accounts.count))
            do {
                try state.detector.begin(accounts: accounts)
            } catch {
                (state.failure, state.status) = ("\(error)", .of(error))
            }
            self.state = Mutex(state)
        }

        func observe(_ batch: RequestBatch, features: PromptFeatures) {
            state.withLock { state in
                state.mark = state.board.changePoints.count
                guard state.failure == nil else { return }
                do {
                    try state.detector.observe(batch, features: features, board: &state.board)
                } catch {
                    (state.failure, state.status) = ("\(error)", .of(error))
                }
            }
        }

        /// The rises recorded from board index `start` on.
        func rises(from start: Int) -> ArraySlice<ScoreBoard.ChangePoint> {
            state.withLock { state in ArraySlice(state.board.changePoints[min(start, state.board.changePoints.count)...]) }
        }

        /// The rises of the last call (`observe` or `finish`), and the failure so far.
        func lastRises() -> (rises: [ScoreBoard.ChangePoint], failure: String?) {
            state.withLock { state in (Array(state.board.changePoints[state.mark...]), state.failure) }
        }

        func finish() -> DetectorRun {
            state.withLock { state in
                state.mark = state.board.changePoints.count
                if state.failure == nil {
                    do {
                        try state.detector.finish(board: &state.board)
                    } catch {
                        (state.failure, state.status) = ("\(error)", .of(error))
                    }
                }
                return DetectorRun(state.detector, board: state.board, failure: state.failure, status: state.status)
            }
        }
    }

    /// A combining detector, its board, and the slots that lend it their rises.
    final class CombinerSlot: Sendable {
        private struct State: Sendable {
            var detector: any CombiningDetector
            var board: ScoreBoard
            var failure: String?
            var status = DetectorRun.Status.ok
        }

        private let lenders: [Slot]
        private let state: Mutex<State>

        init(_ detector: any CombiningDetector, lenders: [Slot], accounts: [Account]) {
            self.lenders = lenders
            var state = State(detector: detector, board: ScoreBoard(accounts: accounts.count))
            do {
                try state.detector.begin(accounts: accounts)
            } catch {
                (state.failure, state.status) = ("\(error)", .of(error))
            }
            self.state = Mutex(state)
        }

        /// The lenders' rises of their last call, or the failure of the first that failed.
        private func lent() -> Result<[String: [ScoreBoard.ChangePoint]], LenderFailure> {
            var lent: [String: [ScoreBoard.ChangePoint]] = [:]
            for lender in lenders {
                let (rises, failure) = lender.lastRises()
                if let failure { return .failure(LenderFailure(message: "member \(lender.name) failed: \(failure)")) }
                lent[lender.name] = rises
            }
            return .success(lent)
        }

        func observe(_ batch: RequestBatch, features: PromptFeatures) {
            let lent = lent()
            state.withLock { state in
                guard state.failure == nil else { return }
                do {
                    try state.detector.observe(batch, features: features, lent: lent.get(), board: &state.board)
                } catch {
                    (state.failure, state.status) = ("\(error)", .of(error))
                }
            }
        }

        /// The rises recorded from board index `start` on.
        func rises(from start: Int) -> ArraySlice<ScoreBoard.ChangePoint> {
            state.withLock { state in ArraySlice(state.board.changePoints[min(start, state.board.changePoints.count)...]) }
        }

        /// Finishes the combiner; call after its lenders finished.
        func finish() -> DetectorRun {
            let lent = lent()
            return state.withLock { state in
                if state.failure == nil {
                    do {
                        try state.detector.finish(lent: lent.get(), board: &state.board)
                    } catch {
                        (state.failure, state.status) = ("\(error)", .of(error))
                    }
                }
                return DetectorRun(state.detector, board: state.board, failure: state.failure, status: state.status)
            }
        }
    }

    /// A lent member failed: the combiner cannot go on without its rises.
    struct LenderFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
