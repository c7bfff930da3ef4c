import CGSL

/// GSL's continuous and discrete samplers, drawing from a ``RandomSource``.
///
/// Each wraps the `gsl_ran_*` function of the same name (GSL reference manual, ch. 20).
extension RandomSource {
    /// Gamma(shape `k`, scale `theta`): mean `k·theta` (Marsaglia–Tsang, `gsl_ran_gamma`).
    @inlinable public func gamma(shape k: Double, scale theta: Double) -> Double {
        gsl_ran_gamma(rng, k, theta)
    }

    /// Log-normal: `exp(N(mu, sigma²))`, the normal drawn by GSL's ziggurat
    /// (`gsl_ran_gaussian_ziggurat`: one uniform and no logarithm on most draws, several times
    /// faster than the polar method inside `gsl_ran_lognormal`).
    @inlinable public func lognormal(mu: Double, sigma: Double) -> Double {
        exp(mu + gsl_ran_gaussian_ziggurat(rng, sigma))
    }

    /// Weibull with scale `a` and shape `b` (`gsl_ran_weibull`).
    @inlinable public func weibull(scale a: Double, shape b: Double) -> Double {
        gsl_ran_weibull(rng, a, b)
    }

    /// Poisson with mean `mu` (`gsl_ran_poisson`).
    @inlinable public func poisson(mean mu: Double) -> Int {
        Int(gsl_ran_poisson(rng, mu))
    }

    /// Normal with mean `mu` and standard deviation `sigma` (Ziggurat, `gsl_ran_gaussian_ziggurat`).
    @inlinable public func normal(mean mu: Double = 0, sd sigma: Double = 1) -> Double {
        mu + gsl_ran_gaussian_ziggurat(rng, sigma)
    }

    /// Exponential with mean `mu` (`gsl_ran_exponential`).
    @inlinable public func exponential(mean mu: Double) -> Double {
        gsl_ran_exponential(rng, mu)
    }

    /// Beta(a, b) (`gsl_ran_beta`).
    @inlinable public func beta(_ a: Double, _ b: Double) -> Double {
        gsl_ran_beta(rng, a, b)
    }

    /// Pareto of order `a` with minimum `b` (`gsl_ran_pareto`).
    @inlinable public func pareto(order a: Double, minimum b: Double) -> Double {
        gsl_ran_pareto(rng, a, b)
    }

    /// Geometric: trials up to and including the first success, each with probability `p` (`gsl_ran_geometric`).
    @inlinable public func geometric(_ p: Double) -> Int {
        Int(gsl_ran_geometric(rng, p))
    }

    /// Binomial(n, p) (`gsl_ran_binomial`).
    @inlinable public func binomial(_ n: Int, _ p: Double) -> Int {
        Int(gsl_ran_binomial(rng, p, UInt32(clamping: n)))
    }

    /// A point of the simplex drawn from Dirichlet(`alpha`) (`gsl_ran_dirichlet`).
    public func dirichlet(_ alpha: [Double]) -> [Double] {
        var theta = [Double](repeating: 0, count: alpha.count)
        alpha.withUnsafeBufferPointer { a in
            theta.withUnsafeMutableBufferPointer { t in
                gsl_ran_dirichlet(rng, alpha.count, a.baseAddress, t.baseAddress)
            }
        }
        return theta
    }

    /// A uniformly chosen element of `items` (non-empty).
    @inlinable public func element<T>(of items: [T]) -> T {
        items[index(below: items.count)]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
