/// The buffer one prompt is assembled in: appends stop at a budget of Unicode scalars (never
/// splitting a character), token estimates keep counting past it, and typos are applied in
/// place before the bytes are copied to the column.
///
/// It starts on the stack (1 KB, which `withUnsafeTemporaryAllocation` grants without asking
/// the system about stack space) and moves to the heap only for the rare prompt that needs
/// more: 512 scalars of Latin script fit in 1 KB, long Chinese or Japanese text may not.
struct PromptBuffer {
    /// Bytes of the stack buffer.
    static let stackCapacity = 1024
    /// Bytes of the heap buffer: 512 four-byte scalars, typo growth and copy slack.
    static let heapCapacity = 512 * 4 + 64
    /// Bytes a copy may read and write past the end of a phrase (it moves 32 bytes at least):
    /// ``PaddedBytes`` pads its text by this much, and ``reserve(_:)`` keeps this much room.
    static let slack = 32

    /// The buffer's first byte.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes available at `base`.
    private var capacity: Int
    /// True once the text moved to a heap buffer the caller must free with ``release()``.
    private(set) var onHeap = false
    /// Bytes written.
    var count = 0
    /// Scalars written.
    var scalars = 0
    /// Scalars that may be written.
    let limit: Int
    /// Estimated tokens of everything appended (written or cut), in twelfths.
    var tokenUnits = 0
    /// True once something was cut.
    var truncated = false

    init(stack: UnsafeMutablePointer<UInt8>, limit: Int) {
        base = stack
        capacity = Self.stackCapacity
        self.limit = limit
    }

    /// Frees the heap buffer, if any.
    func release() {
        if onHeap { base.deallocate() }
    }

    /// True once the budget of scalars is used up: further text only counts for tokens.
    var isFull: Bool { scalars >= limit }

