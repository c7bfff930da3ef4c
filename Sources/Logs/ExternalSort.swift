import Foundation
import HeapModule
import Traffic

/// Sorts requests by `ts`, then `account`, then `id` (UTF-8 byte order, DESIGN §2) in bounded
/// memory: runs of at most `runSize` requests are sorted in memory and written to temporary
/// files, then merged (a k-way merge through a heap) into one sorted `requests.jsonl`.
/// Requests with equal keys keep their input order (the sort is stable). Memory: one run of
/// requests while sorting; one read buffer (256 KiB) and 256 requests per run while merging.
public enum ExternalSort {
    /// What a sort did.
    public struct Outcome: Sendable {
        /// The sorted file, in the trace's own JSONL form.
        public var url: URL
        /// Requests sorted.
        public var count: Int
        /// Sorted runs written before the merge.
        public var runs: Int
    }

    /// Whether `a` sorts before `b`.
    static func precedes(_ a: Request, _ b: Request) -> Bool {
        if a.ts != b.ts { return a.ts < b.ts }
        if a.account != b.account { return a.account.utf8.lexicographicallyPrecedes(b.account.utf8) }
        return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }

    /// Sorts the requests `next` yields (until it returns nil) into `directory/sorted.jsonl`.
    ///
    /// - Parameter runSize: requests held in memory at once (at least 1).
    public static func sort(
        _ next: () throws -> Request?, runSize: Int, in directory: URL
    ) throws -> Outcome {
        let runSize = max(1, runSize)
        var runs: [URL] = []
        var buffer: [Request] = []
        buffer.reserveCapacity(min(runSize, 1 << 16))
        var count = 0
        func spill() throws {
            guard !buffer.isEmpty else { return }
            let indexed = buffer.enumerated().sorted { a, b in
                precedes(a.element, b.element) || (!precedes(b.element, a.element) && a.offset < b.offset)
            }
            let url = directory.appending(path: "run-\(runs.count).jsonl")
            try write(indexed.lazy.map(\.element), to: url)
            runs.append(url)
            buffer.removeAll(keepingCapacity: true)
        }
        while let request = try next() {
            buffer.append(request)
            count += 1
            if buffer.count >= runSize { try spill() }
        }
        try spill()
        let sorted = directory.appending(path: "sorted.jsonl")
        if runs.count <= 1 {
            if let only = runs.first {
                try FileManager.default.moveItem(at: only, to: sorted)
            } else {
                try write([Request](), to: sorted)
            }
            return Outcome(url: sorted, count: count, runs: runs.count)
        }
        try merge(runs, into: sorted)
        for run in runs { try? FileManager.default.removeItem(at: run) }
        return Outcome(url: sorted, count: count, runs: runs.count)
    }

    /// Writes `requests` as the trace's JSONL.
    private static func write(_ requests: some Sequence<Request>, to url: URL) throws {
        let writer = try JSONLRequestWriter(url: url)
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for request in requests {
            batch.append(request)
            if batch.count == 8192 {
                try writer.write(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try writer.write(batch) }
        try writer.close()
    }

    /// One run being merged: its reader and the current batch.
    private final class Cursor {
        let reader: JSONLRequestReader
        var batch: RequestBatch?
        var index = 0

        init(_ url: URL) throws {
            // Small batches and chunks: a merge of many runs holds one of each per run.
            reader = try JSONLRequestReader(
                url: url, symbols: Interner(), accountNames: Interner(),
                options: RequestReadOptions(batchSize: 256, chunkSize: 256 << 10))
            batch = try reader.next()
        }

        var current: Request? {
            guard let batch, index < batch.count else { return nil }
            return batch[index]
        }

        func advance() throws {
            index += 1
            if let batch, index >= batch.count {
                self.batch = try reader.next()
                index = 0
            }
        }
    }

    private struct Head: Comparable {
        var request: Request
        var run: Int

        static func < (a: Head, b: Head) -> Bool {
            precedes(a.request, b.request) || (!precedes(b.request, a.request) && a.run < b.run)
        }

        static func == (a: Head, b: Head) -> Bool { !(a < b) && !(b < a) }
    }

    private static func merge(_ runs: [URL], into url: URL) throws {
        let cursors = try runs.map(Cursor.init)
        var heap = Heap<Head>()
        for (run, cursor) in cursors.enumerated() {
            if let request = cursor.current { heap.insert(Head(request: request, run: run)) }
        }
        let writer = try JSONLRequestWriter(url: url)
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        while let head = heap.popMin() {
            batch.append(head.request)
            if batch.count == 8192 {
                try writer.write(batch)
                batch.removeAll()
            }
            let cursor = cursors[head.run]
            try cursor.advance()
            if let next = cursor.current { heap.insert(Head(request: next, run: head.run)) }
        }
        if !batch.isEmpty { try writer.write(batch) }
        try writer.close()
    }
}
