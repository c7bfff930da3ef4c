import Statistics
import Testing

/// Descriptive statistics against numpy (`scripts/statistics_reference.py`).
///
/// Tolerance: relative 1e-12. GSL's mean is a running update and numpy's a pairwise sum, so
/// the last bits may differ; nothing else should.
struct DescriptiveTests {
    let tolerance = 1e-12

    @Test func meanVarianceAndDeviation() {
        let x = Reference.descriptive
        #expect(isClose(Descriptive.mean(x), Reference.mean, relative: tolerance))
        #expect(isClose(Descriptive.variance(x), Reference.sampleVariance, relative: tolerance))
        #expect(isClose(Descriptive.variance(x, .population), Reference.populationVariance, relative: tolerance))
        #expect(isClose(Descriptive.standardDeviation(x), Reference.sampleStandardDeviation, relative: tolerance))
        #expect(
            isClose(Descriptive.coefficientOfVariation(x), Reference.sampleCoefficientOfVariation, relative: tolerance))
        #expect(
            isClose(
                Descriptive.coefficientOfVariation(x, .population), Reference.populationCoefficientOfVariation,
                relative: tolerance))
    }

    @Test(arguments: Reference.quantileProbabilities.indices)
    func quantileMatchesNumpyLinear(index: Int) {
        let p = Reference.quantileProbabilities[index]
        let expected = Reference.quantiles[index]
        let sorted = Reference.descriptive.sorted()
        #expect(isClose(Descriptive.quantile(sorted: sorted, p), expected, absolute: 1e-15, relative: tolerance))
        #expect(isClose(Descriptive.quantile(Reference.descriptive, p), expected, absolute: 1e-15, relative: tolerance))
    }

    @Test func medians() {
        #expect(Descriptive.median(Reference.descriptive) == Reference.median)
        #expect(Descriptive.median(sorted: Reference.descriptive.sorted()) == Reference.median)
        #expect(Descriptive.median(Reference.even) == Reference.evenMedian)
    }

    @Test func emptyAndTooSmallInputGiveNaN() {
        #expect(Descriptive.mean([]).isNaN)
        #expect(Descriptive.variance([]).isNaN)
        #expect(Descriptive.variance([4]).isNaN)
        #expect(Descriptive.variance([4], .population) == 0)
        #expect(Descriptive.quantile([], 0.5).isNaN)
        #expect(Descriptive.median([]).isNaN)
        #expect(Descriptive.median([1, .nan, 3]).isNaN)
        #expect(Descriptive.coefficientOfVariation([-1, 1]).isNaN)
    }

    @Test func binCountsStartAtTheFirstEventAndKeepEmptyBins() {
        #expect(Descriptive.binCounts(eventTimes: Reference.eventTimes, binWidth: 1) == Reference.binCounts[0])
        #expect(Descriptive.binCounts(eventTimes: Reference.eventTimes, binWidth: 2.5) == Reference.binCounts[1])
        #expect(
            Descriptive.binCounts(eventTimes: Reference.eventTimes.reversed(), binWidth: 2.5) == Reference.binCounts[1])
        #expect(Descriptive.binCounts(eventTimes: [], binWidth: 1).isEmpty)
        // An explicit origin: events before it are dropped.
        #expect(Descriptive.binCounts(eventTimes: [0.5, 1.0, 1.5, 2.5], binWidth: 1, origin: 1) == [2, 1])
    }

    @Test(arguments: [0, 1])
    func indexOfDispersionMatchesNumpy(index: Int) {
        let width = [1.0, 2.5][index]
        let population = Descriptive.indexOfDispersion(eventTimes: Reference.eventTimes, binWidth: width)
        let sample = Descriptive.indexOfDispersion(eventTimes: Reference.eventTimes, binWidth: width, .sample)
        #expect(isClose(population, Reference.populationDispersion[index], relative: tolerance))
        #expect(isClose(sample, Reference.sampleDispersion[index], relative: tolerance))
    }

    @Test func evenlySpacedEventsAreUnderDispersed() {
        let times = (0..<100).map { Double($0) * 0.5 }
        #expect(Descriptive.indexOfDispersion(eventTimes: times, binWidth: 1) < 0.01)
        #expect(Descriptive.indexOfDispersion(eventTimes: [], binWidth: 1).isNaN)
    }
}
