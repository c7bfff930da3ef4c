import Foundation
import Plot
import ResultsModel

/// `compare`'s output (issue 11): Markdown for the terminal and `compare.md`, and a
/// self-contained `compare.html`, saying which detectors got better or worse on which metrics.
public enum ComparisonReport {
    /// One side's figure: `mean ± half-width` rounded to its interval, or the value.
    static func shown(_ figure: ResultsComparison.Figure) -> String {
        if let interval = figure.interval { return FigureFormat.interval(interval) }
        return FigureFormat.value(figure.value)
    }

    static func header(_ comparison: ResultsComparison) -> [String] {
        var lines = [
            "Comparing \(comparison.after) (B) with \(comparison.before) (A).",
            "A difference is marked real (better/worse) only when the two 95 % seed intervals do not overlap; "
                + "with one seed on a side there is no interval and nothing is marked.",
        ]
        lines += comparison.notes.map { "Note: \($0)." }
        if !comparison.onlyBefore.isEmpty { lines.append("Only in A: \(comparison.onlyBefore.joined(separator: ", ")).") }
        if !comparison.onlyAfter.isEmpty { lines.append("Only in B: \(comparison.onlyAfter.joined(separator: ", ")).") }
        let real = comparison.real
        lines.append(
            real.isEmpty
                ? "No real difference."
                : "Real differences: " + real.map { "\($0.detector) \($0.verdict.rawValue) on \($0.metric.name)" }.joined(separator: "; ") + ".")
        return lines
    }

    /// The Markdown: the header, then one table row per detector and metric.
    public static func markdown(_ comparison: ResultsComparison) -> String {
        var lines = header(comparison).map { $0 + "\n" }
        lines.append("| detector | metric | A | B | change | verdict |")
        lines.append("|---|---|---|---|---|---|")
        for row in comparison.rows {
            let name = row.detector.replacingOccurrences(of: "|", with: "\\|")
            let change = row.change.map { ($0 > 0 ? "+" : "") + FigureFormat.value($0) } ?? "—"
            let verdict = row.verdict == .better || row.verdict == .worse ? "**\(row.verdict.rawValue)**" : row.verdict.rawValue
            lines.append("| \(name) | \(row.metric.name) | \(shown(row.before)) | \(shown(row.after)) | \(change) | \(verdict) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The self-contained HTML page.
    public static func html(_ comparison: ResultsComparison) -> String {
        typealias Cell = ReportMarkup.Cell
        let rows = comparison.rows.map { row -> [Cell] in
            [Cell(row.detector), Cell(row.metric.name), Cell(shown(row.before), sort: row.before.value),
             Cell(shown(row.after), sort: row.after.value),
             Cell(row.change.map { ($0 > 0 ? "+" : "") + FigureFormat.value($0) } ?? "—", sort: row.change),
             Cell(row.verdict.rawValue)]
        }
        let body: [Node<HTML.BodyContext>] = [
            ReportMarkup.element("h1", [ReportMarkup.text("DistillBench comparison: \(comparison.after) against \(comparison.before)")]),
        ] + header(comparison).map { ReportMarkup.element("p", [ReportMarkup.text($0)]) } + [
            ReportMarkup.table(header: ["detector", "metric", "A", "B", "change", "verdict"], rows: rows, sortable: true),
        ]
        return ReportPage.document(title: "DistillBench comparison: \(comparison.after)", body: body)
    }
}
