import CGSL

/// Student's t distribution with `degreesOfFreedom` ν > 0: GSL's `gsl_cdf_tdist_*` (GSL
/// reference manual, "The t-distribution").
public struct StudentT: Sendable, Hashable {
    /// ν, the degrees of freedom (need not be an integer).
    public let degreesOfFreedom: Double

    /// The t distribution with `degreesOfFreedom` ν.
    ///
    /// - Precondition: ν > 0.
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom \(degreesOfFreedom) must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T ≤ t) (`gsl_cdf_tdist_P`).
    public func cdf(_ t: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_tdist_P(t, degreesOfFreedom)
    }

    /// P(T > t) (`gsl_cdf_tdist_Q`).
    public func survival(_ t: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_tdist_Q(t, degreesOfFreedom)
    }

    /// The `p`-quantile: the `t` with `cdf(t) = p` (`gsl_cdf_tdist_Pinv`); −∞ at 0, +∞ at 1, NaN
    /// outside `[0, 1]`.
    public func quantile(_ p: Double) -> Double {
        GSLSetup.quiet
        guard (0...1).contains(p) else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }
}
