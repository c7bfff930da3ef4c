import HeapModule
import Traffic

/// The requests of one window from every shard, in trace order (time, account, id), and the
/// gathering of them into batch columns one column at a time.
struct WindowMerge {
    /// A request's place: which shard, which row of its buffer.
    private struct Place {
        var shard: UInt32
        var row: UInt32
    }

    /// The requests in trace order.
    private var rows: [PendingRequest] = []
    /// Where each request's prompt is: `prompts[place.shard]` at `place.row`.
    private var places: [Place] = []
    private var prompts: [TextColumn] = []

    var count: Int { rows.count }

    /// An empty merge; its storage is reused window after window.
    init() {}

    /// K-way merges the shards' sorted rows with a heap keyed by the trace order, replacing
    /// the previous window's requests.
    mutating func merge(_ shards: [Shard]) {
        rows.removeAll(keepingCapacity: true)
        places.removeAll(keepingCapacity: true)
        prompts = shards.map(\.buffer.prompts)
        struct Cursor: Comparable {
            var ts: Int64
            var rank: UInt32
            var id: UInt64
            var shard: Int
            var position: Int
            static func < (a: Cursor, b: Cursor) -> Bool { (a.ts, a.rank, a.id) < (b.ts, b.rank, b.id) }
        }
        let orders = shards.map(\.order)
        let shardRows = shards.map(\.buffer.rows)
        let total = orders.reduce(0) { $0 + $1.count }
        places.reserveCapacity(total)
        rows.reserveCapacity(total)
        var heap = Heap<Cursor>()
        func cursor(_ shard: Int, _ position: Int) -> Cursor? {
            guard position < orders[shard].count else { return nil }
            let row = shardRows[shard][Int(orders[shard][position])]
            return Cursor(ts: row.ts, rank: row.rank, id: row.idValue, shard: shard, position: position)
        }
        for shard in shards.indices {
            if let first = cursor(shard, 0) { heap.insert(first) }
        }
        while var next = heap.min {
            let row = Int(orders[next.shard][next.position])
            places.append(Place(shard: UInt32(next.shard), row: UInt32(row)))
            rows.append(shardRows[next.shard][row])
            if let following = cursor(next.shard, next.position + 1) {
                next = following
                heap.replaceMin(with: next)
            } else {
                _ = heap.removeMin()
            }
        }
    }

    /// Appends the requests at merged positions `range` to `batch`, one column at a time.
    func gather(_ range: Range<Int>, into labelled: inout LabelledBatch) {
        let slice = rows[range]
        labelled.campaigns.append(contentsOf: slice.lazy.map { $0.campaign })
        labelled.withheld.append(contentsOf: slice.lazy.map { $0.withheld })
        labelled.enforced.append(contentsOf: slice.lazy.map { $0.enforced })
        gather(slice, into: &labelled.requests)
        for place in places[range] {
            labelled.requests.prompts.append(prompts[Int(place.shard)], at: Int(place.row))
        }
    }

    private func gather(_ slice: ArraySlice<PendingRequest>, into batch: inout RequestBatch) {
        batch.timestamps.append(contentsOf: slice.lazy.map { $0.ts })
        batch.accounts.append(contentsOf: slice.lazy.map { $0.rank })
        batch.keys.append(contentsOf: slice.lazy.map { $0.key })
        batch.ips.append(contentsOf: slice.lazy.map { $0.ip })
        batch.asns.append(contentsOf: slice.lazy.map { $0.asn })
        batch.userAgents.append(contentsOf: slice.lazy.map { $0.userAgent })
        batch.tlsFingerprints.append(contentsOf: slice.lazy.map { $0.tls })
        batch.models.append(contentsOf: slice.lazy.map { $0.model })
        batch.endpoints.append(contentsOf: slice.lazy.map { $0.endpoint })
        batch.systemPrompts.append(contentsOf: slice.lazy.map { $0.system })
        batch.promptTokens.append(contentsOf: slice.lazy.map { $0.promptTokens })
        batch.completionTokens.append(contentsOf: slice.lazy.map { $0.completionTokens })
        batch.maxTokens.append(contentsOf: slice.lazy.map { $0.maxTokens })
        batch.temperatures.append(contentsOf: slice.lazy.map { $0.temperature })
        batch.topPs.append(contentsOf: slice.lazy.map { $0.topP })
        batch.completionCounts.append(contentsOf: slice.lazy.map { $0.n })
        batch.logprobs.append(contentsOf: slice.lazy.map { $0.logprobs })
        batch.topLogprobs.append(contentsOf: slice.lazy.map { $0.topLogprobs })
        batch.logitBiasEntries.append(contentsOf: slice.lazy.map { $0.logitBias })
        batch.toolCounts.append(contentsOf: slice.lazy.map { $0.tools })
        batch.streams.append(contentsOf: slice.lazy.map { $0.stream })
        batch.statuses.append(contentsOf: slice.lazy.map { $0.status })
        batch.latencies.append(contentsOf: slice.lazy.map { $0.latency })
        batch.ids.appendFixedWidth(count: slice.count, width: RequestID.width) { out in
            for (offset, row) in slice.enumerated() {
                RequestID.write(row.idValue, into: out, at: offset * RequestID.width)
            }
        }
    }
}

/// Request ids as a gateway shows them: `req_` and 16 hex digits.
enum RequestID {
    /// Bytes of an id.
    static let width = 20
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes the 20 bytes of the id of `value` at `offset`.
    static func write(_ value: UInt64, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        out[offset] = UInt8(ascii: "r")
        out[offset + 1] = UInt8(ascii: "e")
        out[offset + 2] = UInt8(ascii: "q")
        out[offset + 3] = UInt8(ascii: "_")
        for index in 0..<16 {
            out[offset + 4 + index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xf)]
        }
    }
}
