#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A run of whole lines of a JSON Lines file, parsed on its own into a batch with string
/// tables of its own (``ParallelJSONLRequestReader`` joins blocks in order).
struct JSONLBlock: Sendable {
    /// The block's requests; their string codes belong to ``symbols`` and ``accountNames``.
    var batch: RequestBatch
    let symbols: Interner
    let accountNames: Interner
    /// The line of each request (for errors raised when blocks are joined).
    var lines: [Int] = []
    /// Malformed lines skipped under `skipMalformed`.
    var skipped = SkippedLines()
    /// What stopped the parse, after ``batch``'s requests.
    var error: (any Error)?
    /// The lines the block spans (when no error stopped it).
    var lineCount = 0

    /// Parses the lines of `bytes`, the first numbered `firstLine`, as `file`.
    init(bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, file: String, schema: Schema, options: RequestReadOptions) {
        symbols = Interner()
        accountNames = Interner()
        batch = RequestBatch(symbols: symbols, accountNames: accountNames)
        guard let base = bytes.baseAddress else { return }
        batch.reserveCapacity(bytes.count / 400 + 16)
        lines.reserveCapacity(bytes.count / 400 + 16)
        var sink = RequestRowSink(symbols: symbols, accountNames: accountNames, checksOrder: options.checkOrder)
        var row = RowValues(columns: schema.columns.count)
        var hint = 0
        var scratch: [UInt8] = []
        var start = 0
        var line = firstLine
        let count = bytes.count
        while start < count {
            let newline = memchr(base + start, 0x0A, count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
            defer {
                start = newline + 1
                line += 1
            }
            let text = base + start
            let length = newline - start
            guard length <= options.maxLineBytes else {
                error = TraceError.lineTooLong(file: file, line: line, limit: options.maxLineBytes)
                return
            }
            if JSONLFormat.isBlank(text, count: length) { continue }
            do {
                row.clear(line: line)
                var parser = JSONLineParser(text, count: length, file: file, line: line)
                try parser.parseObject(schema: schema, hint: &hint, scratch: &scratch, into: &row)
                if let missing = schema.firstMissing(row.present) {
                    throw TraceError.missingField(file: file, line: line, field: schema.fileNames[missing])
                }
                try sink.append(row, to: &batch, file: file)
                lines.append(line)
            } catch let error as TraceError where error.isMalformedLine && options.skipMalformed {
                skipped.record(error)
            } catch {
                self.error = error
                return
            }
        }
        lineCount = line - firstLine
    }

    /// Renumbers the block's lines by `offset` (a block parsed before its first line's number
    /// was known, as line 1).
    mutating func shiftLines(by offset: Int) {
        guard offset != 0 else { return }
        for index in lines.indices { lines[index] += offset }
        skipped.shiftLines(by: offset)
        if let traceError = error as? TraceError { error = traceError.shiftingLines(by: offset) }
    }
}

/// The bytes of one block: read into a buffer (a pipe), or a range of a mapped file.
enum JSONLBlockBytes: Sendable {
    case buffer([UInt8])
    case mapped(FileMapping, Range<Int>)
}

/// A file read as blocks of whole lines of about `blockSize` bytes, in order, numbering lines.
struct JSONLBlockInput {
    let name: String
    private let descriptor: Int32
    private let blockSize: Int
    private let maxLineBytes: Int
    /// Bytes read past the last whole line.
    private var carry: [UInt8] = []
    /// The number of the next block's first line.
    private(set) var nextLine = 1
    private var isAtEnd = false
    private var atStart = true
    /// A regular file, mapped: blocks are ranges of it, found without reading it on this thread.
    private let mapping: FileMapping?
    /// The mapped file's next unread byte.
    private var position = 0

    /// Reads the file open as `descriptor`, mapped if `maps` and it is a regular file.
    init(descriptor: Int32, name: String, blockSize: Int, maxLineBytes: Int, maps: Bool = true) {
        self.descriptor = descriptor
        self.name = name
        self.blockSize = max(1, blockSize)
        self.maxLineBytes = max(1, maxLineBytes)
        mapping = maps ? FileMapping(descriptor: descriptor) : nil
    }

    /// The next block and the number of its first line (nil for a mapped file's blocks: they
    /// are numbered from 1 and renumbered in order, see ``JSONLBlock/shiftLines(by:)``); nil at
    /// the end of the file.
    mutating func next() throws -> (bytes: JSONLBlockBytes, firstLine: Int?)? {
        guard let mapping else {
            return try readBlock().map { (.buffer($0.bytes), $0.firstLine) }
        }
        if atStart {
            atStart = false
            let head = mapping.bytes(0..<min(3, mapping.count))
            if head.elementsEqual([0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        guard position < mapping.count else { return nil }
        // The block ends with the line holding its `blockSize`-th byte. A line longer than
        // `maxLineBytes` is cut after that many bytes more: the parse of the block reports it.
        let start = position
        var stop = mapping.count
        let probe = start + blockSize - 1
        if probe < mapping.count {
            let limit = min(mapping.count, probe + maxLineBytes + 2)
            let bytes = mapping.bytes(probe..<limit)
            if let base = bytes.baseAddress, let found = memchr(base, 0x0A, bytes.count) {
                stop = probe + (UnsafeRawPointer(found) - UnsafeRawPointer(base)) + 1
            } else {
                stop = limit
            }
        }
        position = stop
        return (.mapped(mapping, start..<stop), nil)
    }

    /// The next block read into a buffer, and the number of its first line.
    private mutating func readBlock() throws -> (bytes: [UInt8], firstLine: Int)? {
        var buffer = carry
        carry = []
        // Read until the block holds `blockSize` bytes and a whole line, or the file ends.
        var hasNewline = firstNewline(in: buffer, from: 0) != nil
        while !isAtEnd, buffer.count < blockSize || !hasNewline {
            if !hasNewline, buffer.count > maxLineBytes {
                throw TraceError.lineTooLong(file: name, line: nextLine, limit: maxLineBytes)
            }
            let old = buffer.count
            if try append(to: &buffer) == 0 { isAtEnd = true }
            hasNewline = hasNewline || firstNewline(in: buffer, from: old) != nil
        }
        if atStart {
            atStart = false
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        }
        guard !buffer.isEmpty else { return nil }
        if !isAtEnd, let last = buffer.lastIndex(of: 0x0A) {
            carry = Array(buffer[(last + 1)...])
            buffer.removeSubrange((last + 1)...)
        }
        let firstLine = nextLine
        nextLine += newlines(in: buffer)
        return (buffer, firstLine)
    }

    /// Reads up to one block more onto `buffer`; the number of bytes read.
    private func append(to buffer: inout [UInt8]) throws -> Int {
        let old = buffer.count
        var received = 0
        buffer = try [UInt8](unsafeUninitializedCapacity: old + blockSize) { storage, count in
            guard let base = storage.baseAddress else { return }
            buffer.withUnsafeBufferPointer { previous in
                if let from = previous.baseAddress { base.initialize(from: from, count: old) }
            }
            count = old
            while true {
                received = read(descriptor, base + old, blockSize)
                if received >= 0 || errno != EINTR { break }
            }
            guard received >= 0 else { throw TraceError.io(file: name, reason: "cannot read: \(FileAccess.lastError())") }
            count = old + received
        }
        return received
    }

    private func firstNewline(in buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, start < bytes.count,
                let found = memchr(base + start, 0x0A, bytes.count - start)
            else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    private func newlines(in buffer: [UInt8]) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            var count = 0
            var start = 0
            while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
                count += 1
                start = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
            }
            return count
        }
    }
}
