import CGSL

/// Descriptive statistics of samples, wrapping GSL's `gsl_stats_*` (GSL reference manual,
/// "Statistics").
///
/// Empty input (or too little of it for the statistic) gives NaN rather than stopping, as
/// numpy does; so does input containing NaN.
public enum Descriptive {
    /// Which divisor a variance uses.
    public enum VarianceEstimator: Sendable, Hashable {
        /// Divide by `n - 1`: the unbiased estimate of the variance of the population a sample
        /// comes from (GSL's `gsl_stats_variance`, numpy's `var(ddof=1)`).
        case sample
        /// Divide by `n`: the variance of the values themselves (numpy's default `var()`).
        case population
    }

    /// The arithmetic mean (`gsl_stats_mean`); NaN if `values` is empty.
    public static func mean(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        return values.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// The variance around the mean.
    ///
    /// - Parameters:
    ///   - values: the sample.
    ///   - estimator: `.sample` (divisor `n - 1`, `gsl_stats_variance`; NaN for fewer than two
    ///     values) or `.population` (divisor `n`, `gsl_stats_tss_m / n`; NaN if empty).
    public static func variance(_ values: [Double], _ estimator: VarianceEstimator = .sample) -> Double {
        switch estimator {
        case .sample:
            guard values.count >= 2 else { return .nan }
            return values.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, $0.count) }
        case .population:
            guard !values.isEmpty else { return .nan }
            return values.withUnsafeBufferPointer { buffer in
                let mean = gsl_stats_mean(buffer.baseAddress, 1, buffer.count)
                return gsl_stats_tss_m(buffer.baseAddress, 1, buffer.count, mean) / Double(buffer.count)
            }
        }
    }

    /// The standard deviation: the square root of ``variance(_:_:)`` with the same estimator.
    public static func standardDeviation(_ values: [Double], _ estimator: VarianceEstimator = .sample) -> Double {
        variance(values, estimator).squareRoot()
    }

    /// The coefficient of variation: standard deviation over mean (NaN if the mean is 0).
    ///
    /// The trace README's inter-arrival CVs use `.population` (numpy's default `std`); for the
    /// thousands of values involved the two estimators differ by less than 0.01 %.
    public static func coefficientOfVariation(_ values: [Double], _ estimator: VarianceEstimator = .sample) -> Double {
        let mean = mean(values)
        guard mean != 0 else { return .nan }
        return standardDeviation(values, estimator) / mean
    }

    /// The quantile at probability `p` of data sorted in ascending order
    /// (`gsl_stats_quantile_from_sorted_data`).
    ///
    /// GSL interpolates linearly between order statistics: with `h = p·(n − 1)`, `i = ⌊h⌋`,
    /// `δ = h − i`, the quantile is `(1 − δ)·x[i] + δ·x[i+1]` (0-based; `x[n−1]` when `i = n − 1`).
    /// This is type 7 of Hyndman & Fan ("Sample quantiles in statistical packages", The American
    /// Statistician 50(4), 1996), the default of R's `quantile` and numpy's `quantile`
    /// (`method="linear"`). NaN if `sorted` is empty.
    ///
    /// - Precondition: `0 ≤ p ≤ 1`; `sorted` is in ascending order (not checked).
    public static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition((0...1).contains(p), "quantile probability \(p) is outside [0, 1]")
        guard !sorted.isEmpty else { return .nan }
        return sorted.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p)
        }
    }

    /// The quantile at probability `p` of unsorted data: sorts a copy, then
    /// ``quantile(sorted:_:)``. NaN if `values` is empty or contains NaN.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        guard !values.contains(where: \.isNaN) else { return .nan }
        return quantile(sorted: values.sorted(), p)
    }

    /// The median of data sorted in ascending order (`gsl_stats_median_from_sorted_data`: the
    /// middle value, or the mean of the two middle values). NaN if `sorted` is empty.
    public static func median(sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted.withUnsafeBufferPointer { gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count) }
    }

    /// The median of unsorted data (sorts a copy). NaN if `values` is empty or contains NaN.
    public static func median(_ values: [Double]) -> Double {
        guard !values.contains(where: \.isNaN) else { return .nan }
        return median(sorted: values.sorted())
    }
}
