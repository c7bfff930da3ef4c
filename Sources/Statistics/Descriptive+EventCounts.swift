/// Counting events in fixed time bins, for burstiness figures.
extension Descriptive {
    /// The number of events in each bin of width `binWidth`, bins starting at `origin`
    /// (default: the earliest event) and ending with the bin that holds the latest event, empty
    /// bins included.
    ///
    /// An event at time `t` falls in bin `⌊(t − origin) / binWidth⌋`; events before `origin`
    /// are not counted. Times and width in the same unit (e.g. milliseconds); the events need not
    /// be sorted. Empty if there are no counted events.
    ///
    /// - Precondition: `binWidth > 0` and finite; all times are finite.
    public static func binCounts(eventTimes: [Double], binWidth: Double, origin: Double? = nil) -> [Int] {
        precondition(binWidth > 0 && binWidth.isFinite, "bin width \(binWidth) must be positive and finite")
        guard let first = eventTimes.min(), let last = eventTimes.max() else { return [] }
        precondition(first.isFinite && last.isFinite, "event times must be finite")
        let start = origin ?? first
        guard last >= start else { return [] }
        var counts = [Int](repeating: 0, count: Int(((last - start) / binWidth).rounded(.down)) + 1)
        for time in eventTimes where time >= start {
            let bin = Swift.min(Int(((time - start) / binWidth).rounded(.down)), counts.count - 1)
            counts[bin] += 1
        }
        return counts
    }

    /// The index of dispersion of event counts: variance over mean of ``binCounts(eventTimes:binWidth:origin:)``.
    ///
    /// 1 for a Poisson process, above 1 for bursty (over-dispersed) arrivals (Cox & Lewis, *The
    /// Statistical Analysis of Series of Events*, 1966). The default `.population`
    /// variance over bins starting at the first event is the convention of the figures in the
    /// Azure trace's README (numpy's `var()`; the last, partial bin included). NaN if there are
    /// no events.
    public static func indexOfDispersion(
        eventTimes: [Double], binWidth: Double, origin: Double? = nil,
        _ estimator: VarianceEstimator = .population
    ) -> Double {
        let counts = binCounts(eventTimes: eventTimes, binWidth: binWidth, origin: origin).map(Double.init)
        let mean = mean(counts)
        guard mean > 0 else { return .nan }
        return variance(counts, estimator) / mean
    }
}
