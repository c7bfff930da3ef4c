import Randomness

/// A keyed random permutation of `0 ..< count`, computed position by position without storage.
///
/// A topic sweep walks its topics in the order of this permutation, so that consecutive sweep
/// steps are unrelated in the topic table (a walk in table order rises by exactly one topic
/// index at almost every step: a perfect separator, issue 7, artifact 1). The permutation is a
/// four-round Feistel network over the smallest even power of two ≥ `count`, keyed by `seed`,
/// restricted to `0 ..< count` by cycle walking (Black & Rogaway, "Ciphers with arbitrary
/// finite domains", CT-RSA 2002): re-encrypting until the value falls inside the domain keeps a
/// bijection, and at most four times as many values as `count` are ever visited. Four rounds
/// with pseudo-random round functions give a pseudo-random permutation (Luby & Rackoff, 1988).
///
/// Campaign members that share a seed share the walk; each starts at its own position.
public struct SweepPermutation: Sendable, Hashable {
    /// The size of the domain.
    public let count: Int
    /// The key.
    public let seed: UInt64
    /// Bits of each Feistel half (the network permutes `0 ..< 1 << (2 * halfBits)`).
    let halfBits: Int

    /// The permutation of `0 ..< count` (count ≥ 1) keyed by `seed`.
    public init(count: Int, seed: UInt64) {
        precondition(count >= 1 && count <= 1 << 30, "sweep permutation: count \(count) out of range")
        self.count = count
        self.seed = seed
        halfBits = Self.halfBits(for: count)
    }

    /// Bits of each Feistel half for a domain of `count` values (at least 1).
    static func halfBits(for count: Int) -> Int {
        let bits = count <= 1 ? 1 : Int.bitWidth - (count - 1).leadingZeroBitCount
        return max(1, (bits + 1) / 2)
    }

    /// The value at `position` (taken modulo `count`).
    public subscript(position: Int) -> Int {
        Self.value(at: position % count, count: count, halfBits: halfBits, seed: seed)
    }

    /// The value at `position` (in `0 ..< count`) of the permutation of `count` values with
    /// `halfBits` bits per half keyed by `seed`.
    @inline(__always)
    static func value(at position: Int, count: Int, halfBits: Int, seed: UInt64) -> Int {
        var x = UInt64(position)
        repeat { x = encrypt(x, halfBits: halfBits, seed: seed) } while x >= UInt64(count)
        return Int(x)
    }

    /// One pass of the four-round Feistel network on `2 * halfBits` bits.
    @inline(__always)
    private static func encrypt(_ x: UInt64, halfBits: Int, seed: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(halfBits)) - 1
        var left = x >> UInt64(halfBits)
        var right = x & mask
        var key = seed
        for _ in 0..<4 {
            key &+= 0x9e37_79b9_7f4a_7c15
            let next = left ^ (Mix.mix64(key ^ right) & mask)
            left = right
            right = next
        }
        return left << UInt64(halfBits) | right
    }
}
