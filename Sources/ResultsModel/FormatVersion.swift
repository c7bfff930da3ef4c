/// The `format_version` of a results document: absent in documents written before it existed
/// (read as 0); a version newer than this build reads is refused with the key named.
public enum FormatVersion {
    /// The version under `key` of `container`, at most `current`.
    public static func decode<Key: CodingKey>(
        from container: KeyedDecodingContainer<Key>, forKey key: Key, current: Int, required: Bool = false
    ) throws -> Int {
        let version = required ? try container.decode(Int.self, forKey: key) : try container.decodeIfPresent(Int.self, forKey: key) ?? 0
        guard version <= current else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "format_version \(version) is newer than this build reads (\(current))")
        }
        return version
    }
}
