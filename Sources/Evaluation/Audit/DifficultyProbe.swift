import Features
import Dispatch
import Synchronization

/// The difficulty probe of the audit (issue 7): how well a plain, cross-fitted linear model over
/// **all** the audit's per-account features (``AccountFeatures``) separates positive from benign
/// accounts — a floor on what a detector built on the same aggregates can do, and so a measure
/// of how hard a scenario is. Single-feature AUCs (``LeakageAudit``) miss what a combination of
/// mild signals gives away; this probe does not.
///
/// Method: L2-regularised logistic regression (``LogisticRegression``, λ = ``Configuration/penalty``)
/// on standardised features (``ProbeDesign``: log-compression of heavy-tailed columns, nested
/// cross-fitted target encoding of categories, scaling fitted on training folds only, z clipped),
/// cross-fitted over the 5 folds of ``TargetEncoding/fold(of:)``: for each fold a model is fitted
/// on the other four and scores the fold, so every account gets an out-of-fold score (the linear
/// predictor; ranking by it equals ranking by probability without saturating ties). Scores of
/// all folds are ranked together, as in the usual cross-validated evaluation (Hastie, Tibshirani
/// & Friedman, "The Elements of Statistical Learning", 2nd ed., §7.10).
///
/// Reported (``DifficultyProbeReport``), each as ``ProbeMetrics`` (AP, ROC-AUC, recall within
/// the FPR budgets, the threshold set on the benign out-of-fold scores):
/// - **overall**: every positive against every benign account;
/// - **per tactic**, **per level** and **per tactic × level**: that group's positives (out-of-fold
///   scores of the overall fits) against every benign account;
/// - **leave one tactic out**: for each tactic T, the same 5-fold fits with T's positives removed
///   from every training set (features and encodings never see them); each fold's model scores
///   that fold's benign accounts and T's positives in it. It measures whether what separates T is
///   learnt from the other tactics, i.e. shared by campaigns in general. Without positives of any
///   other tactic there is nothing to learn from and the entry has no metrics.
///
/// A fit whose training rows hold one class only (tiny populations) scores its fold 0.
///
/// Every fit is sequential and a pure function of its input; fits run in parallel and their
/// results are placed by index, so the report does not depend on the number of threads.
public struct DifficultyProbe: Sendable {
    /// The probe's settings; defaults documented per member.
    public struct Configuration: Sendable, Hashable, Codable {
        /// λ of the L2 penalty on the standardised weights (scikit-learn's `C` = 1/λ): 1.
        public var penalty: Double
        /// Standardised values are clipped to ±clip: 5.
        public var clip: Double
        /// A numeric column whose largest |value| on the training rows exceeds this is
        /// log-compressed: 100.
        public var logThreshold: Double
        /// Pseudo-accounts of the target encoding (m): ``TargetEncoding/smoothing``.
        public var smoothing: Double
        /// The FPR budgets of the recall figures: 0.1 % and 1 %.
        public var budgets: [Double]

        public init(
            penalty: Double = 1, clip: Double = 5, logThreshold: Double = 100,
            smoothing: Double = TargetEncoding.smoothing, budgets: [Double] = [0.001, 0.01]
        ) {
            self.penalty = penalty
            self.clip = clip
            self.logThreshold = logThreshold
            self.smoothing = smoothing
            self.budgets = budgets
        }

        enum CodingKeys: String, CodingKey {
            case penalty, clip
            case logThreshold = "log_threshold"
            case smoothing
            case budgets = "fpr_budgets"
        }
    }

