import Randomness

/// Cheap draws for one prompt: 64 random bits from the account's ``RandomSource`` are cut into
/// four 16-bit pieces, so the dozen yes/no choices of a prompt cost three or four generator
/// steps instead of twelve.
///
/// Probabilities become 16-bit thresholds (resolution 1/65 536), and every choice consumes one
/// piece whatever its probability, so two styles that differ in one probability make the same
/// draws for everything else. Indices take 32 bits (Lemire's multiply-shift; bias below
/// `bound / 2³²`).
struct Dice {
    /// The account's stream, unretained: a `Dice` lives only inside one `write` call, which
    /// holds the source (saves a retain/release pair per prompt).
    private let source: Unmanaged<RandomSource>
    private var bits: UInt64 = 0
    private var left = 0

    init(_ source: RandomSource) { self.source = .passUnretained(source) }

    /// An index drawn from `table` (GSL alias sampling from the account's stream).
    @inline(__always)
    func sample(_ table: DiscreteDistribution) -> Int {
        source._withUnsafeGuaranteedRef { table.sample($0) }
    }

    /// The 16-bit threshold of probability `p` (0 never, 65 536 always).
    static func threshold(_ p: Double) -> UInt32 {
        UInt32((min(max(p, 0), 1) * 65_536).rounded())
    }

    /// The next 16 random bits.
    @inline(__always)
    mutating func next16() -> UInt32 {
        if left == 0 {
            bits = source._withUnsafeGuaranteedRef { $0.next() }
            left = 4
        }
        let piece = UInt32(truncatingIfNeeded: bits & 0xFFFF)
        bits >>= 16
        left -= 1
        return piece
    }

    /// True with the probability whose ``threshold(_:)`` is `threshold`.
    @inline(__always)
    mutating func chance(_ threshold: UInt32) -> Bool { next16() < threshold }

    /// A nearly uniform index in `0 ..< bound` (`bound` ≤ 4096) from one 16-bit piece
    /// (multiply-shift; an index is at most `bound / 65 536` more or less likely than another):
    /// for choosing phrases and filler values, where that bias does not matter.
    @inline(__always)
    mutating func smallIndex(below bound: Int) -> Int {
        Int((next16() &* UInt32(truncatingIfNeeded: bound)) >> 16)
    }

    /// A uniform index in `0 ..< bound` (`bound` > 0, < 2³²).
    @inline(__always)
    mutating func index(below bound: Int) -> Int {
        let u = next16() << 16 | next16()
        return Int((UInt64(u) &* UInt64(bound)) >> 32)
    }
}
