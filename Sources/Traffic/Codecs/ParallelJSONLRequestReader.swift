import Dispatch
import Foundation
import Synchronization

/// Reads `requests.jsonl` with its parsing spread over `options.threads` threads (issue 10:
/// read at the speed of the disk): the file is cut into blocks of whole lines, each block is
/// parsed on a worker into a batch with string tables of its own, and blocks are joined in
/// file order — their codes mapped to the shared tables, the order checked across block
/// boundaries — into batches of exactly `batchSize` requests. Batches, codes, errors (file,
/// line, field) and skipped lines are those of ``JSONLRequestReader`` whatever the thread
/// count; memory holds a few blocks, not the file.
public final class ParallelJSONLRequestReader: RequestBatchReader {
    /// A block handed to a worker: its parse, once done. Whichever thread takes it first parses
    /// it — a worker, or the joining thread rather than wait idle (when other processes hold the
    /// cores, a worker may not have started yet); the parse is the same either way.
    private final class Parse: Sendable {
        private let result = Mutex<Result<JSONLBlock, any Error>?>(nil)
        private let done = DispatchSemaphore(value: 0)
        private let taken = Mutex(false)
        private let work: (@Sendable () -> JSONLBlock)?
        /// Whether the block was numbered from line 1 (its first line's number was not known).
        let numberedFromOne: Bool

        init(numberedFromOne: Bool = false, work: (@Sendable () -> JSONLBlock)? = nil) {
            self.numberedFromOne = numberedFromOne
            self.work = work
        }

        /// Parses the block, unless another thread has taken it.
        func run() {
            guard let work, taken.withLock({ taken in
                defer { taken = true }
                return !taken
            }) else { return }
            finish(.success(work()))
        }

        var isDone: Bool { result.withLock { $0 != nil } }

        func finish(_ outcome: Result<JSONLBlock, any Error>) {
            result.withLock { $0 = outcome }
            done.signal()
        }

        func wait() -> Result<JSONLBlock, any Error> {
            done.wait()
            return result.withLock { $0 } ?? .failure(TraceError.io(file: "", reason: "lost block"))
        }
    }

    /// The last request joined: what the next block's first request must not sort before.
    private struct LastRequest {
        var timestamp: Int64
        var account: [UInt8]
        var id: [UInt8]
    }

    private var input: JSONLBlockInput
    private let schema: Schema
    private let options: RequestReadOptions
    private let symbols: Interner
    private let accountNames: Interner
    private var symbolCache: InternCache
    private var accountCache: InternCache
    private var parses: [Parse] = []
    private var inputFinished = false
    /// The block being joined, its code maps, and the next request of it to take.
    private var current: JSONLBlock?
    private var symbolCodes: [UInt32] = []
    private var accountCodes: [UInt32] = []
    private var position = 0
    /// The number of the next block's first line (for blocks numbered from 1).
    private var nextLine = 1
    private var last: LastRequest?
    /// The malformed lines skipped in the blocks joined so far.
    public private(set) var skipped = SkippedLines()

    /// Bytes per block: large enough that a worker's parse dwarfs the hand-over.
    public static let blockSize = 4 << 20

    /// Opens the file at `url`; errors name it as `url.relativePath`.
    public convenience init(
        url: URL, symbols: Interner, accountNames: Interner, options: RequestReadOptions = RequestReadOptions()
    ) throws {
        self.init(
            fileHandle: try FileAccess.openForReading(url), name: url.relativePath, symbols: symbols,
            accountNames: accountNames, options: options)
    }

    /// Reads from an open file (a pipe, standard input), called `name` in errors, in blocks of
    /// about `blockSize` bytes. A regular file is mapped (``FileMapping``) unless `mapsFiles` is
    /// off; anything else is read into buffers on this thread.
    public init(
        fileHandle: FileHandle, name: String, symbols: Interner, accountNames: Interner,
        options: RequestReadOptions = RequestReadOptions(), blockSize: Int = ParallelJSONLRequestReader.blockSize,
        mapsFiles: Bool = true
    ) {
        input = JSONLBlockInput(
            descriptor: fileHandle.fileDescriptor, name: name, blockSize: blockSize, maxLineBytes: options.maxLineBytes,
            maps: mapsFiles)
        handle = fileHandle
        schema = options.schema
        self.options = options
        self.symbols = symbols
        self.accountNames = accountNames
        symbolCache = InternCache(table: symbols)
        accountCache = InternCache(table: accountNames)
    }