    /// The settings.
    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Runs the probe on `features` for the accounts of `population` (same order).
    ///
    /// - Parameter threads: fits run in parallel on up to this many threads; the report is the
    ///   same for any number.
    /// - Throws: ``AuditError/probeFitFailed(_:)`` if a fit is not numerically possible (never
    ///   with a positive penalty and finite features).
    /// - Precondition: `population` lists the accounts of `features`, in order.
    public func run(features: FeatureTable, population: AuditPopulation, threads: Int = 2) throws(AuditError)
        -> DifficultyProbeReport
    {
        precondition(population.accounts == features.accounts, "the population is not the feature table's")
        let labels = population.isPositive
        let tactics = population.tactics
        let folds = TargetEncoding.folds
        // Job f < folds: the overall fit of fold f; then tactic t's fit of fold f at folds·(t+1) + f.
        let jobs = (0..<(folds * (tactics.count + 1))).map { index in
            Job(fold: index % folds, leftOut: index < folds ? nil : tactics[index / folds - 1])
        }
        let outcomes = Mutex([Outcome?](repeating: nil, count: jobs.count))
        let workers = max(1, min(threads, jobs.count))
        let configuration = configuration
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: jobs.count, by: workers) {
                let outcome = Self.fit(jobs[index], features: features, population: population, configuration: configuration)
                outcomes.withLock { $0[index] = outcome }
            }
        }
        let results = outcomes.withLock { $0 }

        // Overall out-of-fold scores.
        var scores = [Double](repeating: 0, count: labels.count)
        var fits: [DifficultyProbeReport.Fit] = []
        for (job, outcome) in zip(jobs, results) {
            guard let outcome else { throw .probeFitFailed(job.description) }
            if let model = outcome.model {
                fits.append(
                    DifficultyProbeReport.Fit(
                        fold: job.fold, leftOut: job.leftOut, trainingAccounts: outcome.trainingRows,
                        columns: model.weights.count, iterations: model.iterations, converged: model.converged))
            }
            if job.leftOut == nil {
                for (row, score) in zip(outcome.scoredRows, outcome.scores) { scores[row] = score }
            }
        }
        let budgets = configuration.budgets
        func metrics(_ rows: [Int], _ rowScores: [Double]) -> ProbeMetrics {
            ProbeMetrics(scores: rowScores, labels: rows.map { labels[$0] }, budgets: budgets)
        }
        func group(tactic: String?, level: String?) -> DifficultyProbeReport.Group {
            let rows = labels.indices.filter {
                !labels[$0]
                    || ((tactic == nil || population.tactic[$0] == tactic) && (level == nil || population.level[$0] == level))
            }
            return DifficultyProbeReport.Group(tactic: tactic, level: level, metrics: metrics(rows, rows.map { scores[$0] }))
        }
        let leftOut = tactics.enumerated().map { t, tactic in
            let outcomes = (0..<folds).compactMap { results[folds * (t + 1) + $0] }
            guard outcomes.contains(where: { $0.model != nil }) else {
                return DifficultyProbeReport.Group(tactic: tactic, level: nil, metrics: nil)
            }
            let rows = outcomes.flatMap(\.scoredRows)
            return DifficultyProbeReport.Group(
                tactic: tactic, level: nil, metrics: metrics(rows, outcomes.flatMap(\.scores)))
        }
        return DifficultyProbeReport(
            configuration: configuration, features: features.features.count, fits: fits,
            overall: metrics(Array(labels.indices), scores),
            byTactic: tactics.map { group(tactic: $0, level: nil) },
            byLevel: population.levels.map { group(tactic: nil, level: $0) },
            byTacticAndLevel: population.tacticLevels.map { group(tactic: $0.tactic, level: $0.level) },
            leaveOneTacticOut: leftOut, scores: scores)
    }

    // MARK: - One fit

    /// One cross-fitted fit: the fold it scores and the tactic whose positives it leaves out.
    private struct Job: Sendable, CustomStringConvertible {
        var fold: Int
        var leftOut: String?

        var description: String {
            "fold \(fold)" + (leftOut.map { " leaving out \($0)" } ?? "")
        }
    }

    /// A fit's scores of its scored rows; `model` nil (and every score 0) when its training rows
    /// hold one class only.
    private struct Outcome: Sendable {
        var model: LogisticRegression?
        var trainingRows: Int
        var scoredRows: [Int]
        var scores: [Double]
    }

    /// Nil if the Newton system failed.
    private static func fit(
        _ job: Job, features: FeatureTable, population: AuditPopulation, configuration: Configuration
    ) -> Outcome? {
        let labels = population.isPositive
        let isLeftOut: (Int) -> Bool = { row in job.leftOut != nil && population.tactic[row] == job.leftOut }
        let training = labels.indices.filter { population.folds[$0] != job.fold && !isLeftOut($0) }
        let scored = labels.indices.filter {
            population.folds[$0] == job.fold && (job.leftOut == nil || !labels[$0] || isLeftOut($0))
        }
        let trainingLabels = training.map { labels[$0] }
        guard trainingLabels.contains(true), trainingLabels.contains(false) else {
            return Outcome(
                model: nil, trainingRows: training.count, scoredRows: scored,
                scores: [Double](repeating: 0, count: scored.count))
        }
        let design = ProbeDesign(
            features: features, trainingRows: training, scoredRows: scored, labels: labels, folds: population.folds,
            configuration: configuration)
        guard
            let model = LogisticRegression.fit(
                design: design.training, rows: training.count, labels: trainingLabels, penalty: configuration.penalty)
        else { return nil }
        return Outcome(
            model: model, trainingRows: training.count, scoredRows: scored,
            scores: model.linearPredictor(design: design.scored, rows: scored.count))
    }
}
