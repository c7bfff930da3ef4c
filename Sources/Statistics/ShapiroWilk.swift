#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Shapiro–Wilk test of normality with Royston's approximations (Royston, "Remark AS R94:
/// A remark on Algorithm AS 181: The W-test for normality", Applied Statistics 44(4), 1995),
/// for samples of 3 to 5,000 values — what `scipy.stats.shapiro` computes.
///
/// **Statistic.** For the sorted sample `x₍₁₎ ≤ … ≤ x₍ₙ₎`,
/// `W = (Σ aᵢ x₍ᵢ₎)² / Σ (xᵢ − x̄)²`, with antisymmetric coefficients `aₙ₊₁₋ᵢ = −aᵢ` normalised
/// to `Σ aᵢ² = 1`. Royston's coefficients start from the normal scores
/// `mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4))`: the two largest (one for n ≤ 5) are polynomials in `1/√n`
/// added to `mᵢ/‖m‖`, the others are `mᵢ` rescaled so that the squares sum to 1; for n = 3,
/// `a₃ = √½`. W is computed as 1 minus the squared correlation's complement, so `1 − W` keeps its
/// digits when W is near 1.
///
/// **p-value.** Exact for n = 3: `1 − (6/π) acos(√W)` (W below its minimum 3/4 is read as 3/4).
/// For 4 ≤ n ≤ 11, `−ln(γ − ln(1 − W))` with `γ = −2.273 + 0.459 n`, and for n ≥ 12, `ln(1 − W)`,
/// is normal with a mean and log-standard-deviation that are polynomials in n (resp. ln n); the
/// p-value is its upper tail. (If `ln(1 − W) ≥ γ` the p-value is 10⁻¹⁹, as in AS R94 and scipy;
/// no sample reaches it in practice.)
///
/// **Accuracy.** Quantiles and tails come from GSL (``StandardNormal``), to double precision;
/// AS R94 and scipy use the approximations AS 111 (quantiles, about 1e-7) and AS 66 (tails). The
/// committed fixtures (`scripts/reference/shapiro_fixtures.py`, n = 3 … 2,000) agree with
/// scipy to 1e-6 in W and in p; the largest p-value difference seen on normal samples grows
/// with n, to 8.6e-7 at n = 5,000, all of it scipy's quantile approximation.
public enum ShapiroWilk {
    /// The statistic and its p-value.
    public struct Result: Sendable, Hashable {
        /// W, in (0, 1]; small values speak against normality.
        public var statistic: Double
        /// The probability of a W this small or smaller under normality.
        public var pValue: Double

        public init(statistic: Double, pValue: Double) {
            self.statistic = statistic
            self.pValue = pValue
        }
    }

    /// The sample sizes Royston's approximation covers.
    public static let sizes = 3...5_000

    /// The coefficients for one sample size, reusable across samples of that size (they cost
    /// `n/2` normal quantiles; a caller testing many samples of the same size keeps them).
    public struct Coefficients: Sendable {
        /// The sample size.
        public let count: Int
        /// `aₙ, aₙ₋₁, …, aₙ₊₁₋⌊n/2⌋`: the positive coefficients, largest first; the lower half is
        /// their negative mirror and a middle value (odd n) is 0.
        public let upper: [Double]
        /// Every coefficient in sample order minus their mean (0 in theory, a rounding residue
        /// in practice, kept as AS R94 keeps it).
        let centred: [Double]
        /// The sum of squares of ``centred``.
        let centredSquares: Double

        /// The coefficients for samples of `count` values; nil outside ``ShapiroWilk/sizes``.
        public init?(count: Int) {
            guard ShapiroWilk.sizes.contains(count) else { return nil }
            self.count = count
            upper = count == 3 ? [(0.5).squareRoot()] : Self.royston(count)
            var all = [Double](repeating: 0, count: count)
            for i in 0..<upper.count {
                all[i] = -upper[i]
                all[count - 1 - i] = upper[i]
            }
            let mean = all.reduce(0, +) / Double(count)
            centred = all.map { $0 - mean }
            centredSquares = centred.reduce(0) { $0 + $1 * $1 }
        }

        /// The coefficient of the `i`-th smallest value (0-based).
        public func coefficient(_ i: Int) -> Double {
            let mirror = count - 1 - i
            if i < mirror { return -upper[i] }
            if i > mirror { return upper[mirror] }
            return 0
        }

        /// Royston's upper coefficients for `count` ≥ 4 values.
        private static func royston(_ count: Int) -> [Double] {
            let n = Double(count)
            let half = count / 2
            var scores = (0..<half).map { -StandardNormal.quantile((Double($0 + 1) - 0.375) / (n + 0.25)) }
            let sumSquares = 2 * scores.reduce(0) { $0 + $1 * $1 }
            let norm = sumSquares.squareRoot()
            let u = 1 / n.squareRoot()
            let a1 = ShapiroWilk.polynomial(ShapiroWilk.firstCoefficient, u) + scores[0] / norm
            if count > 5 {
                let a2 = ShapiroWilk.polynomial(ShapiroWilk.secondCoefficient, u) + scores[1] / norm
                let scale = ((sumSquares - 2 * scores[0] * scores[0] - 2 * scores[1] * scores[1])
                    / (1 - 2 * a1 * a1 - 2 * a2 * a2)).squareRoot()
                for i in 2..<half { scores[i] /= scale }
                scores[1] = a2
            } else {
                let scale = ((sumSquares - 2 * scores[0] * scores[0]) / (1 - 2 * a1 * a1)).squareRoot()
                for i in 1..<half { scores[i] /= scale }
            }
            scores[0] = a1
            return scores
        }
    }

