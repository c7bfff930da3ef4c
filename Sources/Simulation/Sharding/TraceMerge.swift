import Foundation
import HeapModule
import Traffic

/// `merge-traces`: k-way merges the partitions `generate --shard I/N` wrote into the trace
/// directory one `generate` writes, byte for byte (DESIGN §8).
///
/// Each partition holds its requests in trace order and their order keys
/// (``RequestOrderFile``); a heap over the partitions' next keys interleaves the records,
/// copied unchanged, so memory grows with the number of partitions, not of requests. The
/// account table and truth, the same in every partition, are copied from the first; the
/// manifest's counts and time range are those of the merged requests.
public enum TraceMerge {
    /// Merges the partitions in `directories` (any order) into the trace directory `output`,
    /// atomically.
    ///
    /// - Returns: the trace manifest written.
    /// - Throws: ``TraceMergeError`` for partitions of different traces, a missing or duplicate
    ///   partition, or a damaged one; ``Traffic/TraceError`` for files that cannot be read or written.
    public static func merge(_ directories: [URL], to output: URL) throws -> TraceManifest {
        let parts = try check(directories)
        let first = parts[0].manifest
        guard let format = TraceFormat(rawValue: first.format) else {
            throw TraceMergeError.notAPartition(parts[0].url.relativePath, reason: "unknown format \(Terminal.quoted(first.format))")
        }
        return try AtomicDirectory.write(to: output) { temporary in
            let manifest = try mergeRequests(parts, format: format, into: temporary)
            for name in [format.accountsFileName, TraceDirectory.truthFileName] {
                try copyShared(name, of: parts, into: temporary)
            }
            try manifest.encoded().write(to: temporary.appending(path: TraceDirectory.manifestFileName))
            return manifest
        }
    }

    // MARK: - Checks

    /// Reads every `part.json` and checks the set is one complete trace's partitions.
    ///
    /// - Returns: the partitions by shard index.
    static func check(_ directories: [URL]) throws(TraceMergeError) -> [(url: URL, manifest: TracePartManifest)] {
        guard !directories.isEmpty else { throw .noPartitions }
        let parts = try directories.map { url throws(TraceMergeError) in (url: url, manifest: try TracePartManifest.read(partition: url)) }
        let first = parts[0]
        for part in parts.dropFirst() {
            for (mine, theirs) in zip(part.manifest.sharedFields, first.manifest.sharedFields) where mine.value != theirs.value {
                throw .mismatch(
                    part.url.relativePath, field: mine.name, value: mine.value, first: first.url.relativePath,
                    firstValue: theirs.value)
            }
        }
        let count = first.manifest.shards
        var byShard = [Int: (url: URL, manifest: TracePartManifest)]()
        for part in parts {
            let shard = part.manifest.shard
            if let other = byShard[shard] {
                throw .duplicate(other.url.relativePath, part.url.relativePath, shard: "\(shard)/\(count)")
            }
            byShard[shard] = part
        }
        if let absent = (1...count).first(where: { byShard[$0] == nil }) { throw .missing(shard: "\(absent)/\(count)") }
        return (1...count).compactMap { byShard[$0] }
    }

    // MARK: - Merging

    /// One partition's open files during the merge.
    private final class Source {
        let path: String
        let expected: Int
        let requests: RecordReader
        let labels: RecordReader?
        let keys: OrderKeyReader

        init(url: URL, manifest: TracePartManifest, format: TraceFormat) throws {
            path = url.relativePath
            expected = manifest.requests
            requests = try RecordReader(url: url.appending(path: format.requestsFileName), quoted: format == .csv)
            let labelsURL = url.appending(path: TraceDirectory.requestLabelsFileName)
            labels = manifest.campaigns > 0 ? try RecordReader(url: labelsURL, quoted: format == .csv) : nil
            keys = try OrderKeyReader(url: url.appending(path: RequestOrderFile.fileName))
        }
    }

    /// The next request of the merge: its key, and which partition holds it.
    private struct Cursor: Comparable {
        var key: RequestOrderFile.Key
        var source: Int
        static func < (a: Cursor, b: Cursor) -> Bool { (a.key, a.source) < (b.key, b.source) }
        static func == (a: Cursor, b: Cursor) -> Bool { a.key == b.key && a.source == b.source }
    }

