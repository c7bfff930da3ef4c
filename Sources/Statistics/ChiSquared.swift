import CGSL

/// The chi-squared distribution with `degreesOfFreedom` ν > 0: GSL's `gsl_cdf_chisq_*` (GSL
/// reference manual, "The Chi-squared Distribution").
public struct ChiSquared: Sendable, Hashable {
    /// ν, the degrees of freedom (need not be an integer).
    public let degreesOfFreedom: Double

    /// The chi-squared distribution with `degreesOfFreedom` ν.
    ///
    /// - Precondition: ν > 0.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom \(degreesOfFreedom) must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(X ≤ x) (`gsl_cdf_chisq_P`); 0 for x ≤ 0.
    public func cdf(_ x: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_chisq_P(x, degreesOfFreedom)
    }

    /// P(X > x), the p-value of a chi-squared statistic `x` (`gsl_cdf_chisq_Q`).
    public func survival(_ x: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_chisq_Q(x, degreesOfFreedom)
    }
}
