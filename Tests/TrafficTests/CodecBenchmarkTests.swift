import Foundation
import Testing
import Traffic

/// Prints codec throughput; runs only when `CODEC_BENCHMARK` is set (timings are reported, never
/// asserted): `CODEC_BENCHMARK=1000000 swift test -c release --filter CodecBenchmarkTests`.
struct CodecBenchmarkTests {
    static let rows = ProcessInfo.processInfo.environment["CODEC_BENCHMARK"].flatMap { Int($0) }

    @Test(.enabled(if: rows != nil, "set CODEC_BENCHMARK=<rows> to measure"))
    func measureThroughput() throws {
        let result = try CodecBenchmark.measure(rows: Self.rows ?? 1_000_000)
        print("CodecBenchmark:", result)
        #expect(result.rows > 0)
    }
}
