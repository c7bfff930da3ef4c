import CGSL

/// Sampling an index with given weights in O(1): Walker's alias method as GSL builds it
/// (`gsl_ran_discrete_preproc`, `gsl_ran_discrete`; Knuth, TAOCP vol. 2, §3.4.1).
///
/// A class because it owns GSL's table; immutable after construction, so it may be shared
/// between actors and threads.
public final class DiscreteDistribution: @unchecked Sendable {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    /// The number of outcomes.
    public let count: Int

    /// A distribution over `0 ..< weights.count`, proportional to `weights`.
    ///
    /// - Throws: ``RandomnessError/invalidWeights`` if a weight is negative or not finite, or
    ///   none is positive.
    public init(weights: [Double]) throws(RandomnessError) {
        GSL.configureOnce
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 && $0.isFinite }),
            weights.contains(where: { $0 > 0 })
        else { throw .invalidWeights(weights.count) }
        guard let table = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) })
        else { throw .invalidWeights(weights.count) }
        self.table = table
        self.count = weights.count
    }

    deinit { gsl_ran_discrete_free(table) }

    /// An index drawn with probability proportional to its weight.
    @inlinable public func sample(_ source: RandomSource) -> Int {
        sampleIndex(source.rng)
    }

    @usableFromInline func sampleIndex(_ rng: UnsafeMutablePointer<gsl_rng>) -> Int {
        Int(gsl_ran_discrete(rng, table))
    }

    /// Zipf weights `1 / (rank + 1)^exponent` for `count` ranks (word and topic popularity;
    /// Zipf 1949, exponent ≈ 1 for natural language).
    public static func zipfWeights(count: Int, exponent: Double) -> [Double] {
        (0..<count).map { 1 / pow(Double($0 + 1), exponent) }
    }
}

/// Errors from building distributions.
public enum RandomnessError: Error, Equatable, CustomStringConvertible {
    /// Weights that are negative, not finite, or all zero.
    case invalidWeights(Int)

    public var description: String {
        switch self {
        case .invalidWeights(let count):
            "invalid weights: expected \(count) finite, non-negative weights with a positive sum"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
