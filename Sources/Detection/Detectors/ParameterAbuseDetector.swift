import Traffic

/// Flags accounts by how they sample: the share of requests that ask for more than an answer —
/// log-probabilities with many alternatives, logit-bias entries, several completions, or a
/// single token — the parameters logit-extraction and self-instruct pipelines set (Carlini et
/// al., "Stealing part of a production language model", ICML 2024; Wang et al.,
/// "Self-Instruct", ACL 2023).
///
/// Each request scores the number of these it carries (logprobs; top_logprobs ≥ 10; logit
/// bias; n > 1; max_tokens 1), each worth 1. The account's score is its mean per request times
/// min(1, requests / `minimumRequests`), so a handful of experiments cannot reach it; recorded
/// in steps of 0.01.
public struct ParameterAbuseDetector: Detector {
    /// The detector's parameters.
    public struct Configuration: Sendable, Hashable {
        /// Requests before an account's share counts in full (default 200).
        public var minimumRequests: Double = 200
        /// top_logprobs from which a request counts as harvesting alternatives (default 10).
        public var topLogprobsFloor: Int32 = 10

        public init() {}
    }

    public let name = "parameter-abuse"
    /// Half of an account's requests carrying one of the parameters, or a quarter carrying two.
    public let defaultThreshold = 0.5
    public let settings: Configuration

    private var requests: [Double] = []
    private var abuse: [Double] = []
    private var nextStep: [Double] = []

    public init(_ configuration: Configuration = Configuration()) {
        settings = configuration
    }

    public var configuration: [String: String] {
        ["minimum_requests": "\(settings.minimumRequests)", "top_logprobs_floor": "\(settings.topLogprobsFloor)"]
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        let floor = settings.topLogprobsFloor
        let minimum = settings.minimumRequests
        for i in 0..<batch.count {
            let account = Int(batch.accounts[i])
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
            let score = total / count * min(1, count / minimum)
            if score >= nextStep[account] {
                board.record(account: batch.accounts[i], time: batch.timestamps[i], score: score)
                nextStep[account] = score + 0.01
            }
        }
    }

    private mutating func grow(to count: Int) {
        guard count > requests.count else { return }
        let extra = count - requests.count
        requests.append(contentsOf: repeatElement(0, count: extra))
        abuse.append(contentsOf: repeatElement(0, count: extra))
        nextStep.append(contentsOf: repeatElement(0.01, count: extra))
    }
}