    /// Makes room for `extra` more bytes plus copy slack.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra + Self.slack > capacity { moveToHeap() }
    }

    @inline(never)
    private mutating func moveToHeap() {
        precondition(!onHeap, "prompt buffer overflow")
        let heap = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.heapCapacity)
        heap.update(from: base, count: count)
        base = heap
        capacity = Self.heapCapacity
        onHeap = true
    }

    /// Appends the `length` bytes at `offset` of `text`, holding `scalarCount` scalars, or as
    /// many whole scalars as fit. The copy may read up to 31 bytes past the phrase: `text`'s
    /// padding (``PaddedBytes``) makes that safe; the bounds are checked here.
    @inline(__always)
    mutating func append(_ text: PaddedBytes, at offset: Int, length: Int, scalarCount: Int) {
        precondition(offset >= 0 && length >= 0 && offset + length <= text.count, "phrase outside its arena")
        let bytes = text.base + offset
        if scalars + scalarCount <= limit {
            reserve(length)
            Self.copy(from: UnsafeRawPointer(bytes), to: UnsafeMutableRawPointer(base + count), length)
            count += length
            scalars += scalarCount
        } else if scalars < limit {
            reserve(min(length, (limit - scalars) * 4))
            appendPrefix(bytes, length: length)
        } else {
            truncated = true
        }
    }

    /// Appends `value` in decimal ASCII digits, zero-padded to `minimumDigits`, as many digits
    /// as fit the budget, and returns the number of digits of the whole number (written or
    /// cut), for the token estimate. Writes exactly the digits: no copy slack is read.
    @inline(__always)
    @discardableResult
    mutating func appendNumber(_ value: Int, minimumDigits: Int = 1) -> Int {
        var digits = value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : value < 10_000 ? 4 : 5
        precondition(value >= 0 && value < 100_000, "number out of range")
        digits = max(digits, minimumDigits)
        guard scalars < limit else {
            truncated = true
            return digits
        }
        reserve(digits)
        var rest = value
        var at = count + digits
        while at > count {
            at -= 1
            base[at] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        let written = min(digits, limit - scalars)
        count += written
        scalars += written
        if written < digits { truncated = true }
        return digits
    }

    /// Copies in 16-byte chunks, the first two unconditionally (most phrases are shorter than
    /// 32 bytes: no loop, no mispredicted exit); may read and write up to 31 bytes past `length`.
    @inline(__always)
    private static func copy(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, _ length: Int) {
        target.storeBytes(of: source.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        target.storeBytes(
            of: source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16, as: SIMD16<UInt8>.self)
        var i = 32
        while i < length {
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), toByteOffset: i,
                as: SIMD16<UInt8>.self)
            i &+= 16
        }
    }

    /// Appends the longest prefix of whole scalars that fits the budget (rare: kept out of
    /// line so that the inlined appends stay small).
    @inline(never)
    private mutating func appendPrefix(_ bytes: UnsafePointer<UInt8>, length: Int) {
        truncated = true
        var end = 0
        var room = limit - scalars
        while end < length {
            // `end` is at a scalar's first byte: take the whole scalar or stop.
            guard room > 0 else { break }
            var next = end + 1
            while next < length && bytes[next] & 0xC0 == 0x80 { next += 1 }
            end = next
            room -= 1
        }
        (base + count).update(from: bytes, count: end)
        count += end
        scalars = limit - room
    }

    // MARK: - Typos

    /// Applies one character-level typo (drop, double, or swap with the next character) at a
    /// random letter in `span`, which is updated to the text's new extent.
    ///
    /// - Returns: whether a typo was applied (a few random positions are tried).
    mutating func applyTypo(in span: inout Range<Int>, dice: inout Dice) -> Bool {
        let kind = dice.index(below: 3)
        for _ in 0..<4 {
            guard span.count > 1 else { return false }
            var at = span.lowerBound + dice.index(below: span.count)
            while at > span.lowerBound && base[at] & 0xC0 == 0x80 { at -= 1 }
            let width = scalarWidth(at)
            guard isLetter(at), at + width <= span.upperBound else { continue }
            switch kind {
            case 0:  // drop
                (base + at).update(from: base + at + width, count: count - at - width)
                count -= width
                scalars -= 1
                span = span.lowerBound..<(span.upperBound - width)
            case 1:  // double
                reserve(width)
                (base + at + width).update(from: base + at, count: count - at)
                count += width
                scalars += 1
                span = span.lowerBound..<(span.upperBound + width)
            default:  // swap with the next character
                let next = at + width
                guard next < span.upperBound, isLetter(next) else { continue }
                let nextWidth = scalarWidth(next)
                guard next + nextWidth <= span.upperBound, !sameScalar(at, next, width, nextWidth) else { continue }
                var saved: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &saved) { $0.baseAddress!.copyMemory(from: base + at, byteCount: width) }
                (base + at).update(from: base + next, count: nextWidth)
                withUnsafeBytes(of: &saved) {
                    (base + at + nextWidth).update(from: $0.bindMemory(to: UInt8.self).baseAddress!, count: width)
                }
            }
            return true
        }
        return false
    }

    /// Drops whole scalars from the end until at most `limit` remain (after doubled letters).
    mutating func trimToLimit() {
        while scalars > limit {
            count -= 1
            while base[count] & 0xC0 == 0x80 { count -= 1 }
            scalars -= 1
            truncated = true
        }
    }

    /// True if the scalars at `a` and `b` are the same character (swapping them changes nothing).
    @inline(__always) private func sameScalar(_ a: Int, _ b: Int, _ widthA: Int, _ widthB: Int) -> Bool {
        guard widthA == widthB else { return false }
        for i in 0..<widthA where base[a + i] != base[b + i] { return false }
        return true
    }

    /// Bytes in the scalar starting at `at`.
    @inline(__always) private func scalarWidth(_ at: Int) -> Int {
        let lead = base[at]
        return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// ASCII letters and non-ASCII characters other than CJK punctuation count as letters.
    @inline(__always) private func isLetter(_ at: Int) -> Bool {
        let b = base[at]
        if b < 0x80 { return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        // U+3000–U+303F (CJK punctuation: E3 80 xx) and U+FF00–U+FF0F/U+FF1A–U+FF20 (full-width
        // punctuation: EF BC xx) are not letters.
        if b == 0xE3 && base[at + 1] == 0x80 { return false }
        if b == 0xEF && base[at + 1] == 0xBC { return false }
        return true
    }
}
