import Traffic

/// The requests one shard produced in one window, before they are put in time order.
struct ShardBuffer {
    var rows: [PendingRequest] = []
    /// `prompts[i]` is the prompt of `rows[i]`.
    var prompts = TextColumn()
    /// What the shard's accounts saw of enforcement in the window, in emission order.
    var events: [ActorEvent] = []

    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        prompts.removeAll()
        events.removeAll(keepingCapacity: true)
    }

    /// Row indices sorted by the trace order: time, then account, then id (DESIGN §2).
    ///
    /// Sorts compact keys rather than indices into the wide rows, so comparisons stay in cache.
    func sortedOrder() -> [Int32] {
        struct Key: Comparable {
            var ts: Int64
            var rank: UInt32
            var row: Int32
            var id: UInt64
            static func < (a: Key, b: Key) -> Bool { (a.ts, a.rank, a.id) < (b.ts, b.rank, b.id) }
        }
        var keys = rows.enumerated().map { Key(ts: $1.ts, rank: $1.rank, row: Int32($0), id: $1.idValue) }
        keys.sort()
        return keys.map(\.row)
    }
}
