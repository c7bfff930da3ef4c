import Traffic

/// The requests one shard produced in one window, before they are put in time order.
struct ShardBuffer {
    var rows: [PendingRequest] = []
    /// `prompts[i]` is the prompt of `rows[i]`.
    var prompts = TextColumn()

    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        prompts.removeAll()
    }

    /// Row indices sorted by the trace order: time, then account, then id (DESIGN §2).
    func sortedOrder() -> [Int32] {
        var order = (0..<Int32(rows.count)).map { $0 }
        rows.withUnsafeBufferPointer { rows in
            order.sort { a, b in
                let x = rows[Int(a)]
                let y = rows[Int(b)]
                if x.ts != y.ts { return x.ts < y.ts }
                if x.rank != y.rank { return x.rank < y.rank }
                return x.idValue < y.idValue
            }
        }
        return order
    }
}