    /// W and its p-value for `sample` (any order); nil if it has fewer than 3 or more than
    /// 5,000 values, a value that is not finite, or zero range (scipy returns W = 1, p = 1 with
    /// a warning there).
    public static func test(_ sample: [Double]) -> Result? {
        guard let coefficients = Coefficients(count: sample.count), sample.allSatisfy(\.isFinite) else { return nil }
        let sorted = sample.sorted()
        return sorted.withUnsafeBufferPointer { test(sorted: $0, coefficients: coefficients) }
    }

    /// W and its p-value for a sample already sorted ascending, with the coefficients of its
    /// size; nil if the sizes differ or the range is zero (or not finite).
    public static func test(sorted: UnsafeBufferPointer<Double>, coefficients: Coefficients) -> Result? {
        guard let complement = complement(sorted: sorted, coefficients: coefficients) else { return nil }
        return result(complement: complement, count: sorted.count)
    }

    /// `1 − W` for a sorted sample: one minus the squared correlation of the sample with the
    /// coefficients, on the sample scaled by its range (as AS R94). Nil if the sizes differ or
    /// the range is zero or not finite.
    static func complement(sorted x: UnsafeBufferPointer<Double>, coefficients: Coefficients) -> Double? {
        let n = x.count
        guard n == coefficients.count, let first = x.first, let last = x.last else { return nil }
        let range = last - first
        guard range > 0, range.isFinite else { return nil }
        let inverseRange = 1 / range
        var sum = 0.0
        for i in 0..<n { sum += x[i] * inverseRange }
        let mean = sum / Double(n)
        var ssx = 0.0
        var sax = 0.0
        coefficients.centred.withUnsafeBufferPointer { a in
            for i in 0..<n {
                let v = x[i] * inverseRange - mean
                ssx += v * v
                sax += a[i] * v
            }
        }
        let ssa = coefficients.centredSquares
        let root = (ssa * ssx).squareRoot()
        return (root - sax) * (root + sax) / (ssa * ssx)
    }

    /// W = 1 − `complement` and its p-value for a sample of `count` values.
    static func result(complement w1: Double, count: Int) -> Result {
        let w = 1 - w1
        let n = Double(count)
        if count == 3 {
            // W ≥ 3/4 in theory; rounding can put it a hair below.
            guard w >= 0.75 else { return Result(statistic: 0.75, pValue: 0) }
            return Result(statistic: w, pValue: max(0, 1 - 6 / Double.pi * acos(w.squareRoot())))
        }
        var y = log(w1)
        let mean: Double
        let deviation: Double
        if count <= 11 {
            let gamma = polynomial(smallGamma, n)
            guard y < gamma else { return Result(statistic: w, pValue: 1e-19) }
            y = -log(gamma - y)
            mean = polynomial(smallMean, n)
            deviation = exp(polynomial(smallLogDeviation, n))
        } else {
            let logN = log(n)
            mean = polynomial(largeMean, logN)
            deviation = exp(polynomial(largeLogDeviation, logN))
        }
        return Result(statistic: w, pValue: StandardNormal.survival((y - mean) / deviation))
    }

    // MARK: - Royston's polynomials (AS R94), coefficients in ascending powers

    /// `aₙ − mₙ/‖m‖` in powers of `1/√n`.
    static let firstCoefficient = [0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056]
    /// `aₙ₋₁ − mₙ₋₁/‖m‖` in powers of `1/√n` (n > 5).
    static let secondCoefficient = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]
    /// γ in n, 4 ≤ n ≤ 11.
    static let smallGamma = [-2.273, 0.459]
    /// Mean of `−ln(γ − ln(1 − W))` in n, 4 ≤ n ≤ 11.
    static let smallMean = [0.5440, -0.39978, 0.025054, -6.714e-4]
    /// Log standard deviation of the same, in n.
    static let smallLogDeviation = [1.3822, -0.77857, 0.062767, -0.0020322]
    /// Mean of `ln(1 − W)` in ln n, n ≥ 12.
    static let largeMean = [-1.5861, -0.31082, -0.083751, 0.0038915]
    /// Log standard deviation of the same, in ln n.
    static let largeLogDeviation = [-0.4803, -0.082676, 0.0030302]

    /// `c₀ + c₁x + c₂x² + …` by Horner's rule.
    static func polynomial(_ c: [Double], _ x: Double) -> Double {
        c.reversed().reduce(0) { $0 * x + $1 }
    }
}
