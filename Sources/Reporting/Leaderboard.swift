import Evaluation
import Traffic
import Foundation

/// The leaderboard: one row per detector with the figures a team reads first.
public enum Leaderboard {
    static let columns = [
        "detector", "ap", "roc_auc", "default_threshold", "default_precision", "default_recall", "default_fpr",
        "best_f1", "recall_at_fpr_budget", "tuned_recall", "tuned_fpr", "extraction_prevented_default",
        "median_ttd_s_default", "throughput_rps", "status",
    ]

    static func rows(_ evaluation: DetectorEvaluation) -> [[String]] {
        evaluation.outcomes.map { outcome in
            let report = outcome.report
            let standard = report.operatingPoint(.default)
            let best = report.operatingPoint(.bestF1)
            let budget = report.operatingPoint(.fprBudget)
            let tuned = report.operatingPoint(.tuned)
            return [
                report.name, format(report.averagePrecision), format(report.rocAUC), format(report.defaultThreshold),
                format(standard?.metrics.precision), format(standard?.metrics.recall), format(standard?.metrics.falsePositiveRate),
                format(best?.metrics.f1), format(budget?.metrics.recall), format(tuned?.metrics.recall),
                format(tuned?.metrics.falsePositiveRate), format(standard?.metrics.extractionPrevented),
                format(standard?.metrics.medianTimeToDetection), format(report.throughputRPS, digits: 0),
                outcome.run.status.rawValue,
            ]
        }
    }

    /// `leaderboard.csv`.
    public static func csv(_ evaluation: DetectorEvaluation) -> String {
        // The first cell is the detector's configured name; the rest are numbers.
        ([columns] + rows(evaluation)).map { row in
            CSVCell.row(row.enumerated().map { $0.offset == 0 ? CSVCell.text($0.element) : $0.element })
        }.joined(separator: "\n") + "\n"
    }

    /// `leaderboard.md`, and what `run` prints.
    public static func markdown(_ evaluation: DetectorEvaluation) -> String {
        var lines = ["| " + columns.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: columns.count)]
        for row in rows(evaluation) { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fixed-width table for the terminal.
    public static func table(_ evaluation: DetectorEvaluation) -> String {
        let shown = ["detector", "ap", "roc_auc", "default_precision", "default_recall", "best_f1", "recall_at_fpr_budget", "extraction_prevented_default", "throughput_rps", "status"]
        let indices = shown.compactMap { columns.firstIndex(of: $0) }
        let rows = [indices.map { columns[$0] }] + Self.rows(evaluation).map { row in indices.map { row[$0] } }
        let widths = indices.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func format(_ value: Double?, digits: Int = 4) -> String {
        guard let value else { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.\(digits)f", value)
    }
}
