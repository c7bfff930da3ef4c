/// Reads named members of a JSON object given as text (a nested `metadata` value, or a CSV
/// cell holding JSON), with the same parser as ``RawRecordReader``.
public struct RawObjectFields: Sendable {
    private let schema: Schema
    private let count: Int

    /// A reader of the members named `keys` (at most 64).
    public init(keys: [String]) {
        precondition(keys.count <= 64, "at most 64 keys")
        schema = Schema(columns: keys.map { Schema.Column(name: $0, kind: .raw, isRequired: false) }, mapping: [:])
        count = keys.count
    }

    /// The members of the object `text`, as ``RawRecord/values``.
    ///
    /// - Throws: ``TraceError/syntax(file:line:message:)`` when `text` is not one JSON object.
    public func values(of text: String, file: String, line: Int) throws -> [String?] {
        var row = RowValues(columns: count)
        row.clear(line: line)
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x20] }
        var hint = 0
        var scratch: [UInt8] = []
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var parser = JSONLineParser(base, count: buffer.count, file: file, line: line)
            try parser.parseObject(schema: schema, hint: &hint, scratch: &scratch, into: &row)
        }
        return RawRecordReader.values(of: row, count: count)
    }
}
