/// `sweep/<detector>.csv` read back: threshold → exact metrics, ascending (DESIGN §6), for the
/// report's curves and trade-offs.
public struct SweepTable: Sendable, Hashable {
    /// The header's columns.
    public let columns: [String]
    /// One row per threshold; an empty cell is nil, `inf` / `-inf` are ±∞.
    public let rows: [[Double?]]

    /// Parses the CSV `text` of `file` (named in errors).
    public init(csv text: String, file: String) throws(ResultsFormatError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { throw ResultsFormatError(file: file, problem: "empty sweep (no header)") }
        columns = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard columns.first == "threshold" else {
            throw ResultsFormatError(file: file, problem: "line 1: the first column must be threshold")
        }
        var rows: [[Double?]] = []
        for (offset, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == columns.count else {
                throw ResultsFormatError(
                    file: file, problem: "line \(offset + 2): \(cells.count) cells, the header has \(columns.count)")
            }
            var row: [Double?] = []
            for (cell, column) in zip(cells, columns) {
                if cell.isEmpty {
                    row.append(nil)
                } else if let value = Self.number(cell) {
                    row.append(value)
                } else {
                    throw ResultsFormatError(file: file, problem: "line \(offset + 2), column \(column): not a number")
                }
            }
            rows.append(row)
        }
        self.rows = rows
    }

    /// The values of `column` (nil where empty), or nil when there is no such column.
    public func values(_ column: String) -> [Double?]? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return rows.map { $0[index] }
    }

    static func number(_ cell: Substring) -> Double? {
        switch cell {
        case "inf": .infinity
        case "-inf": -.infinity
        default: Double(cell).flatMap { $0.isNaN ? nil : $0 }
        }
    }
}
