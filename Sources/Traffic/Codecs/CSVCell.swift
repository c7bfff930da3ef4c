import Foundation

/// Cells of the CSV files the tool writes for people and spreadsheets (`scores/*.csv`,
/// `leaderboard.csv`): quoted per RFC 4180 and kept from being read as formulas (issue 8,
/// item 7; OWASP "CSV injection").
public enum CSVCell {
    /// A text cell: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
    /// leading `'` (spreadsheets then show it as text); one holding a comma, a double quote, a
    /// carriage return or a line feed is put in double quotes with its quotes doubled.
    public static func text(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, formulaLeads.contains(first) { cell = "'" + cell }
        guard cell.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A row of cells already made safe, joined by commas.
    public static func row(_ cells: [String]) -> String {
        cells.joined(separator: ",")
    }

    static let formulaLeads: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    static let needsQuotes: Set<Unicode.Scalar> = [",", "\"", "\r", "\n"]
}
