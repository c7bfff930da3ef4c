import Detection
import Features
import Foundation
import GroundTruth
import Traffic

/// One evaluation of detectors over one replay (a trace, or one seed of a scenario): the
/// detector pass, then — when the truth is known — the exposure pass and exact metrics
/// (DESIGN §5).
public struct DetectorEvaluation: Sendable {
    /// A detector's outcome.
    public struct Outcome: Sendable {
        public var run: DetectorRun
        public var scores: ScoreHistory
        public var report: MetricsReport
        /// Nil when the truth is unknown.
        public var sweep: Sweep?
    }

    public var outcomes: [Outcome]
    /// The account table evaluated.
    public var accounts: [Account]
    /// Whether a truth was available.
    public var hasTruth: Bool

    /// Evaluates `detectors` over `replay`.
    ///
    /// - Parameters:
    ///   - tunedThresholds: per detector name, the threshold chosen on tuning seeds, if any.
    ///   - fprBudget: the false-positive-rate budget of the `fpr_budget` and `tuned` points.
    ///   - features: the sizes of the shared prompt features.
    public init(
        detectors: [any Detector], replay: some BatchReplay, tunedThresholds: [String: Double] = [:],
        fprBudget: Double = 0.001, threads: Int = 2, features: PromptFeatureSettings = .standard
    ) throws {
        let runs = try DetectorRunner.run(detectors, replay: replay, threads: threads, features: features)
        accounts = replay.accounts
        let count = replay.accounts.count
        let histories = try runs.map { try ScoreHistory(board: $0.board, accountCount: count) }
        guard let truth = replay.truth else {
            hasTruth = false
            outcomes = zip(runs, histories).map { run, scores in
                Outcome(
                    run: run, scores: scores,
                    report: MetricsReport.unavailable(name: run.name, defaultThreshold: run.defaultThreshold, scores: scores),
                    sweep: nil)
            }
            return
        }
        hasTruth = true
        let table = try TruthTable(accountIDs: replay.accounts.map(\.id), truth: truth)
        var ledgers = try histories.map { try ExposureLedger(scores: $0, truth: table) }
        try replay.replay { batch, labels in
            for index in ledgers.indices { try ledgers[index].observe(batch, campaignLabels: labels) }
        }
        var outcomes: [Outcome] = []
        for (index, run) in runs.enumerated() {
            ledgers[index].finish()
            let evaluator = try MetricsEvaluator(ledger: ledgers[index])
            let report = try evaluator.report(
                name: run.name, defaultThreshold: run.defaultThreshold, tunedThreshold: tunedThresholds[run.name],
                fprBudget: fprBudget)
            outcomes.append(
                Outcome(run: run, scores: histories[index], report: report, sweep: Sweep(evaluator: evaluator, report: report)))
        }
        self.outcomes = outcomes
    }
}
