import Statistics
import Testing

/// The two-sample KS test against scipy (`scripts/statistics_reference.py`): D against
/// `scipy.stats.ks_2samp`, p-values against `scipy.special.kolmogorov` with Stephens' corrected λ.
///
/// Tolerances: 1e-12 for D (an exact rational in both), absolute 1e-10 or relative 1e-9 for
/// p-values (the series converge to double precision; the relative bound covers p ≈ 1e-17).
struct KolmogorovSmirnovTests {
    /// continuous, ties, identical, disjoint, generated, shifted: as in the reference script.
    static let cases: [(a: [Double], b: [Double])] = [
        (Reference.ksA, Reference.ksB),
        (Reference.tiesA, Reference.tiesB),
        (Reference.tiesA, Reference.tiesA),
        ([1, 2, 3], [4, 5, 6, 7]),
        (Reference.generatedA, Reference.generatedB),
        (Reference.generatedA, Reference.shiftedB),
    ]

    @Test(arguments: cases.indices)
    func statisticAndPValueMatchScipy(index: Int) {
        let (a, b) = Self.cases[index]
        let result = KolmogorovSmirnov.twoSample(a, b)
        #expect(isClose(result.statistic, Reference.ksStatistics[index], absolute: 1e-12))
        #expect(isClose(result.pValue, Reference.ksPValues[index], absolute: 1e-10, relative: 1e-9))
        // Symmetric in its arguments and independent of input order.
        let swapped = KolmogorovSmirnov.twoSample(b.reversed(), a)
        #expect(swapped.statistic == result.statistic)
        #expect(isClose(swapped.pValue, result.pValue, relative: 1e-15))
    }

    /// A tie across the samples must be stepped over on both sides at once: comparing after only
    /// one sample's copies of 1 would give 2/3 here.
    @Test func tiesAcrossSamplesAreEvaluatedAfterAllTiedValues() {
        #expect(KolmogorovSmirnov.statistic([1, 1, 2], [1, 2, 2]) == 1.0 / 3.0)
        #expect(KolmogorovSmirnov.statistic([5, 5, 5], [5]) == 0)
    }

    @Test func emptyOrNaNInputGivesNaN() {
        #expect(KolmogorovSmirnov.twoSample([], [1, 2]).statistic.isNaN)
        #expect(KolmogorovSmirnov.twoSample([1], []).pValue.isNaN)
        #expect(KolmogorovSmirnov.twoSample([1, .nan], [1, 2]).statistic.isNaN)
    }

    @Test(arguments: Reference.kolmogorovLambdas.indices)
    func kolmogorovSurvivalMatchesScipy(index: Int) {
        let lambda = Reference.kolmogorovLambdas[index]
        #expect(
            isClose(KolmogorovSmirnov.kolmogorovSurvival(lambda), Reference.kolmogorovSurvival[index], relative: 1e-10))
    }

    @Test func kolmogorovSurvivalIsMonotoneAcrossTheSeriesSwitch() {
        let below = KolmogorovSmirnov.kolmogorovSurvival(1.18.nextDown)
        let at = KolmogorovSmirnov.kolmogorovSurvival(1.18)
        #expect(below >= at)
        #expect(isClose(below, at, relative: 1e-13))
        #expect(KolmogorovSmirnov.kolmogorovSurvival(0) == 1)
    }

    @Test(arguments: Reference.criticalArguments.indices)
    func criticalValue(index: Int) {
        let (n, m, alpha) = Reference.criticalArguments[index]
        #expect(
            isClose(
                KolmogorovSmirnov.criticalValue(n: n, m: m, alpha: alpha), Reference.criticalValues[index],
                relative: 1e-14))
    }
}
