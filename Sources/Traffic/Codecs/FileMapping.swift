#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file mapped read-only, so that parsing threads read its bytes where the page cache
/// holds them: no copy into a buffer, no fresh pages to fault in on the reading thread (issue
/// 10). Pages a block has been parsed from are handed back (`release`), so resident memory holds
/// the blocks in flight, not the file. The file must not shrink while it is read (as for any
/// mapping, the process would then be stopped by `SIGBUS`).
final class FileMapping: Sendable {
    /// Bytes from the descriptor's position at mapping time to the end of the file.
    let count: Int
    /// The mapping's address and length (kept as integers: the class is shared by threads).
    private let address: UInt
    private let length: Int
    /// Where byte 0 of ``bytes(_:)`` lies in the mapping.
    private let start: Int
    private static let pageSize = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Maps the regular file open as `descriptor` from its current position; nil when it is not
    /// a regular file, holds nothing past the position, or cannot be mapped (read it then).
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let position = lseek(descriptor, 0, SEEK_CUR)
        let size = Int(status.st_size)
        guard position >= 0, Int(position) < size else { return nil }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        address = UInt(bitPattern: base)
        length = size
        start = Int(position)
        count = size - Int(position)
    }

    deinit {
        if let base = UnsafeMutableRawPointer(bitPattern: address) { _ = munmap(base, length) }
    }

    /// The bytes `range` (within `0..<count`).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        guard let base = UnsafePointer<UInt8>(bitPattern: address), !range.isEmpty else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: base + start + range.lowerBound, count: range.count)
    }

    /// Maps in the pages of `range` at once (fewer page faults); a hint, so failure is ignored.
    func populate(_ range: Range<Int>) {
        advise(range, MADV_POPULATE_READ, wholePagesOnly: false)
    }

    /// Drops the pages wholly inside `range` from the process (the page cache keeps them; a
    /// read-only private mapping reads them again from the file if touched).
    func release(_ range: Range<Int>) {
        advise(range, MADV_DONTNEED, wholePagesOnly: true)
    }

    private func advise(_ range: Range<Int>, _ advice: Int32, wholePagesOnly: Bool) {
        let page = Self.pageSize
        let lower = start + range.lowerBound
        let upper = start + range.upperBound
        let from = wholePagesOnly ? (lower + page - 1) / page * page : lower / page * page
        let to = wholePagesOnly ? upper / page * page : min(length, (upper + page - 1) / page * page)
        guard from < to, let base = UnsafeMutableRawPointer(bitPattern: address) else { return }
        _ = madvise(base + from, to - from, advice)
    }
}
