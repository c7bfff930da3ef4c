import Evaluation
import Foundation

/// Which detectors got better or worse between two results folders of the same scenario, metric
/// by metric (issue 11). A difference is called real only when the two 95 % seed intervals do not
/// overlap — a conservative reading; with a single seed on either side there is no interval and
/// no difference is called real.
public struct ResultsComparison: Sendable, Hashable {
    /// A metric compared: its name and whether higher is better.
    public struct Metric: Sendable, Hashable {
        public var name: String
        public var higherIsBetter: Bool
    }

    /// One figure of one side: the value (mean over seeds, or the single seed's) and its interval.
    public struct Figure: Sendable, Hashable {
        public var value: Double?
        public var interval: MetricInterval?
    }

    /// What the intervals say.
    public enum Verdict: String, Sendable, Hashable {
        case better, worse
        /// The intervals overlap: no real difference shown.
        case overlap = "within intervals"
        /// A side has a single seed: no interval to judge by.
        case noInterval = "no interval"
        case unchanged
        /// A side has no value.
        case missing = "n/a"
    }

    /// One row: a detector and metric with both sides and the verdict.
    public struct Row: Sendable, Hashable {
        public var detector: String
        public var metric: Metric
        public var before: Figure
        public var after: Figure
        public var verdict: Verdict

        /// after − before, when both exist.
        public var change: Double? {
            guard let a = after.value, let b = before.value, a.isFinite, b.isFinite else { return nil }
            return a - b
        }
    }

    /// The metrics compared, in order.
    public static let metrics: [(Metric, @Sendable (DetectorResult) -> Double?, @Sendable (MetricsSummary) -> MetricInterval?)] = [
        (Metric(name: "AP", higherIsBetter: true), { $0.report.averagePrecision }, { $0.averagePrecision }),
        (Metric(name: "ROC-AUC", higherIsBetter: true), { $0.report.rocAUC }, { $0.rocAUC }),
        (Metric(name: "precision (default)", higherIsBetter: true), { $0.report.operatingPoint(.default)?.metrics.precision }, figure(.default, "precision")),
        (Metric(name: "recall (default)", higherIsBetter: true), { $0.report.operatingPoint(.default)?.metrics.recall }, figure(.default, "recall")),
        (Metric(name: "FPR (default)", higherIsBetter: false), { $0.report.operatingPoint(.default)?.metrics.falsePositiveRate }, figure(.default, "fpr")),
        (Metric(name: "recall @ FPR budget", higherIsBetter: true), { $0.report.operatingPoint(.fprBudget)?.metrics.recall }, figure(.fprBudget, "recall")),
        (Metric(name: "tuned recall", higherIsBetter: true), { $0.report.operatingPoint(.tuned)?.metrics.recall }, figure(.tuned, "recall")),
        (Metric(name: "extraction prevented (default)", higherIsBetter: true), { $0.report.operatingPoint(.default)?.metrics.extractionPrevented }, figure(.default, "extraction_prevented")),
        (Metric(name: "median TTD s (default)", higherIsBetter: false), { $0.report.operatingPoint(.default)?.metrics.medianTimeToDetection }, figure(.default, "median_time_to_detection_s")),
    ]

    static func figure(_ kind: OperatingPoint.Kind, _ key: String) -> @Sendable (MetricsSummary) -> MetricInterval? {
        { $0.interval(key, at: kind) }
    }

    /// The two sides' subjects.
    public var before: String
    public var after: String
    /// Detectors present on one side only.
    public var onlyBefore: [String]
    public var onlyAfter: [String]
    /// Notes: scenario content changed, different budgets, …
    public var notes: [String]
    public var rows: [Row]

    /// Compares `after` with `before`; refuses folders of different scenarios or traces unless `force`.
    public init(before a: ResultsFolder, after b: ResultsFolder, force: Bool = false) throws(ResultsFormatError) {
        before = a.manifest.subject
        after = b.manifest.subject
        if before != after, !force {
            throw ResultsFormatError(
                file: b.url.path,
                problem: "results of \(after), not of \(before): different scenarios are not comparable (pass --force to compare anyway)")
        }
        var notes: [String] = []
        let hashesA = (a.manifest.scenarios ?? []).map(\.sha256)
        let hashesB = (b.manifest.scenarios ?? []).map(\.sha256)
        if hashesA != hashesB { notes.append("the scenario files differ in content (sha256)") }
        if a.manifest.fprBudget != b.manifest.fprBudget { notes.append("the FPR budgets differ") }
        if a.manifest.seeds != b.manifest.seeds { notes.append("the evaluation seeds differ") }
        if a.manifest.scale != b.manifest.scale { notes.append("the scales differ") }
        if a.manifest.harnessVersion != b.manifest.harnessVersion {
            notes.append("harness \(a.manifest.harnessVersion) against \(b.manifest.harnessVersion)")
        }
        self.notes = notes
        let namesA = a.summary.detectors.map(\.report.name)
        let namesB = b.summary.detectors.map(\.report.name)
        onlyBefore = namesA.filter { !namesB.contains($0) }
        onlyAfter = namesB.filter { !namesA.contains($0) }
        var rows: [Row] = []
        for resultA in a.summary.detectors {
            guard let resultB = b.summary.detectors.first(where: { $0.report.name == resultA.report.name }) else { continue }
            let seedsA = a.summary.overSeeds(of: resultA.report.name)
            let seedsB = b.summary.overSeeds(of: resultB.report.name)
            for (metric, exact, overSeeds) in Self.metrics {
                let figureA = Self.figure(exact(resultA), seedsA.flatMap(overSeeds))
                let figureB = Self.figure(exact(resultB), seedsB.flatMap(overSeeds))
                rows.append(Row(
                    detector: resultA.report.name, metric: metric, before: figureA, after: figureB,
                    verdict: Self.verdict(figureA, figureB, higherIsBetter: metric.higherIsBetter)))
            }
        }
        self.rows = rows
    }

    /// A side's figure: the mean over seeds with its interval when there were several, else the value.
    static func figure(_ value: Double?, _ interval: MetricInterval?) -> Figure {
        if let interval, interval.n > 1, let mean = interval.mean { return Figure(value: mean, interval: interval) }
        return Figure(value: value, interval: nil)
    }

    /// Better or worse only when both intervals exist and do not overlap.
    static func verdict(_ a: Figure, _ b: Figure, higherIsBetter: Bool) -> Verdict {
        guard let x = a.value, let y = b.value, x.isFinite, y.isFinite else { return .missing }
        if x == y { return .unchanged }
        guard let lowA = a.interval?.lower, let highA = a.interval?.upper, let lowB = b.interval?.lower,
            let highB = b.interval?.upper
        else { return .noInterval }
        if lowB > highA { return higherIsBetter ? .better : .worse }
        if highB < lowA { return higherIsBetter ? .worse : .better }
        return .overlap
    }

    /// Rows whose difference the intervals show.
    public var real: [Row] { rows.filter { $0.verdict == .better || $0.verdict == .worse } }
}