    /// Kept open while blocks are read from its descriptor.
    private let handle: FileHandle

    /// The next batch of up to `batchSize` requests, or `nil` after the last one.
    public func next() throws -> RequestBatch? {
        let size = max(1, options.batchSize)
        var batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        batch.reserveCapacity(size)
        while batch.count < size {
            guard let block = try currentBlock() else { break }
            if position == 0 { try checkOrder(of: block) }
            let take = min(size - batch.count, block.batch.count - position)
            batch.append(
                rows: position..<position + take, of: block.batch, symbolCodes: symbolCodes, accountCodes: accountCodes)
            position += take
            remember(block.batch, row: position - 1)
        }
        return batch.isEmpty ? nil : batch
    }

    // MARK: - Blocks

    /// The block with requests left to take, after raising the error that ended the previous
    /// one; nil at the end of the file.
    private func currentBlock() throws -> JSONLBlock? {
        while true {
            if let block = current, position < block.batch.count { return block }
            if let error = current?.error {
                current = nil
                throw error
            }
            current = nil
            fillPipeline()
            guard !parses.isEmpty else { return nil }
            // Parse the next block here if no worker has taken it, then any later one no worker
            // has taken while it is still being parsed.
            let parse = parses.removeFirst()
            parse.run()
            for later in parses where !parse.isDone { later.run() }
            var block = try parse.wait().get()
            fillPipeline()
            if parse.numberedFromOne {
                block.shiftLines(by: nextLine - 1)
                nextLine += block.lineCount
            }
            skipped.merge(block.skipped)
            symbolCodes = codes(of: block.symbols, in: &symbolCache)
            accountCodes = codes(of: block.accountNames, in: &accountCache)
            position = 0
            current = block
        }
    }

    /// Keeps `threads + 1` blocks read and handed to workers ahead of the one being joined.
    private func fillPipeline() {
        while !inputFinished, parses.count < options.threads + 1 {
            do {
                guard let (bytes, firstLine) = try input.next() else {
                    inputFinished = true
                    return
                }
                let (name, schema, options) = (input.name, schema, options)
                let parse = Parse(numberedFromOne: firstLine == nil) {
                    switch bytes {
                    case .buffer(let buffer):
                        return buffer.withUnsafeBufferPointer { buffer in
                            JSONLBlock(bytes: buffer, firstLine: firstLine ?? 1, file: name, schema: schema, options: options)
                        }
                    case .mapped(let mapping, let range):
                        mapping.populate(range)
                        defer { mapping.release(range) }
                        return JSONLBlock(
                            bytes: mapping.bytes(range), firstLine: firstLine ?? 1, file: name, schema: schema, options: options)
                    }
                }
                DispatchQueue.global().async { parse.run() }
                parses.append(parse)
            } catch {
                inputFinished = true
                let parse = Parse()
                parse.finish(.failure(error))
                parses.append(parse)
            }
        }
    }

    /// This reader's codes of a block table's strings, in the block's code order (so codes are
    /// handed out in order of first appearance, as one reader would).
    private func codes(of table: Interner, in cache: inout InternCache) -> [UInt32] {
        table.strings(from: 0).map { string in
            var string = string
            return string.withUTF8 { cache.code(for: $0) }
        }
    }

    // MARK: - Order across blocks

    private func remember(_ batch: RequestBatch, row: Int) {
        guard options.checkOrder else { return }
        last = LastRequest(
            timestamp: batch.timestamps[row], account: Array(batch.accountNames[batch.accounts[row]].utf8),
            id: Array(batch.ids.bytes[batch.ids.range(row)]))
    }

    /// The block's first request must not sort before the previous block's last (by `ts`,
    /// then `account`, then `id`), as ``RequestRowSink`` checks within a block.
    private func checkOrder(of block: JSONLBlock) throws {
        guard options.checkOrder, let last, !block.batch.isEmpty else { return }
        let batch = block.batch
        let timestamp = batch.timestamps[0]
        let account = Array(batch.accountNames[batch.accounts[0]].utf8)
        let id = batch.ids.bytes[batch.ids.range(0)]
        if let error = RequestRowSink.orderError(
            timestamp, account: account, id: id, after: (last.timestamp, last.account[...], last.id[...]),
            line: block.lines[0], file: input.name)
        {
            throw error
        }
    }
}
