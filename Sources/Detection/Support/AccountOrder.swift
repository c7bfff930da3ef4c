import Traffic

/// The rows of a batch grouped by account, each account's rows in their original order.
///
/// A detector that keeps a large state per account (a buffer of embeddings) can visit its rows
/// in this order so that an account's state stays in cache across its rows of the batch, then
/// hand its scores to ``ScoreSteps`` in the original row order: each account's state and steps
/// see exactly the sequence they would have seen, so the board is the same.
struct AccountOrder {
    /// Row indices sorted by (account, row).
    let rows: [Int]
    /// The ranges of ``rows`` that hold one account each, in account order.
    let groups: [Range<Int>]

    init(_ batch: RequestBatch) {
        var keys = [UInt64](repeating: 0, count: batch.count)
        for row in 0..<batch.count { keys[row] = UInt64(batch.accounts[row]) << 32 | UInt64(row) }
        keys.sort()
        rows = keys.map { Int($0 & 0xFFFF_FFFF) }
        var groups: [Range<Int>] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end] >> 32 == keys[start] >> 32 { end += 1 }
            groups.append(start..<end)
            start = end
        }
        self.groups = groups
    }
}
