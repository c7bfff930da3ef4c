import Foundation
import Simulation
import Statistics
import Testing
import Traffic

/// Generated `chat-app` and `coding-agent` traffic against the real Azure LLM inference trace
/// (issue 2, item 7): token-length distributions by two-sample Kolmogorov–Smirnov, and
/// inter-arrival burstiness by the figures of the trace's README.
///
/// Each persona is calibrated at service level: one account stands for one product, like one
/// Azure service. So the test runs one account at the service's own request rate (`volume_sigma`
/// 0) over a few hours and compares its stream with the service's.
struct PersonaCalibrationTests {
    /// One account of `persona` at `requestsPerDay`, over `hours` starting at 09:00 UTC on a Tuesday.
    static func stream(_ persona: String, requestsPerDay: Double, hours: Int) throws -> [Request] {
        try stream(persona, requestsPerDay: requestsPerDay, duration: "\(hours)h")
    }

    /// One account of `persona` at `requestsPerDay`, over `duration` (scenario syntax, e.g.
    /// `3502s`) starting at 09:00 UTC on a Tuesday.
    static func stream(_ persona: String, requestsPerDay: Double, duration: String) throws -> [Request] {
        TestScenarios.requests(TrafficGenerator(scenario: try TestScenarios.load(yaml(persona, requestsPerDay, duration))))
    }

    /// The scenario of ``stream(_:requestsPerDay:duration:)``.
    static func yaml(_ persona: String, _ requestsPerDay: Double, _ duration: String) -> String {
        """
        name: calibration
        seed: 11
        start: 2026-03-03T09:00:00Z
        duration: \(duration)
        models:
          - {name: m-large, family: large, released: 2025-09-01T00:00:00Z}
          - {name: m-small, family: small, released: 2025-09-01T00:00:00Z}
          - {name: m-reason, family: reasoning, released: 2025-09-01T00:00:00Z}
        populations:
          - {persona: \(persona), accounts: 1, params: {requests_per_day: \(requestsPerDay), volume_sigma: 0}}
        """
    }

    /// The weight of `shape` in the local hour of `country` at `utc` (ms since the epoch).
    static func weight(_ shape: ActivityShape, country: String, utc: Int64) -> Double {
        let localHour = utc / 3_600_000 + Int64(CountryClock.offset(country))
        let day = localHour / 24
        // 1970-01-01 was a Thursday: weekday index from Monday is (day + 3) mod 7.
        return shape.weekly[Int((day + 3) % 7) * 24 + Int(localHour % 24)]
    }

    /// Served single completions: error responses carry no completion, and `n` > 1 sums several.
    static func served(_ requests: [Request]) -> [Request] {
        requests.filter { $0.status == 200 && $0.n == 1 }
    }

    /// KS distance below the α = 0.001 critical value c(α)·√((n+m)/(n·m)), c = 1.95: a sample
    /// drawn from the real distribution fails this one time in a thousand, while a parametric
    /// log-normal fit fails it by a factor of 3–5 (see CalibrationDataTests).
    static func expectSameDistribution(_ generated: [Double], _ real: [Double], _ label: String) {
        let (d, p) = KolmogorovSmirnov.twoSample(generated, real)
        let critical = KolmogorovSmirnov.criticalValue(n: generated.count, m: real.count, alpha: 0.001)
        #expect(d < critical, "\(label): KS D = \(d), critical \(critical), p = \(p), n = \(generated.count)")
    }

    static func interArrivals(_ requests: [Request]) -> [Double] {
        zip(requests, requests.dropFirst()).map { Double($1.ts - $0.ts) }
    }

    @Test(CalibrationDataTests.needsData) func chatAppMatchesTheConversationService() throws {
        let real = try CalibrationDataTests.trace(.conversation)
        // 19,366 requests in 58 minutes ≈ 481,000 a day.
        let requests = try Self.stream("chat-app", requestsPerDay: 481_000, hours: 2)
        let served = Self.served(requests)
        Self.expectSameDistribution(served.map { Double($0.promptTokens) }, real.contextTokens.map(Double.init), "chat-app prompt tokens")
        Self.expectSameDistribution(served.map { Double($0.completionTokens) }, real.generatedTokens.map(Double.init), "chat-app completion tokens")

        let gaps = Self.interArrivals(requests)
        let cv = Descriptive.coefficientOfVariation(gaps, .population)
        // README: CV 1.09, Gamma shape 0.87 (CV 1/√0.87 = 1.07); the bound allows the
        // diurnal drift of two hours and millisecond rounding.
        #expect((0.95...1.25).contains(cv), "chat-app inter-arrival CV \(cv), real 1.094")
        let withinMillisecond = Double(gaps.filter { $0 <= 1 }.count) / Double(gaps.count)
        #expect(withinMillisecond < 0.05, "chat-app share ≤ 1 ms \(withinMillisecond), real 0.015")
    }

    /// var/mean of event counts in bins of `seconds` from the first event, full bins only: the
    /// last, partial bin of a finite window is dropped (in the conversation trace it alone lifts
    /// the per-minute figure from 16.1 to the README's 20.6).
    static func fullBinDispersion(_ milliseconds: [Double], seconds: Double) -> Double {
        let counts = Descriptive.binCounts(eventTimes: milliseconds, binWidth: seconds * 1_000).dropLast().map(Double.init)
        return Descriptive.variance(counts, .population) / Descriptive.mean(counts)
    }

