/// How ``AccountCodec`` reads an accounts file.
///
/// `account` is required; missing fields default to `""`, `created` to 0 and `tier` to `free`.
public struct AccountReadOptions: Sendable {
    /// Count and skip malformed lines instead of throwing.
    public var skipMalformed: Bool
    /// File key (JSONL) or header name (CSV) → the field it holds.
    public var columnMapping: [String: AccountField]
    /// Bytes read from the file at a time.
    public var chunkSize: Int
    /// The longest line accepted.
    public var maxLineBytes: Int

    public init(
        skipMalformed: Bool = false, columnMapping: [String: AccountField] = [:],
        chunkSize: Int = 1 << 20, maxLineBytes: Int = 64 << 20
    ) {
        self.skipMalformed = skipMalformed
        self.columnMapping = columnMapping
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
    }
}