    private static func mergeRequests(
        _ parts: [(url: URL, manifest: TracePartManifest)], format: TraceFormat, into directory: URL
    ) throws -> TraceManifest {
        let sources = try parts.map { try Source(url: $0.url, manifest: $0.manifest, format: format) }
        let requests = try ByteSink(url: directory.appending(path: format.requestsFileName))
        let labels = parts[0].manifest.campaigns > 0
            ? try ByteSink(url: directory.appending(path: TraceDirectory.requestLabelsFileName)) : nil
        // Headers: the CSV requests header and the labels header, the same in every partition.
        if format == .csv { try copyHeader(of: sources.map { ($0.path, $0.requests) }, to: requests) }
        if let labels { try copyHeader(of: sources.compactMap { source in source.labels.map { (source.path, $0) } }, to: labels) }

        var heap = Heap<Cursor>()
        for (index, source) in sources.enumerated() {
            if let key = try source.keys.next() { heap.insert(Cursor(key: key, source: index)) }
        }
        var count = 0
        var first: Int64 = 0
        var last: Int64 = 0
        while var cursor = heap.min {
            let source = sources[cursor.source]
            guard try source.requests.copyRecord(to: &requests.buffer) else {
                throw TraceMergeError.damaged(source.path, reason: "\(source.requests.name) ends before request \(source.keys.count)")
            }
            if cursor.key.labelled {
                guard let reader = source.labels, let sink = labels, try reader.copyRecord(to: &sink.buffer) else {
                    throw TraceMergeError.damaged(source.path, reason: "request_labels.csv ends before a labelled request")
                }
                try sink.flushIfFull()
            }
            try requests.flushIfFull()
            if count == 0 { first = cursor.key.ts }
            last = cursor.key.ts
            count += 1
            if let next = try source.keys.next() {
                guard cursor.key < next else {
                    throw TraceMergeError.damaged(source.path, reason: "request \(source.keys.count) is out of trace order")
                }
                cursor.key = next
                heap.replaceMin(with: cursor)
            } else {
                _ = heap.removeMin()
            }
        }
        for source in sources {
            guard source.keys.count == source.expected else {
                throw TraceMergeError.damaged(source.path, reason: "\(source.keys.count) order keys for \(source.expected) requests")
            }
            guard try source.requests.isAtEnd(), try source.labels?.isAtEnd() ?? true else {
                throw TraceMergeError.damaged(source.path, reason: "more requests or labels than order keys")
            }
        }
        try labels?.close()
        try requests.close()
        return parts[0].manifest.traceManifest(requests: count, firstRequest: first, lastRequest: last)
    }

    /// Copies the first record of the first file (a header) to `sink`, after checking every
    /// file starts with the same one.
    private static func copyHeader(of files: [(path: String, reader: RecordReader)], to sink: ByteSink) throws {
        var header: [UInt8]?
        for file in files {
            var bytes: [UInt8] = []
            guard try file.reader.copyRecord(to: &bytes) else {
                throw TraceMergeError.damaged(file.path, reason: "\(file.reader.name) has no header")
            }
            if let header, header != bytes {
                throw TraceMergeError.damaged(file.path, reason: "the header of \(file.reader.name) differs from the first partition's")
            }
            header = bytes
        }
        sink.buffer.append(contentsOf: header ?? [])
    }

    /// Copies the file `name` (the same in every partition) from the first partition.
    private static func copyShared(_ name: String, of parts: [(url: URL, manifest: TracePartManifest)], into directory: URL) throws {
        let size = { (url: URL) -> Int? in
            (try? FileManager.default.attributesOfItem(atPath: url.appending(path: name).path))?[.size] as? Int
        }
        guard let expected = size(parts[0].url) else {
            throw TraceMergeError.damaged(parts[0].url.relativePath, reason: "\(name) is missing")
        }
        for part in parts.dropFirst() where size(part.url) != expected {
            throw TraceMergeError.damaged(part.url.relativePath, reason: "\(name) differs from the first partition's")
        }
        do {
            try FileManager.default.copyItem(at: parts[0].url.appending(path: name), to: directory.appending(path: name))
        } catch {
            throw TraceError.io(file: name, reason: "cannot copy from \(parts[0].url.relativePath): \(error.localizedDescription)")
        }
    }
}
