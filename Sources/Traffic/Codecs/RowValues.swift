/// One parsed row, column by column, before it is appended anywhere: a malformed line never
/// leaves half a request behind.
struct RowValues {
    /// The 1-based line the row starts on.
    var line = 0
    /// Bit `c` set when column `c` was given (and not `null`).
    var present: UInt64 = 0
    /// Values of integer columns, by column.
    var integers: [Int64]
    /// Values of number columns, by column.
    var numbers: [Double]
    /// Values of boolean columns, by column.
    var booleans: [Bool]
    /// The bytes of every string value (unescaped, valid UTF-8), back to back.
    var text: [UInt8] = []
    /// Where each string column's value lies in ``text``.
    var textRanges: [Range<Int>]

    init(columns: Int) {
        integers = Array(repeating: 0, count: columns)
        numbers = Array(repeating: 0, count: columns)
        booleans = Array(repeating: false, count: columns)
        textRanges = Array(repeating: 0..<0, count: columns)
        text.reserveCapacity(4096)
    }

    /// Forgets every value, keeping storage.
    mutating func clear(line: Int) {
        self.line = line
        present = 0
        text.removeAll(keepingCapacity: true)
    }

    /// Whether column `column` was given.
    @inline(__always) func has(_ column: Int) -> Bool {
        present & (1 << UInt64(column)) != 0
    }

    @inline(__always) mutating func mark(_ column: Int) {
        present |= 1 << UInt64(column)
    }

    @inline(__always) mutating func unmark(_ column: Int) {
        present &= ~(1 << UInt64(column))
    }

    /// The value of integer column `column`, or `fallback` if absent.
    @inline(__always) func integer(_ column: Int, or fallback: Int64) -> Int64 {
        has(column) ? integers[column] : fallback
    }

    /// The value of number column `column`, or `fallback` if absent.
    @inline(__always) func number(_ column: Int, or fallback: Double) -> Double {
        has(column) ? numbers[column] : fallback
    }

    /// The value of boolean column `column`, or `fallback` if absent.
    @inline(__always) func boolean(_ column: Int, or fallback: Bool) -> Bool {
        has(column) ? booleans[column] : fallback
    }

    /// The value of string column `column` as a `String`, or `fallback` if absent.
    func string(_ column: Int, or fallback: String = "") -> String {
        has(column) ? String(decoding: text[textRanges[column]], as: UTF8.self) : fallback
    }
}
