import Features
import Traffic

/// Flags accounts by how they sample: the share of requests that ask for more than an answer —
/// log-probabilities with many alternatives, logit-bias entries, several completions, or a
/// single token — the parameters logit-extraction and self-instruct pipelines set (Carlini et
/// al., "Stealing part of a production language model", ICML 2024; Wang et al.,
/// "Self-Instruct", ACL 2023).
///
/// Each request scores the number of these it carries (logprobs; top_logprobs ≥
/// `top_logprobs_floor`; logit bias; n > 1; max_tokens 1), each worth 1. The account's score is
/// its mean per request times min(1, requests / `min_requests`), so a handful of experiments
/// cannot reach it; recorded in steps of 0.01. Default threshold 0.5: half of an account's
/// requests carrying one of the parameters, or a quarter carrying two — set by the rule, not
/// fitted to a trace.
public struct ParameterAbuseDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Requests before an account's share counts in full (default 200).
        public var minimumRequests: Double = 200
        /// top_logprobs from which a request counts as harvesting alternatives (default 10).
        public var topLogprobsFloor: Int = 10

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .number("min_requests", \.minimumRequests, in: 1...1e9, "requests before an account's share counts in full"),
                .integer("top_logprobs_floor", \.topLogprobsFloor, in: 1...20, "top_logprobs from which a request counts"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case minimumRequests = "min_requests"
            case topLogprobsFloor = "top_logprobs_floor"
        }
    }

    public static let catalogName = "parameter-abuse"
    public static let summary = "share of requests with logprobs, top_logprobs ≥ 10, logit bias, n > 1 or max_tokens 1"
    public let settings: Settings
    public let defaultThreshold = 0.5
    public var reads: Set<RequestField> { [.ts, .account, .n, .logitBias, .logprobs, .maxTokens, .topLogprobs] }

    private var requests = PerAccount<Double>(0)
    private var abuse = PerAccount<Double>(0)
    private var steps = ScoreSteps(.additive(0.01), floor: 0.01)

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        let floor = Int32(settings.topLogprobsFloor)
        let minimum = settings.minimumRequests
        for i in 0..<batch.count {
            let account = batch.accounts[i]
            var points = 0.0
            if batch.logprobs[i] { points += 1 }
            if batch.topLogprobs[i] >= floor { points += 1 }
            if batch.logitBiasEntries[i] > 0 { points += 1 }
            if batch.completionCounts[i] > 1 { points += 1 }
            if batch.maxTokens[i] == 1 { points += 1 }
            let count = requests[account] + 1
            let total = abuse[account] + points
            requests[account] = count
            abuse[account] = total
            steps.offer(total / count * min(1, count / minimum), account: account, time: batch.timestamps[i], board: &board)
        }
    }

    private mutating func grow(to count: Int) {
        requests.grow(to: count)
        abuse.grow(to: count)
        steps.grow(to: count)
    }
}
