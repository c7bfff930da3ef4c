/// A column of strings kept as one UTF-8 byte buffer plus end offsets.
///
/// Request ids and prompts are unique per row; storing them contiguously avoids one heap
/// allocation per row, which matters at millions of requests per second.
public struct TextColumn: Sendable, Equatable {
    /// The UTF-8 bytes of every value, back to back.
    public private(set) var bytes: [UInt8] = []
    /// `ends[i]` is the offset just past value `i`; value `i` starts at `ends[i - 1]` (or 0).
    public private(set) var ends: [UInt32] = []

    public init() {}

    /// The number of values.
    @inlinable public var count: Int { ends.count }

    /// Reserves room for `values` values of `bytesPerValue` bytes on average.
    public mutating func reserveCapacity(values: Int, bytesPerValue: Int) {
        ends.reserveCapacity(values)
        bytes.reserveCapacity(values * bytesPerValue)
    }

    /// Appends one value.
    public mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append(utf8: $0) }
    }

    /// Appends one value given as UTF-8 bytes (the caller guarantees they are valid UTF-8).
    public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        ends.append(UInt32(bytes.count))
    }

    /// Appends value `index` of `other`.
    public mutating func append(_ other: TextColumn, at index: Int) {
        other.bytes.withUnsafeBufferPointer { source in
            append(utf8: UnsafeBufferPointer(rebasing: source[other.range(index)]))
        }
    }

    /// Appends values `rows` of `other`, in one copy.
    public mutating func append(rows: Range<Int>, of other: TextColumn) {
        guard !rows.isEmpty else { return }
        let start = other.range(rows.lowerBound).lowerBound
        let end = Int(other.ends[rows.upperBound - 1])
        let shift = bytes.count - start
        bytes += other.bytes[start..<end]
        ends += other.ends[rows].lazy.map { UInt32(Int($0) + shift) }
    }

    /// Appends `count` values of exactly `width` bytes each, written by `fill` into the new
    /// storage (value `i` at offset `i * width`); the caller writes valid UTF-8.
    public mutating func appendFixedWidth(
        count: Int, width: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void
    ) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count * width))
        bytes.withUnsafeMutableBufferPointer { buffer in
            fill(UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
        ends.append(contentsOf: (1...max(1, count)).prefix(count).lazy.map { UInt32(start + $0 * width) })
    }

    /// The byte range of value `index` in `bytes`.
    @inlinable public func range(_ index: Int) -> Range<Int> {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return start..<Int(ends[index])
    }

    /// Value `index` as a `String`.
    public subscript(index: Int) -> String {
        String(decoding: bytes[range(index)], as: UTF8.self)
    }

    /// Removes every value, keeping the storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
