import CGSL

/// A seeded generator owned by one actor: xoshiro256++ registered as a GSL generator type,
/// so every `gsl_ran_*` sampler can draw from it.
///
/// 32 bytes of generator state per actor and a full 64-bit seed (DESIGN §3: one `mt19937` per
/// actor would take a 32-bit seed and 2.5 KB). A class because it owns a C allocation.
public final class RandomSource: RandomNumberGenerator {
    /// The GSL generator; pass it to GSL samplers.
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// A generator whose stream is determined by `seed` alone.
    public init(seed: UInt64) {
        GSL.configureOnce
        guard let rng = gsl_rng_alloc(distillbench_rng_type()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(rng, UInt(seed))
        self.rng = rng
    }

    /// A generator for the stream named by `key` under `seed` (see ``SeedKey``).
    public convenience init(seed: UInt64, key: SeedKey) {
        self.init(seed: key.derive(from: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// The next 64 random bits.
    @inlinable public func next() -> UInt64 { distillbench_rng_next(rng) }

    /// A uniform double in [0, 1).
    @inlinable public func uniform() -> Double { distillbench_rng_uniform(rng) }

    /// A uniform double in (0, 1).
    @inlinable public func uniformPositive() -> Double {
        while true {
            let u = uniform()
            if u > 0 { return u }
        }
    }

    /// A uniform integer in `0 ..< bound` (Lemire's nearly divisionless method). `bound` > 0.
    @inlinable public func index(below bound: Int) -> Int {
        let bound = UInt64(bound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(truncatingIfNeeded: product.high)
    }

    /// True with probability `p`.
    @inlinable public func chance(_ p: Double) -> Bool { uniform() < p }

    /// A standard exponential variate (mean 1).
    @inlinable public func exponential() -> Double { -log(uniformPositive()) }
}

/// One-time GSL set-up shared by every module that calls GSL.
public enum GSL {
    /// Turns GSL's abort-on-error handler off (once); callers check return codes instead.
    public static let configureOnce: Void = { distillbench_gsl_quiet() }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
