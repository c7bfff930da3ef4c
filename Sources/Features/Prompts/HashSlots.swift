/// How a 64-bit hash picks one of `size` slots (an embedding coordinate, a MinHash bin): the
/// top 32 bits times `size`, high half (Lemire's multiply-shift range reduction). For a size
/// that is a power of two, 2ᵏ, that is exactly the top k bits: one shift instead of a multiply,
/// which the featurizer's inner loops pick by specialisation.
protocol HashSlots {
    func slot(_ hash: UInt64) -> Int
    /// ``slot(_:)``, plus `size` when the hash's lowest bit (its sign in the embedding) is set:
    /// one of `2 × size` slots, the second half counting the features that subtract.
    func signedSlot(_ hash: UInt64) -> Int
}

/// Any size: multiply and shift.
struct MultipliedSlots: HashSlots {
    let size: UInt64

    init(_ size: Int) { self.size = UInt64(size) }

    @inline(__always) func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: ((hash >> 32) &* size) >> 32) }

    @inline(__always) func signedSlot(_ hash: UInt64) -> Int { slot(hash) &+ Int(truncatingIfNeeded: (hash & 1) &* size) }
}

/// A power-of-two size, 2ᵏ with k ≤ 32: the top k bits, the same slot as ``MultipliedSlots``.
struct PowerOfTwoSlots: HashSlots {
    let shift: UInt64

    /// Nil unless `size` is a power of two up to 2³².
    init?(_ size: Int) {
        guard size > 0, size.nonzeroBitCount == 1, size <= 1 << 32 else { return nil }
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash &>> shift) }

    /// The hash rotated right by one puts its lowest bit just above the top k bits.
    @inline(__always) func signedSlot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &>> 1 | hash &<< 63) &>> (shift &- 1))
    }
}
