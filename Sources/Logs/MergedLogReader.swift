import Foundation
import Traffic

/// Several logs of one map read as one, merged by time: each must be in time order; requests
/// with equal times come in the order the logs were given. One log is read as it is.
struct MergedLogReader {
    private var readers: [MappedLogReader]
    /// The next request of each log (nil once it is exhausted).
    private var heads: [Request?]
    private var started = false
    private let symbols: Interner
    private let accountNames: Interner
    private let batchSize: Int

    init(
        urls: [URL], map: LogMap, symbols: Interner = Interner(), accountNames: Interner = Interner(),
        skipInvalid: Bool, checkOrder: Bool, batchSize: Int = 8192
    ) throws {
        readers = try urls.map {
            try MappedLogReader(
                url: $0, map: map, symbols: symbols, accountNames: accountNames, skipInvalid: skipInvalid,
                checkOrder: checkOrder)
        }
        heads = Array(repeating: nil, count: urls.count)
        self.symbols = symbols
        self.accountNames = accountNames
        self.batchSize = max(1, batchSize)
    }

    /// The malformed lines skipped so far, over every log.
    var malformed: MalformedTally {
        readers.reduce(into: MalformedTally()) { $0.add($1.malformed) }
    }

    /// Requests returned so far.
    private(set) var count = 0

    /// The next request in time order, or nil after the last.
    mutating func nextRequest() throws -> Request? {
        if readers.count == 1 {
            let request = try readers[0].nextRequest()
            if request != nil { count += 1 }
            return request
        }
        if !started {
            for index in readers.indices { heads[index] = try readers[index].nextRequest() }
            started = true
        }
        var best: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = best, let other = heads[current], other.ts <= head.ts { continue }
            best = index
        }
        guard let best, let request = heads[best] else { return nil }
        heads[best] = try readers[best].nextRequest()
        count += 1
        return request
    }

    /// The next batch of up to `batchSize` requests, or nil after the last.
    mutating func next() throws -> RequestBatch? {
        var batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        while batch.count < batchSize, let request = try nextRequest() { batch.append(request) }
        return batch.isEmpty ? nil : batch
    }
}
