import Evaluation
import Foundation
import ResultsModel
import Traffic

/// The leaderboard: one row per detector with the figures a team reads first.
///
/// `leaderboard.csv` holds the headline evaluation's exact values (machine-readable);
/// `leaderboard.md` and the terminal table show, where there are several seeds, the mean over
/// seeds ± the 95 % interval's half-width, both rounded to its first significant digit, else the
/// headline value to three significant decimals; throughput with units, only where a detector
/// does per-request work.
public enum Leaderboard {
    /// A column: its CSV name, its readable title, the headline's exact value, and over seeds.
    struct Column: Sendable {
        var name: String
        var title: String
        var exact: @Sendable (DetectorResult) -> Double?
        var overSeeds: (@Sendable (MetricsSummary) -> MetricInterval?)?
        var shown: @Sendable (Double?) -> String = { FigureFormat.value($0) }
    }

    static func point(_ kind: OperatingPoint.Kind, _ figure: any KeyPath<Metrics, Double?> & Sendable) -> @Sendable (DetectorResult) -> Double? {
        { $0.report.operatingPoint(kind)?.metrics[keyPath: figure] }
    }

    static func interval(_ kind: OperatingPoint.Kind, _ key: String) -> @Sendable (MetricsSummary) -> MetricInterval? {
        { $0.interval(key, at: kind) }
    }

    static let columns: [Column] = [
        Column(name: "ap", title: "AP", exact: { $0.report.averagePrecision }, overSeeds: { $0.averagePrecision }),
        Column(name: "roc_auc", title: "ROC-AUC", exact: { $0.report.rocAUC }, overSeeds: { $0.rocAUC }),
        Column(name: "default_threshold", title: "default τ", exact: { $0.report.defaultThreshold }, overSeeds: nil),
        Column(name: "default_precision", title: "precision", exact: point(.default, \.precision), overSeeds: interval(.default, "precision")),
        Column(name: "default_recall", title: "recall", exact: point(.default, \.recall), overSeeds: interval(.default, "recall")),
        Column(name: "default_fpr", title: "FPR", exact: point(.default, \.falsePositiveRate), overSeeds: interval(.default, "fpr")),
        Column(name: "best_f1", title: "best F1", exact: point(.bestF1, \.f1), overSeeds: interval(.bestF1, "f1")),
        Column(name: "recall_at_fpr_budget", title: "recall @ budget", exact: point(.fprBudget, \.recall), overSeeds: interval(.fprBudget, "recall")),
        Column(name: "tuned_recall", title: "tuned recall", exact: point(.tuned, \.recall), overSeeds: interval(.tuned, "recall")),
        Column(name: "tuned_fpr", title: "tuned FPR", exact: point(.tuned, \.falsePositiveRate), overSeeds: interval(.tuned, "fpr")),
        Column(
            name: "extraction_prevented_default", title: "extraction prevented", exact: point(.default, \.extractionPrevented),
            overSeeds: interval(.default, "extraction_prevented")),
        Column(
            name: "median_ttd_s_default", title: "median TTD", exact: point(.default, \.medianTimeToDetection),
            overSeeds: interval(.default, "median_time_to_detection_s"), shown: { FigureFormat.duration($0) }),
        Column(
            name: "throughput_rps", title: "throughput", exact: { $0.report.throughputRPS }, overSeeds: nil,
            shown: { FigureFormat.throughput($0) }),
    ]

    /// `leaderboard.csv`: the headline's exact values.
    public static func csv(_ summary: ResultsSummary) -> String {
        let header = ["detector"] + columns.map(\.name) + ["status"]
        let rows = summary.detectors.map { result in
            [CSVCell.text(result.report.name)] + columns.map { csvNumber($0.exact(result), digits: $0.name == "throughput_rps" ? 0 : 4) }
                + [result.status]
        }
        return ([header] + rows).map(CSVCell.row).joined(separator: "\n") + "\n"
    }

