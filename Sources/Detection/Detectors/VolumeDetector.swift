import Features
import Traffic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags accounts by how much they take: requests and completion tokens per account in a
/// sliding window, the first rule providers apply against bulk harvesting (rate limits;
/// [Report26]'s "massive data pull").
///
/// The window is exponentially weighted (time constant `window_ms`), so each account needs two
/// decayed counters instead of a ring of buckets: a request at time t adds 1 to the count after
/// it has decayed by exp(−Δt/window). The score is the larger of count/`request_limit` and
/// tokens/`token_limit`; 1 means "at the limit", the default threshold — the limits are a
/// provider's published tier-1 rate limits, not fitted to any trace. Scores are recorded in
/// steps of 2 %.
public struct VolumeDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Time constant of the sliding window, ms (default one hour).
        public var window: Double = 3_600_000
        /// Requests per window that score 1 (default 600 an hour: 10 a minute, sustained).
        public var requestLimit: Double = 600
        /// Completion tokens per window that score 1 (default 400,000 an hour).
        public var tokenLimit: Double = 400_000

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .number("window_ms", \.window, in: 1_000...31_536_000_000, "time constant of the sliding window, ms"),
                .number("request_limit", \.requestLimit, in: .leastNonzeroMagnitude ... .greatestFiniteMagnitude, "requests per window that score 1"),
                .number("token_limit", \.tokenLimit, in: .leastNonzeroMagnitude ... .greatestFiniteMagnitude, "completion tokens per window that score 1"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case window = "window_ms"
            case requestLimit = "request_limit"
            case tokenLimit = "token_limit"
        }
    }

    public static let catalogName = "volume"
    public static let summary = "requests and completion tokens per account in a sliding hour, against limits"
    public let settings: Settings
    /// At the configured limits.
    public let defaultThreshold = 1.0
    public var reads: Set<RequestField> { [.ts, .account, .completionTokens] }

    private var lastTime = PerAccount<Int64>(0)
    private var requests = PerAccount<Double>(0)
    private var tokens = PerAccount<Double>(0)
    private var steps = ScoreSteps(.relative(1.02), floor: 0.02)

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        let inverseWindow = 1 / settings.window
        let requestScale = 1 / settings.requestLimit
        let tokenScale = 1 / settings.tokenLimit
        for i in 0..<batch.count {
            let account = batch.accounts[i]
            let time = batch.timestamps[i]
            let decay = exp(-Double(time - lastTime[account]) * inverseWindow)
            lastTime[account] = time
            let count = requests[account] * decay + 1
            let served = tokens[account] * decay + Double(batch.completionTokens[i])
            requests[account] = count
            tokens[account] = served
            steps.offer(max(count * requestScale, served * tokenScale), account: account, time: time, board: &board)
        }
    }

    private mutating func grow(to count: Int) {
        lastTime.grow(to: count)
        requests.grow(to: count)
        tokens.grow(to: count)
        steps.grow(to: count)
    }
}
