import Randomness

/// Maps gaps measured in "operational time" (expected bursts) to wall-clock time through an
/// hour-of-week rate profile: the time change that turns a renewal process into a
/// non-homogeneous one (Lewis & Shedler, "Simulation of nonhomogeneous Poisson processes by
/// thinning", 1979, §2; Çinlar's inversion), optionally modulated every 10 s by a
/// random ``RateSwing`` (a doubly stochastic process).
struct ActivityClock: Sendable {
    /// Relative activity of each hour of the week, Monday 00:00 local first, mean 1 (shared by
    /// every account of a persona: one array, not one per account).
    let weekly: [Double]
    /// Events per hour at activity 1 on an active day.
    private(set) var perHour: Double
    /// Local time minus UTC, ms.
    let utcOffset: Double
    /// Chance that a given local day is active.
    let activeDayProbability: Double
    /// Seed for the per-day activity coin.
    let daySeed: UInt64
    /// Random modulation of the rate over minutes (off when its `sigma` is 0).
    private var swing: RateSwing

    static let hour: Double = 3_600_000

    /// A clock with `eventsPerDay` on average, shaped by `weekly` (168 weights of mean 1) and
    /// swinging by `swing` (mean 1, so the average is kept).
    init(
        weekly: [Double], eventsPerDay: Double, utcOffsetHours: Int, activeDayProbability: Double, daySeed: UInt64,
        swing: RateSwing = RateSwing(sigma: 0, correlationMinutes: 0)
    ) {
        // Idle days send nothing, so active days carry the whole volume.
        self.weekly = weekly
        perHour = eventsPerDay / 24 / activeDayProbability
        utcOffset = Double(utcOffsetHours) * ActivityClock.hour
        self.activeDayProbability = activeDayProbability
        self.daySeed = daySeed
        self.swing = swing
    }

    /// The wall-clock time `gap` expected events after `time`, or `limit` if that is later.
    ///
    /// With swings, the levels of the steps passed are drawn from `source` (the account's own
    /// generator); without, `source` is not touched.
    mutating func advance(from time: Double, by gap: Double, limit: Double, source: RandomSource) -> Double {
        var t = time
        var remaining = gap
        while t < limit {
            let (hourEnd, rate) = hour(containing: t)
            if rate > 0 {
                if swing.isEnabled {
                    // Whole-hour UTC offsets: swing steps never straddle an hour's end.
                    while t < hourEnd, t < limit {
                        let step = (t / RateSwing.stepMilliseconds).rounded(.down)
                        let stepEnd = min(hourEnd, (step + 1) * RateSwing.stepMilliseconds)
                        let swung = rate * swing.multiplier(step: Int64(step), source: source)
                        let capacity = swung * (stepEnd - t) / ActivityClock.hour
                        if remaining <= capacity {
                            return min(limit, t + remaining / swung * ActivityClock.hour)
                        }
                        remaining -= capacity
                        t = stepEnd
                    }
                    continue
                }
                let capacity = rate * (hourEnd - t) / ActivityClock.hour
                if remaining <= capacity {
                    return min(limit, t + remaining / rate * ActivityClock.hour)
                }
                remaining -= capacity
            }
            t = hourEnd
        }
        return limit
    }

    /// The same clock at another rate (idle days, weekly shape and swings unchanged).
    func withRate(eventsPerDay: Double) -> ActivityClock {
        var clock = self
        clock.perHour = eventsPerDay / 24 / activeDayProbability
        return clock
    }

    /// Expected events between `start` and `end` (ms): the integral of the rate, idle days
    /// excluded. Used to pace an account that must spend a quota over its span.
    func expectedEvents(from start: Double, to end: Double) -> Double {
        var t = start
        var events = 0.0
        while t < end {
            let (hourEnd, rate) = hour(containing: t)
            let until = min(end, hourEnd)
            events += rate * (until - t) / ActivityClock.hour
            t = until
        }
        return events
    }

    /// The end of the local clock hour holding `t` (ms) and the rate during it, events per hour
    /// (0 on an idle day).
    private func hour(containing t: Double) -> (end: Double, rate: Double) {
        let localHour = ((t + utcOffset) / ActivityClock.hour).rounded(.down)
        let end = (localHour + 1) * ActivityClock.hour - utcOffset
        let hourIndex = Int64(localHour)
        let day = hourIndex >= 0 ? hourIndex / 24 : (hourIndex - 23) / 24
        guard isActive(day: day) else { return (end, 0) }
        // 1970-01-01 was a Thursday: weekday index from Monday is (day + 3) mod 7.
        let weekday = Int(((day + 3) % 7 + 7) % 7)
        let hourOfDay = Int(hourIndex - day * 24)
        return (end, weekly[weekday * 24 + hourOfDay] * perHour)
    }

    private func isActive(day: Int64) -> Bool {
        guard activeDayProbability < 1 else { return true }
        let coin = Mix.mix64(daySeed ^ UInt64(bitPattern: day))
        return Double(coin >> 11) * 0x1.0p-53 < activeDayProbability
    }
}
