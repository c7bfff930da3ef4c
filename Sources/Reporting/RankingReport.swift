import Evaluation
import Foundation
import Traffic

/// `ranking.md` and the terminal form of an ``AccountRanking``. Account ids and evidence come
/// from the log: they are escaped before they reach a terminal, and Markdown table cells have
/// their pipes escaped.
public enum RankingReport {
    static let columns = ["rank", "account", "max_score", "flagged", "first_flag", "requests", "request_share", "completion_tokens", "token_share"]

    static func cells(_ entry: AccountRanking.Entry) -> [String] {
        [
            "\(entry.rank)", entry.account, String(format: "%.4f", entry.maxScore), entry.flagged ? "yes" : "no",
            entry.firstFlag ?? "", "\(entry.requests)", percent(entry.requestShare), "\(entry.completionTokens)",
            percent(entry.completionTokenShare),
        ]
    }

    static func percent(_ share: Double) -> String { String(format: "%.2f %%", share * 100) }

    static func heading(_ ranking: AccountRanking.DetectorRanking) -> String {
        "\(ranking.detector) (default threshold \(ranking.defaultThreshold)): \(ranking.scoredAccounts) accounts scored,"
            + " \(ranking.flaggedAccounts) flagged" + (ranking.failure.map { "; FAILED: \($0)" } ?? "")
    }

    static func evidenceText(_ evidence: [String: String]) -> String {
        evidence.keys.sorted().map { "\($0)=\(evidence[$0] ?? "")" }.joined(separator: "; ")
    }

    /// `ranking.md`.
    public static func markdown(_ ranking: AccountRanking) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = [
            "# Ranking of \(cell(ranking.source))", "",
            "\(ranking.requests) requests, \(ranking.accounts) accounts, \(ranking.completionTokens) completion tokens"
                + (ranking.start.map { ", \($0) to \(ranking.end ?? "")" } ?? "") + ".",
            "Metrics: \(ranking.metrics).", "",
        ]
        for detector in ranking.detectors {
            lines.append("## \(cell(heading(detector)))")
            lines.append("")
            guard !detector.top.isEmpty else {
                lines += ["No account scored above 0.", ""]
                continue
            }
            let hasEvidence = detector.top.contains { $0.evidence != nil }
            let header = columns + (hasEvidence ? ["evidence"] : [])
            lines.append("| " + header.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: "---|", count: header.count))
            for entry in detector.top {
                var row = cells(entry)
                if hasEvidence { row.append(entry.evidence.map(evidenceText) ?? "") }
                lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The terminal form: per detector a heading and a fixed-width table, evidence below each row.
    public static func table(_ ranking: AccountRanking) -> String {
        var lines = ["Ranking (\(ranking.metrics)):"]
        for detector in ranking.detectors {
            lines.append("")
            lines.append(Terminal.escaped(heading(detector)))
            guard !detector.top.isEmpty else {
                lines.append("  no account scored above 0")
                continue
            }
            let rows = [columns] + detector.top.map { cells($0).map(Terminal.escaped) }
            let widths = columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for (index, row) in rows.enumerated() {
                lines.append("  " + zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
                if index > 0, let evidence = detector.top[index - 1].evidence {
                    lines.append("      " + Terminal.escaped(evidenceText(evidence)))
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
