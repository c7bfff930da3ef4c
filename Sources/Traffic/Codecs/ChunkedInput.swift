import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read in chunks of fixed size, keeping the bytes not yet consumed: memory follows the
/// longest line, not the file.
struct ChunkedInput {
    /// The file's name in error messages.
    let name: String
    private let handle: FileHandle
    private let chunkSize: Int
    private let maxLineBytes: Int
    /// Storage; bytes `0..<filled` were read from the file, the unconsumed ones start at ``start``.
    private var storage: [UInt8] = []
    private var filled = 0
    /// The first byte not yet consumed.
    var start = 0
    /// The 1-based number of the line that starts at ``start``.
    var line = 1
    /// Whether the file has been read to its end.
    private(set) var isAtEnd = false
    private var mayStartWithBOM = true

    init(handle: FileHandle, name: String, chunkSize: Int, maxLineBytes: Int) {
        self.handle = handle
        self.name = name
        self.chunkSize = max(1, chunkSize)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Calls `body` with the bytes read so far (consumed ones included; index them from ``start``).
    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<filled])) }
    }

    // MARK: - Reading

    /// Drops consumed bytes and appends the next chunk; `false` at the end of the file.
    mutating func readMore() throws -> Bool {
        if isAtEnd { return false }
        let pending = filled - start
        if pending > maxLineBytes {
            throw TraceError.lineTooLong(file: name, line: line, limit: maxLineBytes)
        }
        let (start, fileDescriptor, chunkSize) = (start, handle.fileDescriptor, chunkSize)
        if storage.count < pending + chunkSize {
            var larger = [UInt8](repeating: 0, count: max(pending + chunkSize, 2 * storage.count))
            larger.withUnsafeMutableBufferPointer { larger in
                storage.withUnsafeBufferPointer { old in
                    guard pending > 0, let to = larger.baseAddress, let from = old.baseAddress else { return }
                    to.update(from: from + start, count: pending)
                }
            }
            storage = larger
        } else if start > 0 {
            storage.withUnsafeMutableBufferPointer { storage in
                guard let base = storage.baseAddress else { return }
                memmove(base, base + start, pending)
            }
        }
        let received = storage.withUnsafeMutableBufferPointer { storage -> Int in
            guard let base = storage.baseAddress else { return -1 }
            while true {
                let count = read(fileDescriptor, base + pending, chunkSize)
                if count >= 0 || errno != EINTR { return count }
            }
        }
        self.start = 0
        self.filled = pending
        guard received >= 0 else {
            throw TraceError.io(file: name, reason: "cannot read: \(FileAccess.lastError())")
        }
        guard received > 0 else {
            isAtEnd = true
            return false
        }
        self.filled += received
        if mayStartWithBOM { skipByteOrderMark() }
        return true
    }

    /// Skips a UTF-8 byte-order mark at the start of the file (spreadsheets write one).
    private mutating func skipByteOrderMark() {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let head = storage[..<min(filled, 3)]
        if head.count == 3 {
            if head.elementsEqual(mark) { start = 3 }
            mayStartWithBOM = false
        } else if !head.elementsEqual(mark.prefix(head.count)) {
            mayStartWithBOM = false
        }
    }

    // MARK: - Lines

    /// The byte range of the next line (without its `\n`) and its number, consuming it;
    /// `nil` at the end of the file. A last line without `\n` counts.
    mutating func nextLine() throws -> (range: Range<Int>, number: Int)? {
        var scanned = start
        while true {
            if let newline = firstNewline(from: scanned) {
                let result = (start..<newline, line)
                start = newline + 1
                line += 1
                return result
            }
            let pending = filled - start
            guard try readMore() else {
                guard start < filled else { return nil }
                let result = (start..<filled, line)
                start = filled
                line += 1
                return result
            }
            scanned = max(start, pending)  // the old bytes now sit at 0..<pending; a BOM may move start
        }
    }

    private func firstNewline(from offset: Int) -> Int? {
        withBytes { bytes in
            guard offset < bytes.count, let base = bytes.baseAddress,
                let found = memchr(base + offset, 0x0A, bytes.count - offset)
            else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }
}
