/// A set of 64-bit hashes by open addressing with linear probing: the request ids a checker has
/// seen, one 8-byte slot each at most half full — several times faster than `Set<UInt64>`,
/// which hashes every key again with a per-process seed.
public struct HashSet64: Sendable {
    /// 0 marks an empty slot; the value 0 itself is kept in ``hasZero``.
    private var slots = [UInt64](repeating: 0, count: 1 << 10)
    private var shift = 64 - 10
    private var hasZero = false
    public private(set) var count = 0

    public init() {}

    @inline(__always) private func start(_ value: UInt64) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// A 64-bit hash of `bytes` (eight at a time: SplitMix64's finaliser over each word), for
    /// sets of hashes of strings such as request ids.
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            hash = mix(hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            hash = mix(hash ^ tail)
        }
        return hash
    }

    /// SplitMix64's finaliser (Steele, Lea & Flood 2014).
    @inline(__always) private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Whether the set holds each of `values`. The first slot of every value is loaded before
    /// any is examined: independent loads the processor overlaps, instead of one miss after the
    /// other (a large set does not fit in cache), and the slots are then in cache for lookups
    /// that follow.
    public func contains(each values: UnsafeBufferPointer<UInt64>) -> [Bool] {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            let first = values.map { slots[start($0)] }
            return values.indices.map { index in
                let value = values[index]
                if value == 0 { return hasZero }
                var held = first[index]
                var slot = start(value)
                while held != value, held != 0 {
                    slot = (slot + 1) & mask
                    held = slots[slot]
                }
                return held == value
            }
        }
    }

    public func contains(_ value: UInt64) -> Bool {
        if value == 0 { return hasZero }
        let mask = slots.count - 1
        var slot = start(value)
        while true {
            let held = slots[slot]
            if held == value { return true }
            if held == 0 { return false }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `value`; whether it was new.
    @discardableResult
    public mutating func insert(_ value: UInt64) -> Bool {
        if value == 0 {
            defer { hasZero = true }
            if !hasZero { count += 1 }
            return !hasZero
        }
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = start(value)
        while true {
            let held = slots[slot]
            if held == value { return false }
            if held == 0 {
                slots[slot] = value
                count += 1
                return true
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for value in old where value != 0 {
            var slot = start(value)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = value
        }
    }
}
