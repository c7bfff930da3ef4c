/// The two-sample Kolmogorov–Smirnov test: do two samples come from the same continuous
/// distribution?
///
/// The statistic is `D = sup_x |F_a(x) − F_b(x)|` over the two empirical CDFs. Its asymptotic
/// p-value follows Stephens' effective-size correction as in Numerical Recipes' `probks`/`kstwo`
/// (Press et al., *Numerical Recipes in C*, 2nd ed., 1992, §14.3; Stephens, "Use of the
/// Kolmogorov–Smirnov, Cramér–von Mises and related statistics without extensive tables",
/// JRSS B 32, 1970): with `en = √(n·m / (n + m))`, `λ = (en + 0.12 + 0.11 / en)·D` and
/// `p = Q_KS(λ)`, where `Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²)` is the Kolmogorov
/// distribution's survival function. The approximation is good for `n·m / (n + m) ≳ 4`; with
/// many ties (discrete data) the test is conservative.
public enum KolmogorovSmirnov {
    /// The statistic `D` and its asymptotic p-value for samples `a` and `b`.
    ///
    /// Ties, within or across the samples, are handled exactly: the ECDFs are compared after all
    /// values equal to `x` have been counted on both sides, so tied values never create a
    /// spurious step. Both NaN if either sample is empty or contains NaN.
    public static func twoSample(_ a: [Double], _ b: [Double]) -> (statistic: Double, pValue: Double) {
        let d = statistic(a, b)
        guard !d.isNaN else { return (.nan, .nan) }
        return (d, pValue(statistic: d, n: a.count, m: b.count))
    }

    /// `D = sup_x |F_a(x) − F_b(x)|`, exact (computed as `|i·m − j·n| / (n·m)` in integers).
    /// NaN if either sample is empty or contains NaN.
    public static func statistic(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, !b.isEmpty, !a.contains(where: \.isNaN), !b.contains(where: \.isNaN) else {
            return .nan
        }
        let x = a.sorted()
        let y = b.sorted()
        let n = x.count
        let m = y.count
        var i = 0
        var j = 0
        var largest = 0  // max |i·m − j·n|
        while i < n, j < m {
            let value = Swift.min(x[i], y[j])
            while i < n, x[i] == value { i += 1 }
            while j < m, y[j] == value { j += 1 }
            largest = Swift.max(largest, abs(i * m - j * n))
        }
        // Once one sample is exhausted its ECDF is 1 and the other's only rises towards 1.
        return Double(largest) / (Double(n) * Double(m))
    }

    /// The asymptotic p-value of statistic `d` for sample sizes `n` and `m`:
    /// `Q_KS((en + 0.12 + 0.11/en)·d)` with `en = √(n·m/(n+m))`.
    ///
    /// - Precondition: `n > 0`, `m > 0`.
    public static func pValue(statistic d: Double, n: Int, m: Int) -> Double {
        precondition(n > 0 && m > 0, "sample sizes must be positive")
        let en = (Double(n) * Double(m) / Double(n + m)).squareRoot()
        return kolmogorovSurvival((en + 0.12 + 0.11 / en) * d)
    }

    /// The critical value of `D` at significance `alpha` for sample sizes `n` and `m` (large-sample
    /// approximation): `c(α)·√((n + m)/(n·m))` with `c(α) = √(−ln(α/2)/2)`; reject equality of the
    /// distributions when `D` exceeds it. E.g. `c(0.05) ≈ 1.358`, `c(0.001) ≈ 1.949`.
    ///
    /// - Precondition: `0 < alpha < 1`, `n > 0`, `m > 0`.
    public static func criticalValue(n: Int, m: Int, alpha: Double) -> Double {
        precondition(alpha > 0 && alpha < 1, "significance \(alpha) must be in (0, 1)")
        precondition(n > 0 && m > 0, "sample sizes must be positive")
        let c = (-log(alpha / 2) / 2).squareRoot()
        return c * ((Double(n) + Double(m)) / (Double(n) * Double(m))).squareRoot()
    }

    /// `Q_KS(λ) = P(K > λ)` for the Kolmogorov distribution `K`, to double precision.
    ///
    /// For `λ < 1.18` it uses the Jacobi-theta form
    /// `1 − (√(2π)/λ) Σ_{j≥1} exp(−(2j−1)² π² / (8λ²))`, otherwise the alternating series
    /// `2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²)`; four and three terms suffice (Press et al.,
    /// *Numerical Recipes*, 3rd ed., 2007, §6.14). Unlike the 2nd
    /// edition's `probks`, which returns 1 when its series fails to converge for small `λ`, this
    /// is accurate everywhere. 1 for `λ ≤ 0`.
    public static func kolmogorovSurvival(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        if lambda < 1.18 {
            let y = exp(-Double.pi * Double.pi / (8 * lambda * lambda))
            let y8 = y * y * y * y * y * y * y * y
            let sum = y * (1 + y8 * (1 + y8 * y8 * (1 + y8 * y8 * y8)))  // y + y⁹ + y²⁵ + y⁴⁹
            return 1 - (2 * Double.pi).squareRoot() / lambda * sum
        }
        let x = exp(-2 * lambda * lambda)
        let x3 = x * x * x
        return 2 * x * (1 - x3 * (1 - x3 * x * x))  // 2(x − x⁴ + x⁹)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
