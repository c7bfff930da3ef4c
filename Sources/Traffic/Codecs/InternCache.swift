/// A reader's map from the UTF-8 bytes of a value to its code in an ``Interner``: repeated
/// values are found by hashing bytes, with no `String` built and no lock taken.
struct InternCache {
    /// The table the codes belong to.
    let table: Interner
    /// Open addressing: entry index + 1, or 0 for an empty slot. Size is a power of two.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var ends: [Int] = []
    private var codes: [UInt32] = []
    private var arena: [UInt8] = []
    /// The code of the empty string once interned (absent fields are empty: no hashing for them).
    private var emptyCode: UInt32?

    init(table: Interner) {
        self.table = table
        slots = Array(repeating: 0, count: 1024)
    }

    /// The code of the string spelled by `bytes` (valid UTF-8), interning it if it is new.
    mutating func code(for bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if bytes.isEmpty, let emptyCode { return emptyCode }
        let hash = HashSet64.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash, matches(entry, bytes) { return codes[entry] }
            slot = (slot + 1) & mask
        }
        let code = table.code(for: String(decoding: bytes, as: UTF8.self))
        slots[slot] = Int32(codes.count + 1)
        hashes.append(hash)
        codes.append(code)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        if codes.count * 2 > slots.count { grow() }
        if bytes.isEmpty { emptyCode = code }
        return code
    }

    private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        let count = bytes.count
        guard ends[entry] - start == count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { arena in
            guard let arenaBase = arena.baseAddress else { return false }
            let left = UnsafeRawPointer(arenaBase + start)
            let right = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= count {
                if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset += 8
            }
            while offset < count {
                if left.load(fromByteOffset: offset, as: UInt8.self)
                    != right.load(fromByteOffset: offset, as: UInt8.self)
                {
                    return false
                }
                offset += 1
            }
            return true
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry + 1)
        }
    }
}