    /// Minute-scale load swings (issue 7): one chat-app account at the conversation service's own
    /// rate, for the trace's own duration, disperses its counts like the trace at 1 s to 5 min.
    ///
    /// A renewal process gives var/mean ≈ 1.1 at every scale (without swings: 1.2 per minute
    /// where the trace has 16.1); the swings of ``AzureTrace/ConversationArrivals/rateSwingSigma``
    /// give the trace's values as their median (100 seeds: 15.9 per minute). The bands are the
    /// 1st–99th percentiles of one window of the fitted model (1,000 simulated windows,
    /// `scripts/azure_rate_swings.py`): an hour holds only a few correlation times, so one
    /// window's figure is widely spread; the test takes the median of five seeds, which falls
    /// in each band far more often than one window does (98 %), while a renewal
    /// stream (per minute: 99th percentile 1.7) falls far outside at 10 s and above.
    @Test(CalibrationDataTests.needsData) func chatAppLoadSwingsLikeTheConversationService() throws {
        let real = try CalibrationDataTests.trace(.conversation)
        let realTimes = real.timestamps.map { Double($0) / 1_000 }
        let first = try #require(realTimes.min())
        let duration = try #require(realTimes.max()) - first
        // Five seeds, each one chat-app account at the trace's rate in the account's local hour
        // (its mean rate divided by the consumer profile's weight of that hour, constant over
        // the window, which starts on the hour); the median of the five must lie in each band,
        // so one seed's luck neither passes nor fails the test.
        var samples: [[Double]] = []
        for seed: UInt64 in 11...15 {
            let probe = TrafficGenerator(scenario: try TestScenarios.load(Self.yaml("chat-app", 1, "1h")), seed: seed)
            let account = try #require(probe.accounts.first)
            let weight = Self.weight(.consumer, country: account.country, utc: probe.scenario.start)
            let scenario = try TestScenarios.load(
                Self.yaml(
                    "chat-app", Double(real.count) / duration * 86_400_000 / weight,
                    "\(Int((duration / 1_000).rounded(.up)))s"))
            let requests = TestScenarios.requests(TrafficGenerator(scenario: scenario, seed: seed))
            let times = requests.map { Double($0.ts) }
            // The swings keep the mean rate; one window's volume varies with them (SD ≈ 12 %).
            #expect(abs(Double(requests.count) / Double(real.count) - 1) < 0.4, "\(requests.count) requests, trace \(real.count)")
            samples.append(
                [1, 10, 60, 300].map { Self.fullBinDispersion(times, seconds: $0) }
                    + [Descriptive.coefficientOfVariation(Self.interArrivals(requests), .population)])
        }
        func median(_ column: Int) -> Double { samples.map { $0[column] }.sorted()[samples.count / 2] }

        let bands: [(seconds: Double, band: ClosedRange<Double>)] = [
            (1, 1.16...1.85), (10, 2.0...8.7), (60, 6.0...45.7), (300, 12.7...206),
        ]
        for (column, (seconds, band)) in bands.enumerated() {
            let generated = median(column)
            let trace = Self.fullBinDispersion(realTimes, seconds: seconds)
            #expect(band.contains(trace), "the band \(band) at \(seconds) s must hold the trace's own \(trace)")
            #expect(band.contains(generated), "chat-app count var/mean per \(seconds) s (median of 5 seeds): \(generated), trace \(trace), band \(band)")
        }
        let cv = median(4)
        #expect((1.054...1.174).contains(cv), "chat-app inter-arrival CV \(cv) (median of 5 seeds), real 1.094")
    }

    @Test(CalibrationDataTests.needsData) func codingAgentMatchesTheCodeService() throws {
        let real = try CalibrationDataTests.trace(.code)
        // 8,819 requests in 57 minutes ≈ 222,800 a day.
        let requests = try Self.stream("coding-agent", requestsPerDay: 222_800, hours: 4)
        let served = Self.served(requests)
        Self.expectSameDistribution(served.map { Double($0.promptTokens) }, real.contextTokens.map(Double.init), "coding-agent prompt tokens")
        Self.expectSameDistribution(served.map { Double($0.completionTokens) }, real.generatedTokens.map(Double.init), "coding-agent completion tokens")

        // Burstiness hour by hour, as the README measures one hour (CV 13.2).
        let hour: Int64 = 3_600_000
        let start = try #require(requests.first).ts
        var shares: [Double] = []
        var cvs: [Double] = []
        for index in 0..<4 {
            let window = requests.filter { ($0.ts - start) / hour == Int64(index) }
            let gaps = Self.interArrivals(window)
            guard gaps.count > 100 else { continue }
            shares.append(Double(gaps.filter { $0 <= 1 }.count) / Double(gaps.count))
            cvs.append(Descriptive.coefficientOfVariation(gaps, .population))
        }
        let share = Descriptive.median(shares)
        let cv = Descriptive.median(cvs)
        // A gateway log keeps milliseconds: compare with the real trace cut to milliseconds too
        // (17.0 % of its gaps are ≤ 1 ms at microsecond resolution, 21.7 % at millisecond).
        let realMilliseconds = real.timestamps.map { $0 / 1_000 }
        let realGaps = zip(realMilliseconds, realMilliseconds.dropFirst()).map { $1 - $0 }
        let realShare = Double(realGaps.filter { $0 <= 1 }.count) / Double(realGaps.count)
        #expect(abs(share - realShare) < 0.03, "coding-agent share ≤ 1 ms \(share) (hours \(shares)), real \(realShare)")
        #expect((7...20).contains(cv), "coding-agent hourly CV \(cv) (hours \(cvs)), real 13.2")
    }
}
