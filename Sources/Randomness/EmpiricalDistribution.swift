/// A distribution given by a table of its quantiles, sampled by inversion.
///
/// The table holds `k` knots: the quantiles at the equally spaced probabilities
/// `0, 1/(k-1), …, 1`. Between adjacent knots the quantile function is interpolated linearly in
/// log space when both knots are positive (so a table of heavy-tailed, positive quantities such
/// as token counts stays accurate between sparse knots) and linearly otherwise. The first and
/// last knots are the minimum and maximum: nothing is drawn outside them, so the extreme tails are
/// bounded by what the table was built from. Sampling is inverse-transform sampling
/// (Devroye, *Non-Uniform Random Variate Generation*, 1986, §II.2): `quantile(U)`, `U` uniform.
///
/// Tables built from real data (e.g. `AzureTrace` in `Simulation`, made with numpy's `linear`
/// quantile rule, Hyndman & Fan type 7) reproduce the data's distribution up to the
/// interpolation error within one probability step `1/(k-1)`.
public struct EmpiricalDistribution: Sendable, Hashable {
    /// The quantiles at probabilities `j / (knots.count - 1)`, non-decreasing.
    public let knots: [Double]
    /// `log(knots[j])` where `knots[j] > 0`, otherwise NaN (unused).
    @usableFromInline let logKnots: [Double]

    /// A distribution with the quantiles `knots` at equally spaced probabilities `0 … 1`.
    ///
    /// For tables written in code. Tables read at run time should go through
    /// ``init(validating:)``, which reports problems instead of stopping.
    ///
    /// - Precondition: at least two knots, all finite, non-decreasing.
    public init(knots: [Double]) {
        do {
            try self.init(validating: knots)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// A distribution with the quantiles `knots`, validated.
    ///
    /// - Throws: ``KnotError`` if there are fewer than two knots, one is not finite, or one is
    ///   smaller than its predecessor.
    public init(validating knots: [Double]) throws(KnotError) {
        guard knots.count >= 2 else { throw .tooFew(knots.count) }
        for (index, knot) in knots.enumerated() {
            guard knot.isFinite else { throw .notFinite(index: index, value: knot) }
            if index > 0, knot < knots[index - 1] {
                throw .decreasing(index: index, value: knot, previous: knots[index - 1])
            }
        }
        self.knots = knots
        self.logKnots = knots.map { $0 > 0 ? log($0) : .nan }
    }

    /// The value below which a share `u` of the distribution lies.
    ///
    /// `u` is clamped to `[0, 1]` (NaN counts as 0): `quantile(0)` is the first knot and
    /// `quantile(1)` the last. Monotone non-decreasing in `u`; exact at the knots.
    @inlinable public func quantile(_ u: Double) -> Double {
        let last = knots.count - 1
        guard u > 0 else { return knots[0] }
        guard u < 1 else { return knots[last] }
        let position = u * Double(last)
        let index = Swift.min(Int(position), last - 1)
        let fraction = position - Double(index)
        let lower = knots[index]
        let upper = knots[index + 1]
        if lower == upper { return lower }
        let value: Double
        if lower > 0 {
            let logLower = logKnots[index]
            value = exp(logLower + fraction * (logKnots[index + 1] - logLower))
        } else {
            value = lower + fraction * (upper - lower)
        }
        // Rounding in exp/log must not leave the segment (keeps the quantile monotone).
        return Swift.min(Swift.max(value, lower), upper)
    }

    /// A value drawn from the distribution: ``quantile(_:)`` of a uniform variate in `[0, 1)`.
    @inlinable public func sample(_ source: RandomSource) -> Double {
        quantile(source.uniform())
    }

    /// A positive count drawn from the distribution (e.g. a token count): ``sample(_:)`` rounded
    /// to the nearest integer (halves away from zero), at least 1.
    @inlinable public func sampleCount(_ source: RandomSource) -> Int {
        Swift.max(1, Int(sample(source).rounded()))
    }

    /// Equal when the knots are equal (the log table is derived from them).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.knots == rhs.knots }

    public func hash(into hasher: inout Hasher) { hasher.combine(knots) }

    /// Why a table of knots was rejected.
    public enum KnotError: Error, Equatable, CustomStringConvertible {
        /// Fewer than two knots (the count found).
        case tooFew(Int)
        /// A knot that is infinite or NaN.
        case notFinite(index: Int, value: Double)
        /// A knot smaller than the one before it.
        case decreasing(index: Int, value: Double, previous: Double)

        public var description: String {
            switch self {
            case .tooFew(let count):
                "empirical distribution: expected at least 2 knots, found \(count)"
            case .notFinite(let index, let value):
                "empirical distribution: knot \(index) is \(value), expected a finite number"
            case .decreasing(let index, let value, let previous):
                "empirical distribution: knot \(index) (\(value)) is below knot \(index - 1) (\(previous)); "
                    + "knots must not decrease"
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
