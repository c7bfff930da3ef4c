import Detection
import Features
import Traffic

/// Requests per second of each detector alone over the same in-memory batches (DESIGN §5):
/// one warm-up pass, then the median of `repeats` timed passes, each with a fresh copy of the
/// detector. The shared prompt features are computed beforehand and timed on their own
/// (``measureFeatures(batches:needs:settings:repeats:)``): a detector's figure is its own cost.
public enum ThroughputMeter {
    /// A measured speed.
    public struct Figure: Sendable, Hashable, Codable {
        public var requestsPerSecond: Double
        public var nanosecondsPerRequest: Double
    }

    /// Measures `detector` (copied fresh for every pass) over `batches` with their `features`.
    public static func measure(
        _ detector: any Detector, batches: [RequestBatch], features: [PromptFeatures], accounts: [Account], repeats: Int = 5
    ) throws -> Figure {
        let requests = batches.reduce(0) { $0 + $1.count }
        return try median(requests: requests, repeats: repeats) {
            var copy = detector
            var board = ScoreBoard(accounts: accounts.count)
            try copy.begin(accounts: accounts)
            for (batch, batchFeatures) in zip(batches, features) {
                try copy.observe(batch, features: batchFeatures, board: &board)
            }
            try copy.finish(board: &board)
        }
    }

    /// Prompts per second of the shared prompt features `needs`, on one thread.
    public static func measureFeatures(
        batches: [RequestBatch], needs: PromptFeatureSet, settings: PromptFeatureSettings = .standard, repeats: Int = 5
    ) throws -> Figure {
        let requests = batches.reduce(0) { $0 + $1.count }
        return try median(requests: requests, repeats: repeats) {
            for batch in batches { _ = PromptFeatures(of: batch, needs: needs, settings: settings, threads: 1) }
        }
    }

    /// The features `needs` of every batch, for ``measure(_:batches:features:accounts:repeats:)``.
    public static func features(
        of batches: [RequestBatch], needs: PromptFeatureSet, settings: PromptFeatureSettings = .standard, threads: Int = 2
    ) -> [PromptFeatures] {
        batches.map { needs.isEmpty ? .none : PromptFeatures(of: $0, needs: needs, settings: settings, threads: threads) }
    }

    private static func median(requests: Int, repeats: Int, _ pass: () throws -> Void) throws -> Figure {
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for round in 0...max(1, repeats) {
            let elapsed = try clock.measure(pass)
            if round > 0 { seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        seconds.sort()
        let median = max(seconds[seconds.count / 2], 1e-9)
        return Figure(requestsPerSecond: Double(requests) / median, nanosecondsPerRequest: median * 1e9 / Double(max(1, requests)))
    }
}
