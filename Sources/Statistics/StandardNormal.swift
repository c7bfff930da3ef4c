import CGSL

/// The standard normal distribution N(0, 1): GSL's `gsl_cdf_ugaussian_*` (GSL reference manual,
/// "The Gaussian Distribution").
public enum StandardNormal {
    /// P(Z ≤ x) (`gsl_cdf_ugaussian_P`).
    public static func cdf(_ x: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_ugaussian_P(x)
    }

    /// P(Z > x), accurate in the upper tail where `1 − cdf(x)` loses digits (`gsl_cdf_ugaussian_Q`).
    public static func survival(_ x: Double) -> Double {
        GSLSetup.quiet
        return gsl_cdf_ugaussian_Q(x)
    }

    /// The `p`-quantile: the `x` with `cdf(x) = p` (`gsl_cdf_ugaussian_Pinv`); −∞ at 0, +∞ at 1,
    /// NaN outside `[0, 1]`.
    public static func quantile(_ p: Double) -> Double {
        GSLSetup.quiet
        guard (0...1).contains(p) else { return .nan }
        return gsl_cdf_ugaussian_Pinv(p)
    }
}
