import Traffic

/// The JSON-encoded strings of an ``Interner``, by code: a string field costs one copy.
struct EncodedStrings {
    private var table: Interner?
    private var encoded: [[UInt8]] = []

    /// Serves `table`, forgetting another table's strings.
    mutating func bind(_ table: Interner) {
        guard self.table !== table else { return }
        self.table = table
        encoded.removeAll()
    }

    mutating func append(_ code: UInt32, to out: inout [UInt8]) {
        if Int(code) >= encoded.count, let table {
            for string in table.strings(from: encoded.count) {
                var bytes: [UInt8] = []
                JSONText.appendString(ArraySlice(string.utf8), to: &bytes)
                encoded.append(bytes)
            }
        }
        if Int(code) < encoded.count { out += encoded[Int(code)] } else { out.append(contentsOf: #""""#.utf8) }
    }
}
