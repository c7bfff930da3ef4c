import Statistics
import Testing

/// Normal, t and chi-squared distribution functions against scipy.stats
/// (`scripts/statistics_reference.py`).
///
/// Tolerances: relative 1e-12 for the normal distribution (GSL and scipy are both accurate to
/// a few ulps), 1e-10 for t and chi-squared (incomplete beta and gamma functions, and GSL's
/// iterative t quantile).
struct DistributionTests {
    @Test(arguments: Reference.normalCDFArguments.indices)
    func normalCDF(index: Int) {
        let x = Reference.normalCDFArguments[index]
        let expected = Reference.normalCDF[index]
        #expect(isClose(StandardNormal.cdf(x), expected, relative: 1e-12))
        #expect(isClose(StandardNormal.survival(-x), expected, relative: 1e-12))
    }

    @Test(arguments: Reference.normalQuantileArguments.indices)
    func normalQuantile(index: Int) {
        let p = Reference.normalQuantileArguments[index]
        #expect(isClose(StandardNormal.quantile(p), Reference.normalQuantile[index], absolute: 1e-15, relative: 1e-12))
    }

    @Test func normalQuantileEdges() {
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(1.5).isNaN)
        #expect(StandardNormal.quantile(-0.1).isNaN)
    }

    @Test(arguments: Reference.tCDFArguments.indices)
    func tCDF(index: Int) {
        let (x, df) = Reference.tCDFArguments[index]
        let t = StudentT(degreesOfFreedom: df)
        #expect(isClose(t.cdf(x), Reference.tCDF[index], relative: 1e-10))
        #expect(isClose(t.survival(-x), Reference.tCDF[index], relative: 1e-10))
    }

    @Test(arguments: Reference.tQuantileArguments.indices)
    func tQuantile(index: Int) {
        let (p, df) = Reference.tQuantileArguments[index]
        #expect(isClose(StudentT(degreesOfFreedom: df).quantile(p), Reference.tQuantile[index], relative: 1e-10))
    }

    @Test func tQuantileEdges() {
        let t = StudentT(degreesOfFreedom: 3)
        #expect(t.quantile(0) == -.infinity)
        #expect(t.quantile(1) == .infinity)
        #expect(t.quantile(2).isNaN)
        #expect(t.quantile(0.5) == 0)
    }

    @Test(arguments: Reference.chiSquaredCDFArguments.indices)
    func chiSquaredCDF(index: Int) {
        let (x, df) = Reference.chiSquaredCDFArguments[index]
        let chi = ChiSquared(degreesOfFreedom: df)
        #expect(isClose(chi.cdf(x), Reference.chiSquaredCDF[index], relative: 1e-10))
        #expect(isClose(chi.survival(x), 1 - Reference.chiSquaredCDF[index], absolute: 1e-12, relative: 1e-9))
        #expect(chi.cdf(-1) == 0)
    }
}
