/// Why `merge-traces` refused its partitions; each description is one line.
public enum TraceMergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No partitions were given.
    case noPartitions
    /// A directory is not a complete partition.
    case notAPartition(String, reason: String)
    /// A partition belongs to another trace than the first one given.
    case mismatch(String, field: String, value: String, first: String, firstValue: String)
    /// Two directories hold the same partition.
    case duplicate(String, String, shard: String)
    /// A partition of the set is absent.
    case missing(shard: String)
    /// A partition's files disagree with each other or with its manifest.
    case damaged(String, reason: String)

    public var description: String {
        switch self {
        case .noPartitions:
            "no partitions given: pass every directory generate --shard I/N wrote"
        case .notAPartition(let path, let reason):
            "\(path): not a trace partition: \(reason)"
        case .mismatch(let path, let field, let value, let first, let firstValue):
            "\(path): a partition of another trace: \(field) \(value), but \(firstValue) in \(first)"
        case .duplicate(let first, let second, let shard):
            "\(first) and \(second) are both partition \(shard)"
        case .missing(let shard):
            "partition \(shard) is missing"
        case .damaged(let path, let reason):
            "\(path): damaged partition: \(reason)"
        }
    }
}
