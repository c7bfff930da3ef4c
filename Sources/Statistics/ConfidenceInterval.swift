/// A two-sided confidence interval for the mean of a sample, e.g. a metric over seeds.
///
/// `mean ± t_{(1+level)/2, n−1} · s / √n` with `s` the sample standard deviation: Student's
/// t interval ("Student", "The probable error of a mean", Biometrika 6, 1908), which assumes
/// roughly normal values and holds for small `n` such as a handful of seeds.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The sample mean.
    public var mean: Double
    /// The lower bound (NaN when undefined, i.e. `n < 2`).
    public var lower: Double
    /// The upper bound (NaN when undefined, i.e. `n < 2`).
    public var upper: Double
    /// The number of values.
    public var n: Int
    /// The confidence level, e.g. 0.95.
    public var level: Double

    /// An interval with the given parts.
    public init(mean: Double, lower: Double, upper: Double, n: Int, level: Double) {
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.n = n
        self.level = level
    }

    /// Half the width, `(upper − lower) / 2`.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// Whether the bounds are defined (at least two values).
    public var isDefined: Bool { !lower.isNaN && !upper.isNaN }

    /// The Student-t interval for the mean of `values` at confidence `level`.
    ///
    /// With one value the mean is that value and the bounds are NaN (a single seed says nothing
    /// about spread); with none, everything is NaN. Identical values give a zero-width interval.
    ///
    /// - Precondition: `0 < level < 1`.
    public static func mean(_ values: [Double], level: Double = 0.95) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "confidence level \(level) must be in (0, 1)")
        let n = values.count
        let mean = Descriptive.mean(values)
        guard n >= 2 else { return ConfidenceInterval(mean: mean, lower: .nan, upper: .nan, n: n, level: level) }
        let t = StudentT(degreesOfFreedom: Double(n - 1)).quantile((1 + level) / 2)
        let half = t * Descriptive.standardDeviation(values) / Double(n).squareRoot()
        return ConfidenceInterval(mean: mean, lower: mean - half, upper: mean + half, n: n, level: level)
    }
}
