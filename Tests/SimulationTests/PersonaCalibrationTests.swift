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
        let yaml = """
            name: calibration
            seed: 11
            start: 2026-03-03T09:00:00Z
            duration: \(hours)h
            models:
              - {name: m-large, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small, family: small, released: 2025-09-01T00:00:00Z}
              - {name: m-reason, family: reasoning, released: 2025-09-01T00:00:00Z}
            populations:
              - {persona: \(persona), accounts: 1, params: {requests_per_day: \(requestsPerDay), volume_sigma: 0}}
            """
        return TestScenarios.requests(TrafficGenerator(scenario: try TestScenarios.load(yaml)))
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
