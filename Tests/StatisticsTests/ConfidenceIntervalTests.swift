import Statistics
import Testing

/// Student-t intervals against `scipy.stats.t.interval` (`scripts/statistics_reference.py`).
///
/// Tolerance: relative 1e-10 (GSL's t quantile).
struct ConfidenceIntervalTests {
    @Test(arguments: Reference.intervalSamples.indices)
    func matchesScipy(index: Int) {
        let (values, level) = Reference.intervalSamples[index]
        let expected = Reference.intervals[index]
        let interval = ConfidenceInterval.mean(values, level: level)
        #expect(interval.n == values.count)
        #expect(interval.level == level)
        #expect(isClose(interval.mean, expected.mean, relative: 1e-12))
        #expect(isClose(interval.lower, expected.lower, relative: 1e-10))
        #expect(isClose(interval.upper, expected.upper, relative: 1e-10))
        #expect(isClose(interval.halfWidth, (expected.upper - expected.lower) / 2, relative: 1e-10))
    }

    @Test func defaultLevelIs95Percent() {
        let values = Reference.intervalSamples[0].values
        #expect(ConfidenceInterval.mean(values) == ConfidenceInterval.mean(values, level: 0.95))
    }

    @Test func fewerThanTwoValuesHaveNoBounds() {
        let one = ConfidenceInterval.mean([0.7])
        #expect(one.mean == 0.7)
        #expect(!one.isDefined)
        #expect(one.lower.isNaN && one.upper.isNaN)
        let none = ConfidenceInterval.mean([])
        #expect(none.mean.isNaN && none.n == 0)
    }

    @Test func identicalValuesGiveAZeroWidthInterval() {
        let interval = ConfidenceInterval.mean([2, 2, 2, 2])
        #expect(interval.lower == 2 && interval.upper == 2 && interval.isDefined)
    }
}
