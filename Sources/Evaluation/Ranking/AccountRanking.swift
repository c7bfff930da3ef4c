import Detection
import Foundation
import Traffic

/// The ranking of an unlabelled log (issue 10): per detector, the most suspicious accounts with
/// the evidence behind them — no precision or recall, which need a truth.
///
/// Accounts with a score above 0 are ranked by maximum score, then completion tokens, then id.
/// Shares are of the log's requests and completion tokens; the first flag is the time the
/// account's score first reached the detector's default threshold.
public struct AccountRanking: Sendable, Hashable, Codable {
    /// One ranked account.
    public struct Entry: Sendable, Hashable, Codable {
        public var rank: Int
        public var account: String
        public var maxScore: Double
        public var requests: Int
        public var promptTokens: Int
        public var completionTokens: Int
        /// Share of the log's requests.
        public var requestShare: Double
        /// Share of the log's completion tokens.
        public var completionTokenShare: Double
        /// Whether the score reached the default threshold.
        public var flagged: Bool
        /// When it did, Unix epoch ms, and as ISO 8601 (nil when never).
        public var firstFlagMs: Int64?
        public var firstFlag: String?
        /// What the detector holds against the account, if it can say (``ExplainingDetector``).
        public var evidence: [String: String]?

        enum CodingKeys: String, CodingKey {
            case rank, account, requests, flagged, evidence
            case maxScore = "max_score"
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case requestShare = "request_share"
            case completionTokenShare = "completion_token_share"
            case firstFlagMs = "first_flag_ms"
            case firstFlag = "first_flag"
        }
    }

    /// One detector's ranking.
    public struct DetectorRanking: Sendable, Hashable, Codable {
        public var detector: String
        public var defaultThreshold: Double
        /// Accounts with a score above 0, and at or above the default threshold.
        public var scoredAccounts: Int
        public var flaggedAccounts: Int
        /// Why the detector failed, if it did (its ranking holds what it scored before).
        public var failure: String?
        public var top: [Entry]

        enum CodingKeys: String, CodingKey {
            case detector, failure, top
            case defaultThreshold = "default_threshold"
            case scoredAccounts = "scored_accounts"
            case flaggedAccounts = "flagged_accounts"
        }
    }

    /// What was ranked (the log's path or name).
    public var source: String
    public var requests: Int
    public var accounts: Int
    public var completionTokens: Int
    /// First and last request, ISO 8601.
    public var start: String?
    public var end: String?
    /// Why there are no metrics.
    public var metrics: String
    public var detectors: [DetectorRanking]

    enum CodingKeys: String, CodingKey {
        case source, requests, accounts, start, end, metrics, detectors
        case completionTokens = "completion_tokens"
    }

    /// The ranking of `evaluation`'s detectors, `top` accounts each, over `traffic`.
    public init(source: String, evaluation: DetectorEvaluation, traffic: AccountTraffic, top: Int) {
        self.source = source
        let ids = evaluation.accounts.map(\.id)
        requests = traffic.totalRequests
        accounts = ids.count
        completionTokens = traffic.totalCompletionTokens
        start = traffic.span.map { Self.iso($0.lowerBound) }
        end = traffic.span.map { Self.iso($0.upperBound) }
        metrics = evaluation.hasTruth
            ? "see summary.json" : "unavailable: no truth (precision, recall, AP and time to detection need labels)"
        let requestTotal = Double(max(1, requests))
        let tokenTotal = Double(max(1, completionTokens))
        detectors = evaluation.outcomes.map { outcome in
            let scores = outcome.scores
            let threshold = outcome.run.defaultThreshold
            let scored = (0..<scores.accountCount).filter { scores.maxScores[$0] > 0 }
            let ordered = scored.sorted { a, b in
                if scores.maxScores[a] != scores.maxScores[b] { return scores.maxScores[a] > scores.maxScores[b] }
                let (ta, tb) = (traffic.completionTokens(of: a), traffic.completionTokens(of: b))
                if ta != tb { return ta > tb }
                return ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)
            }
            let entries = ordered.prefix(max(0, top)).enumerated().map { rank, account in
                let crossing = threshold > 0 ? scores.firstCrossing(of: account, at: threshold) : nil
                let flagMs = crossing.map { scores.times[$0] }
                let evidence = outcome.run.explainer?.evidence(account: account, accountIDs: ids)
                return Entry(
                    rank: rank + 1, account: ids[account], maxScore: scores.maxScores[account],
                    requests: traffic.requests(of: account), promptTokens: traffic.promptTokens(of: account),
                    completionTokens: traffic.completionTokens(of: account),
                    requestShare: Double(traffic.requests(of: account)) / requestTotal,
                    completionTokenShare: Double(traffic.completionTokens(of: account)) / tokenTotal,
                    flagged: scores.maxScores[account] >= threshold, firstFlagMs: flagMs, firstFlag: flagMs.map(Self.iso),
                    evidence: evidence.flatMap { $0.isEmpty ? nil : $0 })
            }
            return DetectorRanking(
                detector: outcome.run.name, defaultThreshold: threshold, scoredAccounts: scored.count,
                flaggedAccounts: scored.count { scores.maxScores[$0] >= threshold }, failure: outcome.run.failure,
                top: entries)
        }
    }

    /// The JSON of `ranking.json`: sorted keys, indented.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Unix epoch ms as ISO 8601 UTC with milliseconds.
    static func iso(_ milliseconds: Int64) -> String {
        let formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(formatter)
    }
}
