import Traffic

/// Flags accounts by how much they take: requests and completion tokens per account in a
/// sliding window, the first rule providers apply against bulk harvesting (rate limits;
/// [Report26]'s "massive data pull").
///
/// The window is exponentially weighted (time constant ``Configuration/window``), so each
/// account needs two decayed counters instead of a ring of buckets: a request at time t adds
/// 1 to the count after it has decayed by exp(−Δt/window). The score is the larger of
/// count/`requestLimit` and tokens/`tokenLimit`; 1 means "at the limit". Scores are recorded
/// in steps of 2 % so an account's rises stay few.
public struct VolumeDetector: Detector {
    /// The detector's parameters.
    public struct Configuration: Sendable, Hashable {
        /// Time constant of the sliding window, ms (default one hour).
        public var window: Double = 3_600_000
        /// Requests per window that score 1 (default 600 an hour: 10 a minute, sustained).
        public var requestLimit: Double = 600
        /// Completion tokens per window that score 1 (default 400,000 an hour).
        public var tokenLimit: Double = 400_000

        public init() {}
    }

    public let name = "volume"
    /// At the configured limits.
    public let defaultThreshold = 1.0
    public let settings: Configuration

    private var lastTime: [Int64] = []
    private var requests: [Double] = []
    private var tokens: [Double] = []
    private var nextStep: [Double] = []

    public init(_ configuration: Configuration = Configuration()) {
        settings = configuration
    }

    public var configuration: [String: String] {
        ["window_ms": "\(settings.window)", "request_limit": "\(settings.requestLimit)", "token_limit": "\(settings.tokenLimit)"]
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        let inverseWindow = 1 / settings.window
        let requestScale = 1 / settings.requestLimit
        let tokenScale = 1 / settings.tokenLimit
        batch.timestamps.withUnsafeBufferPointer { times in
            batch.accounts.withUnsafeBufferPointer { accounts in
                batch.completionTokens.withUnsafeBufferPointer { completions in
                    for i in 0..<times.count {
                        let account = Int(accounts[i])
                        let time = times[i]
                        let decay = exp(-Double(time - lastTime[account]) * inverseWindow)
                        lastTime[account] = time
                        let count = requests[account] * decay + 1
                        let served = tokens[account] * decay + Double(completions[i])
                        requests[account] = count
                        tokens[account] = served
                        let score = max(count * requestScale, served * tokenScale)
                        if score >= nextStep[account] {
                            board.record(account: accounts[i], time: time, score: score)
                            nextStep[account] = score * 1.02
                        }
                    }
                }
            }
        }
    }

    private mutating func grow(to count: Int) {
        guard count > lastTime.count else { return }
        let extra = count - lastTime.count
        lastTime.append(contentsOf: repeatElement(0, count: extra))
        requests.append(contentsOf: repeatElement(0, count: extra))
        tokens.append(contentsOf: repeatElement(0, count: extra))
        nextStep.append(contentsOf: repeatElement(0.02, count: extra))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
