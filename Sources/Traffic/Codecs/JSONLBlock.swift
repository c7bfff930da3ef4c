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
    }
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

    init(descriptor: Int32, name: String, blockSize: Int, maxLineBytes: Int) {
        self.descriptor = descriptor
        self.name = name
        self.blockSize = max(1, blockSize)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// The next block and the number of its first line; nil at the end of the file.
    mutating func next() throws -> (bytes: [UInt8], firstLine: Int)? {
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