    /// The rounded cells of each detector, in ``columns`` order (for Markdown, terminal and report).
    public static func cells(_ summary: ResultsSummary) -> [(detector: String, status: String, cells: [String])] {
        summary.detectors.map { result in
            let seeds = summary.overSeeds(of: result.report.name)
            let cells = columns.map { column -> String in
                if column.name == "median_ttd_s_default", let seeds, let interval = column.overSeeds?(seeds) {
                    return durationInterval(interval)
                }
                if let seeds, let read = column.overSeeds, let interval = read(seeds), interval.n > 1 {
                    return FigureFormat.interval(interval)
                }
                return column.shown(column.exact(result))
            }
            return (result.report.name, result.status, cells)
        }
    }

    /// The column titles of ``cells(_:)``.
    public static var titles: [String] { columns.map(\.title) }

    /// `leaderboard.md`, with a note on how figures are rounded.
    public static func markdown(_ summary: ResultsSummary) -> String {
        let header = ["detector"] + titles + ["status"]
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        for row in cells(summary) {
            let name = row.detector.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| " + ([name] + row.cells + [row.status]).joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(note(summary))
        if let best = best(summary) { lines += ["", best] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The best configuration per detector (``ResultsSummary/best``) as a Markdown table, or nil
    /// when the summary has none: chosen on the tuning seeds, figures over the evaluation seeds.
    public static func best(_ summary: ResultsSummary) -> String? {
        guard let best = summary.best, !best.isEmpty else { return nil }
        let header = ["scenario", "detector", "configuration", "of", "tuning AP", "AP", "recall @ budget", "tuned recall", "tuned FPR"]
        var lines = [
            "Best configuration per detector, chosen on the tuning seeds (mean AP); figures over the evaluation seeds:", "",
            "| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count),
        ]
        func point(_ summary: MetricsSummary, _ kind: OperatingPoint.Kind, _ key: String) -> String {
            FigureFormat.interval(summary.interval(key, at: kind))
        }
        for row in best {
            let cells = [
                row.label, row.detector, row.configuration, "\(row.candidates)", FigureFormat.value(row.tuningAP),
                FigureFormat.interval(row.evaluation.averagePrecision), point(row.evaluation, .fprBudget, "recall"),
                point(row.evaluation, .tuned, "recall"), point(row.evaluation, .tuned, "fpr"),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// A fixed-width table for the terminal.
    public static func table(_ summary: ResultsSummary) -> String {
        let shown = ["AP", "ROC-AUC", "precision", "recall", "best F1", "recall @ budget", "extraction prevented", "throughput"]
        let indices = shown.compactMap { titles.firstIndex(of: $0) }
        let rows = [["detector"] + indices.map { titles[$0] } + ["status"]]
            + cells(summary).map { row in [Terminal.escaped(row.detector)] + indices.map { row.cells[$0] } + [row.status] }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let table = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
        return table + "\n" + note(summary) + (best(summary).map { "\n\n" + $0.split(separator: "\n", omittingEmptySubsequences: false).map { Terminal.escaped(String($0)) }.joined(separator: "\n") } ?? "")
    }

    /// How the figures are shown.
    static func note(_ summary: ResultsSummary) -> String {
        let seeds = summary.overSeeds.first?.detectors.first?.seeds ?? 1
        return seeds > 1
            ? "Mean over \(seeds) seeds ± the 95 % interval's half-width, rounded to its first significant digit; "
                + "throughput of the first seed, only for detectors doing per-request work."
            : "One seed: values to three significant decimals; throughput only for detectors doing per-request work."
    }

    static func durationInterval(_ interval: MetricInterval) -> String {
        guard interval.n > 1, let mean = interval.mean, let lower = interval.lower, let upper = interval.upper else {
            return FigureFormat.duration(interval.mean)
        }
        // A t-interval of a duration can reach below 0: shown from 0.
        return "\(FigureFormat.duration(mean)) (\(FigureFormat.duration(max(0, lower)))–\(FigureFormat.duration(upper)))"
    }

    static func csvNumber(_ value: Double?, digits: Int) -> String {
        guard let value else { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.\(digits)f", value)
    }
}
