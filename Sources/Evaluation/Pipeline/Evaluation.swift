import Detection
import Features
import Foundation
import GroundTruth
import Traffic

/// One evaluation of detectors over one replay (a trace, or one seed of a scenario), in one
/// pass over the data (issue 10): the detectors observe each batch, and — when the truth is
/// known — the exposure ledgers take it right after (``StreamingExposure``); then the exact
/// metrics of DESIGN §5. The first requests are kept for the throughput figures, so nothing is
/// read or generated twice.
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
    /// Each account's requests and tokens, tallied in the pass (for rankings and the report).
    public var traffic: AccountTraffic
    /// What the trace holds: accounts, requests, span, personas and campaigns.
    public var composition: TraceComposition
    /// The requests of the campaign the report draws, binned over its lifetime (nil without truth).
    public var activity: CampaignActivity?

    /// The request fields an evaluation of `detectors` reads: theirs, the prompt when one needs
    /// prompt features, and what the metrics, checks and rankings need (`id`, `ts`, `account`,
    /// `prompt_tokens`, `completion_tokens`).
    public static func fieldsRead(by detectors: [any Detector]) -> Set<RequestField> {
        var fields: Set<RequestField> = [.id, .ts, .account, .promptTokens, .completionTokens]
        for detector in detectors {
            fields.formUnion(detector.reads)
            if !detector.needs.isEmpty { fields.insert(.prompt) }
        }
        return fields
    }

    /// The first batches of the replay, up to the `throughputSample` requests asked for (for
    /// ``ThroughputMeter``: figures on batches already held, not read again).
    public var sample: [RequestBatch] = []

    /// Evaluates `detectors` over `replay`.
    ///
    /// - Parameters:
    ///   - tunedThresholds: per detector name, the threshold chosen on tuning seeds, if any.
    ///   - fprBudget: the false-positive-rate budget of the `fpr_budget` and `tuned` points.
    ///   - features: the sizes of the shared prompt features.
    ///   - throughputSample: how many requests of the first batches to keep in ``sample``.
    public init(
        detectors: [any Detector], replay: some BatchReplay, tunedThresholds: [String: Double] = [:],
        fprBudget: Double = 0.001, threads: Int = 2, features: PromptFeatureSettings = .standard, throughputSample: Int = 0
    ) throws {
        accounts = replay.accounts
        let count = replay.accounts.count
        // A truth that does not fit the account table is reported after the pass, so that the
        // requests' own errors (an account missing from the table, say) come first, as they name
        // the line at fault.
        let resolved = replay.truth.map { truth in
            Result { () throws(MetricsError) in try TruthTable(accountIDs: replay.accounts.map(\.id), truth: truth) }
        }
        let table = try? resolved?.get()
        var exposure = table.map { StreamingExposure(detectors: detectors.count, truth: $0) }
        var sample: [RequestBatch] = []
        var sampled = 0
        var traffic = AccountTraffic()
        let accountIDs = replay.accounts.map(\.id)
        var activity = table == nil ? nil : replay.truth.flatMap { CampaignActivity(accountIDs: accountIDs, truth: $0) }
        let runs = try DetectorRunner.run(detectors, replay: replay, threads: threads, features: features) { batch, labels, rises in
            guard let batch else {
                exposure?.finish(rises: rises)
                return
            }
            try exposure?.observe(batch, campaignLabels: labels, rises: rises)
            traffic.add(batch)
            activity?.add(batch)
            if sampled < throughputSample {
                sample.append(batch)
                sampled += batch.count
            }
        }
        self.sample = sample
        self.traffic = traffic
        self.activity = activity
        composition = TraceComposition(accountIDs: accountIDs, traffic: traffic, truth: table == nil ? nil : replay.truth)
        if case .failure(let error)? = resolved { throw error }
        let histories = try runs.map { try ScoreHistory(board: $0.board, accountCount: count) }
        guard let table, let exposure else {
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
        var ledgers = try runs.indices.map { try exposure.ledger(of: $0, scores: histories[$0], board: runs[$0].board) }
        // Rises recorded after the ledger had passed their time: the exact second pass for those.
        let late = exposure.lateDetectors
        if !late.isEmpty {
            var second = try late.map { try ExposureLedger(scores: histories[$0], truth: table) }
            try replay.replay { batch, labels in
                for index in second.indices { try second[index].observe(batch, campaignLabels: labels) }
            }
            for (position, detector) in late.enumerated() {
                second[position].finish()
                ledgers[detector] = second[position]
            }
        }
        var outcomes: [Outcome] = []
        for (index, run) in runs.enumerated() {
            guard let ledger = ledgers[index] else { throw MetricsError.ledgerNotFinished }
            let evaluator = try MetricsEvaluator(ledger: ledger)
            let report = try evaluator.report(
                name: run.name, defaultThreshold: run.defaultThreshold, tunedThreshold: tunedThresholds[run.name],
                fprBudget: fprBudget)
            outcomes.append(
                Outcome(run: run, scores: histories[index], report: report, sweep: Sweep(evaluator: evaluator, report: report)))
        }
        self.outcomes = outcomes
    }
}
