/// Threshold → metrics, the rows of `sweep/<detector>.csv` (DESIGN §6).
///
/// The thresholds are every distinct maximum score when there are at most
/// ``maximumThresholds`` of them; otherwise ``maximumThresholds`` quantiles of the distinct
/// scores (the scores at ranks round(j·(D − 1)/(M − 1)), j = 0…M−1, so the lowest and the highest
/// are kept). The operating points' thresholds are always added. Rows are in ascending
/// threshold order; every row is exact (``MetricsEvaluator/metrics(at:)``).
public struct Sweep: Sendable, Hashable {
    /// At most this many distinct-score thresholds per sweep (plus the operating points).
    public static let maximumThresholds = 2_000

    /// The CSV columns.
    public static let columns = [
        "threshold", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "fpr", "campaign_recall", "leaked_tokens",
        "extraction_prevented", "median_time_to_detection_s", "collateral_requests",
    ]

    /// The metrics at each threshold, ascending.
    public let rows: [Metrics]

    /// The sweep of `evaluator` over its distinct maximum scores (or their quantiles) and the
    /// `extraThresholds` (e.g. the operating points'; NaN ignored).
    public init(evaluator: MetricsEvaluator, extraThresholds: [Double] = [], limit: Int = Sweep.maximumThresholds) {
        let thresholds = Self.thresholds(
            distinctScores: evaluator.curve.thresholds.reversed().map(\.score), extra: extraThresholds, limit: limit)
        rows = thresholds.map(evaluator.metrics(at:))
    }

    /// The sweep of `evaluator` at its report's operating points' thresholds and its scores.
    public init(evaluator: MetricsEvaluator, report: MetricsReport, limit: Int = Sweep.maximumThresholds) {
        self.init(evaluator: evaluator, extraThresholds: report.operatingPoints.map(\.threshold), limit: limit)
    }

    /// The thresholds of a sweep: the ascending `distinctScores`, or `limit` quantiles of them,
    /// with `extra` merged in, ascending and distinct.
    static func thresholds(distinctScores: [Double], extra: [Double], limit: Int) -> [Double] {
        var chosen: [Double]
        let count = distinctScores.count
        if count <= limit {
            chosen = distinctScores
        } else if limit <= 1 {
            chosen = limit == 1 ? [distinctScores[count - 1]] : []
        } else {
            chosen = (0..<limit).map { j in
                distinctScores[Int((Double(j) * Double(count - 1) / Double(limit - 1)).rounded())]
            }
        }
        chosen += extra.filter { !$0.isNaN }
        chosen.sort()
        var distinct: [Double] = []
        distinct.reserveCapacity(chosen.count)
        for value in chosen where distinct.last != value { distinct.append(value) }
        return distinct
    }

    /// The CSV text: a header of ``columns``, one line per row; undefined values empty,
    /// thresholds of ±∞ as `inf` / `-inf`.
    public func csv() -> String {
        var text = Self.columns.joined(separator: ",") + "\n"
        for row in rows { text += Self.fields(of: row).joined(separator: ",") + "\n" }
        return text
    }

    /// The CSV fields of `row`, in ``columns`` order.
    public static func fields(of row: Metrics) -> [String] {
        [
            format(row.threshold), "\(row.truePositives)", "\(row.falsePositives)", "\(row.falseNegatives)",
            "\(row.trueNegatives)", format(row.precision), format(row.recall), format(row.f1),
            format(row.falsePositiveRate), format(row.campaignRecall), "\(row.leakedTokens)",
            format(row.extractionPrevented), format(row.medianTimeToDetection), "\(row.collateralRequests)",
        ]
    }

    /// Shortest round-trip decimal (Swift's `description`), empty for nil, `inf` for +∞.
    static func format(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }
}
