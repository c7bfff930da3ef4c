/// The prompts of one account, as a bounded, consistent sample of their hashes: exact duplicate
/// share and distinct count up to ``capacity`` distinct prompts, unbiased-ratio estimates beyond.
///
/// Method: adaptive distinct sampling (Gibbons, "Distinct sampling for highly-accurate answers
/// to distinct values queries and event reports", VLDB 2001). Each prompt is reduced to a
/// 64-bit hash (``digest(_:)``). At level ℓ only hashes whose top ℓ bits are zero are kept,
/// each with its number of occurrences; when more than ``capacity`` distinct hashes are kept,
/// ℓ rises by one and the hashes no longer selected are dropped. Since a prompt is selected or
/// not by its hash alone, every occurrence of a selected prompt is counted, from the first:
/// the sample is an exact record of a 2^−ℓ share of the account's distinct prompts. Then
///
/// - duplicate share = Σ (count − 1) / Σ count over the sample (exact while ℓ = 0: the share of
///   the account's prompts that repeat an earlier prompt of the same account);
/// - distinct prompts ≈ kept distinct · 2^ℓ (exact while ℓ = 0).
///
/// Two different prompts colliding on 64 bits would count as a duplicate; the chance is
/// negligible (≈ n²/2⁶⁵).
struct PromptSample: Sendable {
    /// The most distinct hashes kept by default.
    static let defaultCapacity = 256

    /// The most distinct hashes kept.
    let capacity: Int
    /// Occurrences of each kept hash.
    private var counts: [UInt64: UInt32] = [:]
    /// Hashes whose top `level` bits are zero are kept.
    private(set) var level = 0
    /// Occurrences of kept hashes (Σ counts).
    private(set) var sampledPrompts = 0

    /// An empty sample keeping at most `capacity` distinct hashes.
    init(capacity: Int = defaultCapacity) {
        self.capacity = capacity
    }

    /// Records one prompt by its hash.
    mutating func add(_ hash: UInt64) {
        guard level == 0 || hash >> UInt64(64 - level) == 0 else { return }
        counts[hash, default: 0] += 1
        sampledPrompts += 1
        while counts.count > capacity, level < 63 {
            level += 1
            let shift = UInt64(64 - level)
            counts = counts.filter { $0.key >> shift == 0 }
            sampledPrompts = counts.values.reduce(0) { $0 + Int($1) }
        }
    }

    /// The share of prompts that repeat an earlier prompt of the account (0 without prompts).
    var duplicateShare: Double {
        sampledPrompts == 0 ? 0 : Double(sampledPrompts - counts.count) / Double(sampledPrompts)
    }

    /// The number of distinct prompts (estimated once more than ``capacity`` were seen).
    var distinct: Double {
        Double(counts.count) * Double(sign: .plus, exponent: level, significand: 1)
    }

    /// A 64-bit hash of a prompt's UTF-8 bytes and its length in Unicode scalars, in one pass
    /// 8 bytes at a time: multiply–rotate mixing with MurmurHash3's 64-bit finaliser (fast and
    /// deterministic, unlike Swift's per-process seeded `Hasher`); scalars = bytes − continuation
    /// bytes (`10xxxxxx`), counted a word at a time in byte lanes.
    @inline(__always)
    static func digest(_ bytes: UnsafeRawBufferPointer) -> (hash: UInt64, scalars: Int) {
        let k1: UInt64 = 0x87c3_7b91_1142_53d5
        let k2: UInt64 = 0x4cf5_ad43_2745_937f
        let high: UInt64 = 0x8080_8080_8080_8080
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        // Continuation bytes are counted in 8 byte-wide lanes, summed every 255 words at most.
        var continuation = 0
        var lanes: UInt64 = 0
        var wordsInLanes = 0
        var offset = 0
        while offset &+ 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes &+= (word & ~(word << 1) & high) >> 7
            wordsInLanes &+= 1
            if wordsInLanes == 255 {
                continuation &+= laneSum(lanes)
                lanes = 0
                wordsInLanes = 0
            }
            h ^= (word &* k1).rotated(31) &* k2
            h = h.rotated(27) &* 5 &+ 0x52dc_e729
            offset &+= 8
        }
        if offset < bytes.count {
            var word: UInt64 = 0
            for index in offset..<bytes.count { word |= UInt64(bytes[index]) << UInt64(8 &* (index &- offset)) }
            continuation &+= laneSum((word & ~(word << 1) & high) >> 7)
            h ^= (word &* k1).rotated(31) &* k2
        }
        continuation &+= laneSum(lanes)
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return (h, bytes.count &- continuation)
    }
}

/// The sum of the 8 bytes of `lanes` (pairs summed into 16-bit lanes first, so no lane overflows).
@inline(__always)
private func laneSum(_ lanes: UInt64) -> Int {
    let pairs = (lanes & 0x00ff_00ff_00ff_00ff) &+ ((lanes >> 8) & 0x00ff_00ff_00ff_00ff)
    return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotated(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
