/// The identity of one random stream under a master seed: a purpose and up to two indices.
///
/// Keys are mixed with the master seed by SplitMix64's finaliser (Steele, Lea & Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014), so every actor, campaign
/// and sub-stream gets its own 64-bit seed and streams never depend on the order or the
/// thread in which they are created.
public struct SeedKey: Sendable, Hashable {
    /// What the stream is for (a stable constant per purpose, e.g. ``Purpose/actor``).
    public var purpose: UInt64
    /// First index (e.g. the population or campaign).
    public var major: UInt64
    /// Second index (e.g. the account within it).
    public var minor: UInt64

    public init(_ purpose: Purpose, _ major: Int = 0, _ minor: Int = 0) {
        self.purpose = purpose.rawValue
        self.major = UInt64(truncatingIfNeeded: major)
        self.minor = UInt64(truncatingIfNeeded: minor)
    }

    /// Purposes of streams; the raw values are part of the output format: never renumber.
    public enum Purpose: UInt64, Sendable {
        case population = 1, account = 2, actor = 3, campaign = 4, identifiers = 5, text = 6, organisation = 7
    }

    /// The 64-bit seed of this stream under `seed`.
    public func derive(from seed: UInt64) -> UInt64 {
        var h = Mix.mix64(seed ^ 0x6a09e667f3bcc909)
        h = Mix.mix64(h ^ purpose &* 0x9e3779b97f4a7c15)
        h = Mix.mix64(h ^ major &* 0xbf58476d1ce4e5b9)
        h = Mix.mix64(h ^ minor &* 0x94d049bb133111eb)
        return h
    }
}

/// Bijective 64-bit mixing (SplitMix64's finaliser): distinct inputs give distinct outputs.
public enum Mix {
    /// Mixes `x`; a bijection on `UInt64`.
    @inlinable public static func mix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e3779b97f4a7c15
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
