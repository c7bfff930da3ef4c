import Foundation
import Randomness
import Simulation
import Statistics
import Testing

/// The Azure-trace calibration (``AzureTrace``) checked against the real trace files.
///
/// The data live outside the repository, in `../shared/data/azure-llm-inference-2023/` beside
/// the clone (CI checks `shared/` out there). When they are missing, the tests that need them
/// are skipped with a comment saying where they were looked for (never silently, never failing
/// many ways); the pure unit tests below still run.
struct CalibrationDataTests {
    // MARK: - Data

    /// `<repository root>/../shared/data/azure-llm-inference-2023`, found from this file's path.
    static let dataDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/SimulationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/data/azure-llm-inference-2023", isDirectory: true)

    /// Whether the shared data are present.
    static let dataPresent: Bool = {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: dataDirectory.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }()

    /// The trait of tests that need the shared data: skipped, with where it was looked for.
    static var needsData: ConditionTrait {
        .enabled(if: dataPresent, "Azure trace data not found at \(dataDirectory.path) (../shared/data beside the repository): skipped")
    }

    /// The parsed trace of `service`; records a failure naming the expected location if absent.
    static func trace(_ service: AzureTrace.Service) throws -> AzureTraceCSV {
        let directory = dataDirectory.path
        var isDirectory: ObjCBool = false
        try #require(
            FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue,
            """
            Azure trace data not found at \(directory): the shared data directory must sit beside \
            the repository (../shared/data/azure-llm-inference-2023)
            """
        )
        return try parsed[service]!.get()
    }

    /// Each file parsed once per test run (thread-safe lazy static).
    private static let parsed: [AzureTrace.Service: Result<AzureTraceCSV, AzureTraceCSVError>] = Dictionary(
        uniqueKeysWithValues: AzureTrace.Service.allCases.map { service in
            let path = dataDirectory.appendingPathComponent(service.fileName).path
            return (service, Result { () throws(AzureTraceCSVError) in try AzureTraceCSV(contentsOf: path) })
        })

    /// The two token columns of a service, with their committed tables.
    static func columns(_ service: AzureTrace.Service, _ trace: AzureTraceCSV)
        -> [(name: String, values: [Double], table: EmpiricalDistribution)]
    {
        [
            ("prompt", trace.contextTokens.map(Double.init), AzureTrace.promptTokens(service)),
            ("completion", trace.generatedTokens.map(Double.init), AzureTrace.completionTokens(service)),
        ]
    }

    // MARK: - (a) Committed tables = quantiles of the real data

    /// The tables in `AzureTrace.swift` (numpy, `scripts/azure_quantiles.py`) equal the quantiles
    /// recomputed here with GSL's `gsl_stats_quantile_from_sorted_data` (the same type-7 rule).
    /// With 257 knots the probabilities j/256 are dyadic and both computations are exact, so the
    /// relative tolerance of 1e-12 only guards against formatting of the literals.
    @Test(Self.needsData, arguments: AzureTrace.Service.allCases)
    func committedTablesEqualRecomputedQuantiles(service: AzureTrace.Service) throws {
        let trace = try Self.trace(service)
        for column in Self.columns(service, trace) {
            let sorted = column.values.sorted()
            let knots = column.table.knots
            try #require(knots.count == AzureTrace.knotCount)
            for (j, knot) in knots.enumerated() {
                let p = Double(j) / Double(knots.count - 1)
                let expected = Descriptive.quantile(sorted: sorted, p)
                #expect(
                    abs(knot - expected) <= 1e-12 * abs(expected),
                    "\(service) \(column.name) knot \(j): committed \(knot), recomputed \(expected)")
            }
            #expect(knots.first == sorted.first && knots.last == sorted.last)
        }
    }

    // MARK: - (b) Samples from the tables look like the real data

    /// 20,000 integer draws from each table against the real column: the two-sample KS distance
    /// must stay below the critical value at α = 0.001.
    ///
    /// Why α = 0.001: the seeds are fixed, so the test is deterministic; α only sets how far a
    /// correct sampler may wander by chance (a fresh seed would fail with probability ≈ 0.1 %
    /// per column, less since KS is conservative for tied, discrete data). The tables' own
    /// error is about 0.003 (KS of 2²¹ draws, see ``AzureTrace``), well under the critical
    /// values here (≈ 0.020 for the conversation columns, ≈ 0.025 for the code columns),
    /// while real defects — a wrong column, a broken interpolation, shifted knots — give
    /// distances far above them.
    @Test(Self.needsData, arguments: AzureTrace.Service.allCases)
    func samplesPassTwoSampleKS(service: AzureTrace.Service) throws {
        let trace = try Self.trace(service)
        for (index, column) in Self.columns(service, trace).enumerated() {
            let source = RandomSource(seed: 0x5EED_CA11 &+ UInt64(index) &* 7919 &+ (service == .code ? 1 : 0))
            let draws = (0..<20_000).map { _ in Double(column.table.sampleCount(source)) }
            let (d, p) = KolmogorovSmirnov.twoSample(draws, column.values)
            let critical = KolmogorovSmirnov.criticalValue(n: draws.count, m: column.values.count, alpha: 0.001)
            #expect(d < critical, "\(service) \(column.name): KS D = \(d) (p = \(p)), critical value \(critical)")
        }
    }

    /// The same check has power: the conversation tables drawn against the code columns (and
    /// vice versa) are rejected by a wide margin.
    @Test(Self.needsData) func ksRejectsTheOtherServicesTables() throws {
        let code = try Self.trace(.code)
        let conversation = try Self.trace(.conversation)
        let source = RandomSource(seed: 42)
        let pairs: [(EmpiricalDistribution, [Int])] = [
            (AzureTrace.promptTokens(.conversation), code.contextTokens),
            (AzureTrace.completionTokens(.conversation), code.generatedTokens),
            (AzureTrace.promptTokens(.code), conversation.contextTokens),
            (AzureTrace.completionTokens(.code), conversation.generatedTokens),
        ]
        for (table, column) in pairs {
            let draws = (0..<20_000).map { _ in Double(table.sampleCount(source)) }
            let d = KolmogorovSmirnov.statistic(draws, column.map(Double.init))
            #expect(d > 5 * KolmogorovSmirnov.criticalValue(n: draws.count, m: column.count, alpha: 0.001))
        }
    }

    // MARK: - (c) The README's figures

    /// A figure of the trace's README as printed, and half a unit of its last printed digit.
    struct Figure: Sendable, CustomTestStringConvertible {
        var name: String
        var service: AzureTrace.Service
        var printed: Double
        var tolerance: Double
        var measure: @Sendable (AzureTraceCSV) -> Double

        var testDescription: String { "\(service) \(name)" }
    }

    static func quantile(_ column: [Int], _ p: Double) -> Double {
        Descriptive.quantile(sorted: column.map(Double.init).sorted(), p)
    }

    static func logs(_ column: [Int]) -> [Double] { column.map { log(Double($0)) } }

    static func interArrivalCV(_ trace: AzureTraceCSV) -> Double {
        Descriptive.coefficientOfVariation(trace.interArrivalMilliseconds(), .population)
    }

    static func dispersion(_ trace: AzureTraceCSV, seconds: Double) -> Double {
        Descriptive.indexOfDispersion(eventTimes: trace.timestamps.map(Double.init), binWidth: seconds * 1_000_000)
    }

    /// The README table (`../shared/data/azure-llm-inference-2023/README.md`), each figure
    /// within half a unit of its last printed digit, with one exception: the code prompt p90 is
    /// printed as 5,186, but the type-7 quantile (numpy's default, GSL) is 5,187.6 — 5,186 is
    /// the nearest-rank value — so that figure is allowed ±2.
    static let figures: [Figure] = [
        // Requests and minutes (first to last request, rounded down to whole minutes).
        Figure(name: "requests", service: .code, printed: 8819, tolerance: 0) { Double($0.count) },
        Figure(name: "requests", service: .conversation, printed: 19366, tolerance: 0) { Double($0.count) },
        Figure(name: "minutes", service: .code, printed: 57, tolerance: 0) {
            (Double($0.timestamps.max()! - $0.timestamps.min()!) / 60e6).rounded(.down)
        },
        Figure(name: "minutes", service: .conversation, printed: 58, tolerance: 0) {
            (Double($0.timestamps.max()! - $0.timestamps.min()!) / 60e6).rounded(.down)
        },
        // Prompt tokens: median / mean / p90 / p99.
        Figure(name: "prompt median", service: .code, printed: 1469, tolerance: 0.5) {
            quantile($0.contextTokens, 0.5)
        },
        Figure(name: "prompt mean", service: .code, printed: 2048, tolerance: 0.5) {
            Descriptive.mean($0.contextTokens.map(Double.init))
        },
        Figure(name: "prompt p90", service: .code, printed: 5186, tolerance: 2) { quantile($0.contextTokens, 0.9) },
        Figure(name: "prompt p99", service: .code, printed: 7436, tolerance: 0.5) { quantile($0.contextTokens, 0.99) },
        Figure(name: "prompt median", service: .conversation, printed: 1020, tolerance: 0.5) {
            quantile($0.contextTokens, 0.5)
        },
        Figure(name: "prompt mean", service: .conversation, printed: 1155, tolerance: 0.5) {
            Descriptive.mean($0.contextTokens.map(Double.init))
        },
        Figure(name: "prompt p90", service: .conversation, printed: 2734, tolerance: 0.5) {
            quantile($0.contextTokens, 0.9)
        },
        Figure(name: "prompt p99", service: .conversation, printed: 4142, tolerance: 0.5) {
            quantile($0.contextTokens, 0.99)
        },
        // Completion tokens: median / mean / p90 / p99.
        Figure(name: "completion median", service: .code, printed: 13, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.5)
        },
        Figure(name: "completion mean", service: .code, printed: 28, tolerance: 0.5) {
            Descriptive.mean($0.generatedTokens.map(Double.init))
        },
        Figure(name: "completion p90", service: .code, printed: 55, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.9)
        },
        Figure(name: "completion p99", service: .code, printed: 251, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.99)
        },
        Figure(name: "completion median", service: .conversation, printed: 129, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.5)
        },
        Figure(name: "completion mean", service: .conversation, printed: 211, tolerance: 0.5) {
            Descriptive.mean($0.generatedTokens.map(Double.init))
        },
        Figure(name: "completion p90", service: .conversation, printed: 424, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.9)
        },
        Figure(name: "completion p99", service: .conversation, printed: 601, tolerance: 0.5) {
            quantile($0.generatedTokens, 0.99)
        },
        // Lognormal fit of ln(tokens): μ and σ (population SD, numpy's default).
        Figure(name: "prompt ln μ", service: .code, printed: 7.00, tolerance: 0.005) {
            Descriptive.mean(logs($0.contextTokens))
        },
        Figure(name: "prompt ln σ", service: .code, printed: 1.36, tolerance: 0.005) {
            Descriptive.standardDeviation(logs($0.contextTokens), .population)
        },
        Figure(name: "completion ln μ", service: .code, printed: 2.79, tolerance: 0.005) {
            Descriptive.mean(logs($0.generatedTokens))
        },
        Figure(name: "completion ln σ", service: .code, printed: 0.85, tolerance: 0.005) {
            Descriptive.standardDeviation(logs($0.generatedTokens), .population)
        },
        Figure(name: "prompt ln μ", service: .conversation, printed: 6.63, tolerance: 0.005) {
            Descriptive.mean(logs($0.contextTokens))
        },
        Figure(name: "prompt ln σ", service: .conversation, printed: 0.99, tolerance: 0.005) {
            Descriptive.standardDeviation(logs($0.contextTokens), .population)
        },
        Figure(name: "completion ln μ", service: .conversation, printed: 5.02, tolerance: 0.005) {
            Descriptive.mean(logs($0.generatedTokens))
        },
        Figure(name: "completion ln σ", service: .conversation, printed: 0.86, tolerance: 0.005) {
            Descriptive.standardDeviation(logs($0.generatedTokens), .population)
        },
        // Inter-arrivals (population CV) and count dispersion (var/mean, bins from the first request).
        Figure(name: "share of inter-arrivals ≤ 1 ms", service: .code, printed: 0.17, tolerance: 0.005) {
            let gaps = $0.interArrivalMilliseconds()
            return Double(gaps.count(where: { $0 <= 1 })) / Double(gaps.count)
        },
        Figure(name: "inter-arrival CV", service: .code, printed: 13.2, tolerance: 0.05) { interArrivalCV($0) },
        Figure(name: "inter-arrival CV", service: .conversation, printed: 1.09, tolerance: 0.005) {
            interArrivalCV($0)
        },
        Figure(name: "count var/mean per second", service: .code, printed: 13.2, tolerance: 0.05) {
            dispersion($0, seconds: 1)
        },
        Figure(name: "count var/mean per minute", service: .code, printed: 160.5, tolerance: 0.05) {
            dispersion($0, seconds: 60)
        },
        Figure(name: "count var/mean per second", service: .conversation, printed: 1.39, tolerance: 0.005) {
            dispersion($0, seconds: 1)
        },
        Figure(name: "count var/mean per minute", service: .conversation, printed: 20.6, tolerance: 0.05) {
            dispersion($0, seconds: 60)
        },
    ]

    @Test(Self.needsData, arguments: figures)
    func readmeFigureIsReproduced(figure: Figure) throws {
        let value = figure.measure(try Self.trace(figure.service))
        #expect(
            abs(value - figure.printed) <= figure.tolerance,
            "\(figure.service) \(figure.name): measured \(value), README \(figure.printed) ± \(figure.tolerance)")
    }

    // MARK: - EmpiricalDistribution (the sampler behind the tables)

    @Test func quantileIsExactAtKnotsAndLogLinearBetween() {
        let table = EmpiricalDistribution(knots: [1, 100, 100, 400])
        #expect(table.quantile(0) == 1)
        #expect(table.quantile(1.0 / 3) == 100)
        #expect(table.quantile(0.5) == 100)  // a flat segment: a tie in the data
        #expect(table.quantile(1) == 400)
        // Halfway between knots 1 and 100 in probability is their geometric mean.
        #expect(abs(table.quantile(1.0 / 6) - 10) < 1e-12)
        #expect(abs(table.quantile(5.0 / 6) - 200) < 1e-12)
        // Outside [0, 1] clamps.
        #expect(table.quantile(-0.5) == 1 && table.quantile(7) == 400 && table.quantile(.nan) == 1)
    }

    @Test func quantileIsLinearWhereAKnotIsNotPositive() {
        let table = EmpiricalDistribution(knots: [-2, 0, 4])
        #expect(table.quantile(0.25) == -1)
        #expect(table.quantile(0.75) == 2)
    }

    @Test func quantileIsMonotone() {
        let table = AzureTrace.promptTokens(.conversation)
        var previous = -Double.infinity
        for step in 0...100_000 {
            let value = table.quantile(Double(step) / 100_000)
            #expect(value >= previous)
            previous = value
        }
    }

    @Test func sampleCountIsAPositiveInteger() {
        let table = EmpiricalDistribution(knots: [0, 0.2, 3])
        let source = RandomSource(seed: 7)
        let counts = (0..<1_000).map { _ in table.sampleCount(source) }
        #expect(counts.allSatisfy { (1...3).contains($0) })
        #expect(counts.contains(1) && counts.contains(3))
    }

    @Test func invalidKnotsAreRejected() {
        #expect(throws: EmpiricalDistribution.KnotError.tooFew(1)) { try EmpiricalDistribution(validating: [3]) }
        #expect(throws: EmpiricalDistribution.KnotError.notFinite(index: 1, value: .infinity)) {
            try EmpiricalDistribution(validating: [1, .infinity])
        }
        #expect(throws: EmpiricalDistribution.KnotError.decreasing(index: 2, value: 1, previous: 5)) {
            try EmpiricalDistribution(validating: [0, 5, 1])
        }
    }

    // MARK: - The CSV reader

    @Test func parsesTimestampsAsUTCMicroseconds() {
        #expect(AzureTraceCSV.parseTimestamp(Array("2023-11-16 18:17:03.9799600".utf8)) == 1_700_158_623_979_960)
        #expect(AzureTraceCSV.parseTimestamp(Array("2024-02-29 00:00:00.000005".utf8)) == 1_709_164_800_000_005)
        #expect(AzureTraceCSV.parseTimestamp(Array("1969-12-31 23:59:59".utf8)) == -1_000_000)
        for bad in [
            "2023-13-01 00:00:00", "2023-02-29 00:00:00", "2023-11-16 24:00:00", "2023-11-16 18:17",
            "2023-11-16 18:17:03.", "2023-11-16 18:17:03,5", "2023-11-16 18:17:03.12345678901", "x",
        ] {
            #expect(AzureTraceCSV.parseTimestamp(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func parsesCRLFAndAMissingFinalLineBreak() throws {
        let text =
            "TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.9799600,4808,10\r\n\r\n"
            + "2023-11-16 18:17:04.0319600,3180,8"
        let trace = try AzureTraceCSV(parsing: Array(text.utf8), source: "inline")
        #expect(trace.count == 2)
        #expect(trace.contextTokens == [4808, 3180])
        #expect(trace.generatedTokens == [10, 8])
        #expect(trace.interArrivalMilliseconds() == [52])
    }

    @Test(arguments: [
        ("", AzureTraceCSVError.missingHeader(source: "t.csv")),
        ("time,a,b\n", .unexpectedHeader(source: "t.csv", found: "time,a,b")),
        (
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,1\n",
            .wrongFieldCount(source: "t.csv", line: 2, found: 2)
        ),
        (
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,1,2\n2023-11-16 8:17:03.97,1,2\n",
            .invalidTimestamp(source: "t.csv", line: 3, text: "2023-11-16 8:17:03.97")
        ),
        (
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,-4,2\n",
            .invalidTokenCount(source: "t.csv", line: 2, column: "ContextTokens", text: "-4")
        ),
        (
            "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,4,\n",
            .invalidTokenCount(source: "t.csv", line: 2, column: "GeneratedTokens", text: "")
        ),
    ])
    func malformedInputIsReportedWithItsLine(text: String, expected: AzureTraceCSVError) {
        #expect(throws: expected) { try AzureTraceCSV(parsing: Array(text.utf8), source: "t.csv") }
        #expect(!expected.description.isEmpty)
    }

    @Test func aMissingFileIsUnreadable() {
        #expect {
            try AzureTraceCSV(contentsOf: "/nonexistent/azure/code.csv")
        } throws: { error in
            guard case .unreadable(let path, _) = error as? AzureTraceCSVError else { return false }
            return path == "/nonexistent/azure/code.csv"
        }
    }
}
