import Features
import Traffic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags accounts whose timing no human team produces: activity that never sleeps at a volume
/// people send by hand, requests spaced like a metronome, or sessions that start in the same
/// minutes as other accounts' far more often than chance.
///
/// Sources: the 2026 provider reports on distillation campaigns (quoted in
/// `Sources/Simulation/Campaigns/TacticCatalog.swift`: hydra clusters linked by "synchronized
/// timing"; ≈ 26 exchanges per account per day, every day); BurstGPT (Wang et al., 2024) for the
/// diurnal and weekly swing of human API use that such scripts lack.
///
/// Three signals, each scaled so that 1 is its flag level; the score is the largest:
/// - **Sleepless**: the share of the account's requests in its quietest `quiet_hours`
///   consecutive hours of the day (UTC; the statistic does not depend on the time zone) over a
///   trailing exponential window (`window_ms`), times 24 / `quiet_hours` (1 = as many as any
///   other hours: round the clock; a person's night leaves it near 0). It counts in full once
///   the account was active in `min_active_hours` distinct clock hours, and only at volumes
///   people send by hand: above `human_rate` requests a day it is divided by rate / human_rate,
///   because a product serving many end users across time zones (chat app, router, coding
///   agent) is round the clock by nature. Scaled by 1 / `flat_level`.
/// - **Metronomic**: the coefficient of variation of the gaps between requests (gaps under 50 ms,
///   parallel calls, and over 6 h, idle nights, left out), exponentially weighted over the last
///   64 gaps; `cv_level` / CV (at most 10), from `min_gaps` gaps on, for accounts whose mean gap
///   is at least `min_gap_ms`. Human gaps have a CV near or above 1; a loop with a fixed sleep has
///   one near 0. Faster accounts are left out: batch jobs paced by a client-side rate limiter are
///   regular by design and no sign of a person's absence. (Dropping their short gaps instead
///   would not do: the gaps left above a floor are regular for any fast account.)
/// - **Synchronized**: a session starts with a request after `session_gap_ms` of silence. Once
///   its minute is over (at the account's next request), the other accounts' session starts in
///   that minute are compared with the rate of the four minutes before; over the account's
///   sessions the excess Σ(observed − expected) / √Σ variance is a z score; `sync_z` is the flag
///   level, counting in full from `min_sessions` sessions.
///
/// Cost: O(1) per request; the quiet-hours scan (24 bins) runs at most once per account per
/// clock hour. Memory per account: 24 hourly weights and 16 scalars, 256 bytes (nothing grows
/// with requests); one global ring of 64 minute counters.
///
/// Default threshold 1 (each signal at its level); the levels were chosen on calibration seeds
/// 900–909 (see ``defaultThreshold``).
public struct TemporalDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Time constant of the trailing window of the hour-of-day histogram, ms (default 3 days).
        public var window: Double = 259_200_000
        /// Length of the quiet stretch of the day, hours (default 8).
        public var quietHours: Int = 8
        /// Sleepless share (1 = round the clock) that scores 1 (default 0.5).
        public var flatLevel: Double = 0.5
        /// Distinct active clock hours before the sleepless share counts in full (default 8).
        public var minimumActiveHours: Double = 8
        /// Requests a day up to which round-the-clock activity is unexplained (default 200).
        public var humanRate: Double = 200
        /// Coefficient of variation of gaps that scores 1 (default 0.25).
        public var cvLevel: Double = 0.25
        /// Gaps before the metronome signal counts (default 50).
        public var minimumGaps: Double = 50
        /// Mean gap below which the metronome signal is off, ms (default 5 s).
        public var minimumGap: Double = 5_000
        /// Silence that ends a session, ms (default 10 minutes).
        public var sessionGap: Double = 600_000
        /// Poisson z of co-starting sessions that scores 1 (default 6).
        public var syncZ: Double = 6
        /// Sessions before the synchrony signal counts in full (default 10).
        public var minimumSessions: Double = 10

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .number("window_ms", \.window, in: 3_600_000...31_536_000_000, "time constant of the hour-of-day window, ms"),
                .integer("quiet_hours", \.quietHours, in: 1...12, "length of the quiet stretch of the day, hours"),
                .number("flat_level", \.flatLevel, in: .leastNonzeroMagnitude...1, "sleepless share that scores 1"),
                .number("min_active_hours", \.minimumActiveHours, in: 1...1e6, "active clock hours before the sleepless share counts in full"),
                .number("human_rate", \.humanRate, in: .leastNonzeroMagnitude ... .greatestFiniteMagnitude, "requests a day up to which round-the-clock activity is unexplained"),
                .number("cv_level", \.cvLevel, in: .leastNonzeroMagnitude...10, "coefficient of variation of gaps that scores 1"),
                .number("min_gaps", \.minimumGaps, in: 2...1e9, "gaps before the metronome signal counts"),
                .number("min_gap_ms", \.minimumGap, in: 0...21_600_000, "mean gap below which the metronome signal is off, ms"),
                .number("session_gap_ms", \.sessionGap, in: 1_000...86_400_000, "silence that ends a session, ms"),
                .number("sync_z", \.syncZ, in: .leastNonzeroMagnitude...1e6, "Poisson z of co-starting sessions that scores 1"),
                .number("min_sessions", \.minimumSessions, in: 1...1e9, "sessions before the synchrony signal counts in full"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case window = "window_ms"
            case quietHours = "quiet_hours"
            case flatLevel = "flat_level"
            case minimumActiveHours = "min_active_hours"
            case humanRate = "human_rate"
            case cvLevel = "cv_level"
            case minimumGaps = "min_gaps"
            case minimumGap = "min_gap_ms"
            case sessionGap = "session_gap_ms"
            case syncZ = "sync_z"
            case minimumSessions = "min_sessions"
        }
    }

    public static let catalogName = "temporal"
    public static let summary = "round-the-clock activity at human volumes, metronomic gaps, sessions synchronized with other accounts"
    public let settings: Settings
    /// 1: each signal at its level. The levels were chosen on calibration seeds 900–909 of
    /// `tactic-hydra` and `tactic-cot-elicitation` and 900–904 of `realistic-mix` at scale 0.25
    /// (25 evaluations).
    /// - `flat_level` 0.5: 61–83 of 400 hydra and 52–61 of 80 cot accounts a seed for 6–15 of
    ///   4,000 developers (≤ 0.4 %; 12–20 of 11,000 on realistic-mix) and no other benign persona;
    ///   0.6 (seed 900) flagged half as many developers and under half as many hydra accounts.
    /// - `human_rate` 200: at 500 a quiet chat app (consumer hours, ≈ 400 requests a day) reached
    ///   0.97 on realistic-mix seed 900 and was flagged on seed 903; at 200 the highest decoys
    ///   there are enterprise-rag 0.84, synthetic-data 0.52, chat-app 0.39, router 0.32.
    /// - `min_active_hours` 8: 12 lost about half of the hydra accounts caught (seed 900).
    /// - `sync_z` 6: the synchrony z of benign accounts is standard normal (mean 0.01, sd 1.00
    ///   over 2,476 accounts with ≥ 10 sessions, `tactic-hydra` seed 900), so 6 leaves about 10⁻⁹
    ///   per account; no shipped tactic starts its sessions together, so it catches none there.
    /// - `cv_level` 0.25 and `min_gap_ms` 5 s: no shipped persona or tactic sends fixed-period
    ///   loops; the most regular, evaluation harnesses, score ≤ 0.09 once their rate-limited
    ///   bursts are left out (dropping only their short gaps made routers and chat apps look
    ///   regular).
    public let defaultThreshold = 1.0
    public var reads: Set<RequestField> { [.ts, .account] }

    /// Per-account timing state, hot fields first; the hour-of-day histogram sits in the same
    /// value, so a request touches one account's memory in one place.
    struct Timing: Sendable {
        /// Time of the last request, ms (Int64.min: none yet).
        var last = Int64.min
        /// Clock hour (t / 1 h) of the last request.
        var hour: Int64 = .min
        /// Weight of a request in the current clock hour: exp((hour start − reference) / window).
        var weight: Double = 1
        /// Weighted requests (the sum of the 24 bins).
        var total: Double = 0
        /// Exponentially weighted mean gap and mean squared gap, ms, ms², and gaps seen.
        var gapMean: Double = 0
        var gapSquare: Double = 0
        var gaps: Double = 0
        /// The sleepless signal at the last quiet-hours scan (scaled).
        var sleepless: Double = 0
        /// The minute of a session start not yet settled (`.min`: none), and the start rate of the
        /// four minutes before it.
        var pendingMinute: Int64 = .min
        var pendingRate: Double = 0
        /// Sessions settled, and their summed excess and variance of co-starting sessions.
        var sessions: Double = 0
        var excess: Double = 0
        var variance: Double = 0
        /// Time of the first request, ms.
        var first: Int64 = 0
        /// The reference time of the histogram's growing weights, ms.
        var reference: Int64 = 0
        /// Weighted distinct active clock hours.
        var activeHours: Double = 0
        /// Growing weights by hour of day (UTC), lanes 0–23.
        var hours = SIMD32<Float>()
    }

    /// Session starts per minute over the last 64 minutes, shared by all accounts.
    struct SessionMinutes: Sendable {
        /// Starts counted in each slot, and the minute the slot counts.
        var starts = [Int32](repeating: 0, count: 64)
        var minuteOf = [Int64](repeating: .min, count: 64)

        /// The ring slot of `minute`.
        static func slot(_ minute: Int64) -> Int {
            Int(((minute % 64) + 64) % 64)
        }

        /// The starts counted in `minute`, if it is still in the ring.
        func count(_ minute: Int64) -> Int32? {
            let slot = Self.slot(minute)
            return minuteOf[slot] == minute ? starts[slot] : nil
        }

        /// Counts a start in `minute`.
        mutating func add(_ minute: Int64) {
            let slot = Self.slot(minute)
            if minuteOf[slot] != minute {
                minuteOf[slot] = minute
                starts[slot] = 0
            }
            starts[slot] += 1
        }
    }

    private var timing = PerAccount(Timing())
    private var minutes = SessionMinutes()
    private var steps = ScoreSteps(.additive(0.02), floor: 0.05)

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        for i in 0..<batch.count {
            let account = batch.accounts[i]
            let time = batch.timestamps[i]
            let score = Self.update(&timing[account], time: time, settings: settings, minutes: &minutes)
            steps.offer(score, account: account, time: time, board: &board)
        }
    }

    // MARK: - Per request

    /// Folds one request at `time` into an account's `state` and returns its score.
    private static func update(_ state: inout Timing, time: Int64, settings: Settings, minutes: inout SessionMinutes) -> Double {
        let hour = time >= 0 ? time / 3_600_000 : (time - 3_599_999) / 3_600_000
        var synchrony = 0.0
        var metronome = 0.0
        if state.last == .min {
            state.first = time
            state.reference = hour * 3_600_000
        } else {
            let gap = time - state.last
            if gap >= 50, gap <= 21_600_000 {
                let g = Double(gap)
                state.gaps += 1
                let rate = state.gaps < 64 ? 1 / state.gaps : 1.0 / 64
                state.gapMean += rate * (g - state.gapMean)
                state.gapSquare += rate * (g * g - state.gapSquare)
                if state.gaps >= settings.minimumGaps, state.gapMean >= settings.minimumGap {
                    let variance = max(0, state.gapSquare - state.gapMean * state.gapMean)
                    let cv = variance.squareRoot() / max(state.gapMean, 1)
                    metronome = min(10, settings.cvLevel / max(cv, 1e-3))
                }
            }
        }
        let minute = time >= 0 ? time / 60_000 : (time - 59_999) / 60_000
        if state.pendingMinute != .min, minute > state.pendingMinute {
            synchrony = settleSession(&state, settings: settings, minutes: minutes)
        }
        // An account's first request is no session start: the log may have begun mid-session.
        if state.last != .min, Double(time - state.last) >= settings.sessionGap {
            var before: Int32 = 0
            for back in 1...4 { before += minutes.count(minute - Int64(back)) ?? 0 }
            minutes.add(minute)
            state.pendingMinute = minute
            state.pendingRate = Double(before) / 4
        }
        if hour != state.hour {
            startHour(&state, hour: hour, settings: settings)
        }
        state.hours[Int(((hour % 24) + 24) % 24)] += Float(state.weight)
        state.total += state.weight
        state.last = time
        return max(state.sleepless, metronome, synchrony)
    }

    /// A new clock hour for the account: its weight, the active-hour count, and a fresh
    /// quiet-hours scan over the histogram so far.
    private static func startHour(_ state: inout Timing, hour: Int64, settings: Settings) {
        state.hour = hour
        var exponent = Double(hour * 3_600_000 - state.reference) / settings.window
        if exponent > 30 {
            // Rescale so the growing weights stay finite: everything by exp(−exponent).
            let factor = exp(-exponent)
            state.hours *= Float(factor)
            state.total *= factor
            state.activeHours *= factor
            state.reference = hour * 3_600_000
            exponent = 0
        }
        state.weight = exp(exponent)
        state.activeHours += state.weight
        state.sleepless = sleeplessScore(state, settings: settings)
    }

    /// The sleepless signal from the histogram before this hour's requests (scaled to its level).
    private static func sleeplessScore(_ state: Timing, settings: Settings) -> Double {
        guard state.total > 0 else { return 0 }
        let quiet = settings.quietHours
        var window = 0.0
        for h in 0..<quiet { window += Double(state.hours[h]) }
        var least = window
        for h in 0..<23 {
            window += Double(state.hours[(h + quiet) % 24]) - Double(state.hours[h])
            least = min(least, window)
        }
        let share = max(0, least) / state.total * 24 / Double(quiet)
        // Weighted active hours and requests, in units of one current-hour weight.
        let active = state.activeHours / state.weight
        let span = Double(state.hour * 3_600_000 - state.first) + 3_600_000
        // The window's effective length so far, and the request rate over it, per day.
        let effective = settings.window * (1 - exp(-span / settings.window))
        let perDay = state.total / state.weight / effective * 86_400_000
        let human = min(1, settings.humanRate / max(perDay, 1e-9))
        return share * min(1, active / settings.minimumActiveHours) * human / settings.flatLevel
    }

    /// Folds the account's last session start into its tally once its minute is complete, and
    /// returns the synchrony signal.
    ///
    /// The other accounts' starts in that minute are compared with the rate of the four minutes
    /// before (a local baseline: a diurnal ramp changes it little in four minutes). Under
    /// independence the difference has mean 0 and variance ≈ λ + λ/4 (a Poisson count and the
    /// baseline's noise), λ the rate; each session's variance is floored at 0.5, so that a lone
    /// coincidence in a quiet hour weighs little. A minute that left the 64-minute ring is dropped.
    private static func settleSession(_ state: inout Timing, settings: Settings, minutes: SessionMinutes) -> Double {
        let minute = state.pendingMinute
        state.pendingMinute = .min
        guard let starts = minutes.count(minute) else { return 0 }
        let others = Double(starts) - 1
        state.sessions += 1
        state.excess += others - state.pendingRate
        state.variance += max(0.5, state.pendingRate * 1.25)
        let z = state.excess / state.variance.squareRoot()
        return max(0, z) / settings.syncZ * min(1, state.sessions / settings.minimumSessions)
    }

    private mutating func grow(to count: Int) {
        timing.grow(to: count)
        steps.grow(to: count)
    }
}
