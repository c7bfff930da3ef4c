import Traffic

/// What a pass over a mapped log skipped under `--skip-invalid`: counts per kind, and the
/// first error of each.
public struct MalformedTally: Sendable, Hashable {
    public private(set) var counts: [MalformedKind: Int] = [:]
    public private(set) var firsts: [MalformedKind: TraceError] = [:]

    public init() {}

    /// Lines skipped in all.
    public var total: Int { counts.values.reduce(0, +) }

    /// Adds the counts of `other` (its first errors where this has none).
    mutating func add(_ other: MalformedTally) {
        counts.merge(other.counts, uniquingKeysWith: +)
        firsts.merge(other.firsts) { mine, _ in mine }
    }

    mutating func record(_ error: MappedLineError) {
        counts[error.kind, default: 0] += 1
        if firsts[error.kind] == nil { firsts[error.kind] = error.error }
    }

    /// One line per kind skipped: count, label, first error.
    public var lines: [String] {
        MalformedKind.allCases.compactMap { kind in
            guard let count = counts[kind] else { return nil }
            return "\(count) \(kind.rawValue) (\(kind.label)); first: \(firsts[kind].map(\.description) ?? "")"
        }
    }

    /// Counts by kind name, for manifests.
    public var byName: [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }
}
