import Detection
import Traffic

/// Requests per second of each detector alone over the same in-memory batches (DESIGN §5):
/// one warm-up pass, then the median of `repeats` timed passes, each with a fresh detector.
public enum ThroughputMeter {
    /// A detector's measured speed.
    public struct Figure: Sendable, Hashable, Codable {
        public var requestsPerSecond: Double
        public var nanosecondsPerRequest: Double
    }

    /// Measures the detector made by `make` over `batches`.
    public static func measure(
        _ make: () -> any Detector, batches: [RequestBatch], accounts: [Account], repeats: Int = 5
    ) -> Figure {
        let requests = batches.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for round in 0...max(1, repeats) {
            var detector = make()
            var board = ScoreBoard(accounts: accounts.count)
            detector.begin(accounts: accounts)
            let elapsed = clock.measure {
                for batch in batches { detector.observe(batch, board: &board) }
                detector.finish(board: &board)
            }
            if round > 0 { seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        seconds.sort()
        let median = max(seconds[seconds.count / 2], 1e-9)
        return Figure(requestsPerSecond: Double(requests) / median, nanosecondsPerRequest: median * 1e9 / Double(max(1, requests)))
    }
}
