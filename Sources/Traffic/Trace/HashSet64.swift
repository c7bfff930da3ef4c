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
