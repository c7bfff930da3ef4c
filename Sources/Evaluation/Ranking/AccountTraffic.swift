import Traffic

/// Per account: requests, prompt and completion tokens seen in one pass over a replay.
public struct AccountTraffic: Sendable, Hashable {
    public private(set) var requests: [Int] = []
    public private(set) var promptTokens: [Int] = []
    public private(set) var completionTokens: [Int] = []
    /// Time of the first and last request of the pass (nil before any).
    public private(set) var span: ClosedRange<Int64>?

    public init() {}

    /// Adds the requests of `batch`.
    public mutating func add(_ batch: RequestBatch) {
        let count = batch.accountNames.count
        if requests.count < count {
            let added = count - requests.count
            requests += repeatElement(0, count: added)
            promptTokens += repeatElement(0, count: added)
            completionTokens += repeatElement(0, count: added)
        }
        for i in 0..<batch.count {
            let account = Int(batch.accounts[i])
            requests[account] += 1
            promptTokens[account] += Int(max(0, batch.promptTokens[i]))
            completionTokens[account] += Int(max(0, batch.completionTokens[i]))
        }
        if let first = batch.timestamps.first, let last = batch.timestamps.last {
            span = span.map { min($0.lowerBound, first)...max($0.upperBound, last) } ?? first...last
        }
    }

    /// Requests of `account` (0 for one never seen).
    public func requests(of account: Int) -> Int { account < requests.count ? requests[account] : 0 }
    /// Completion tokens of `account`.
    public func completionTokens(of account: Int) -> Int { account < completionTokens.count ? completionTokens[account] : 0 }
    /// Prompt tokens of `account`.
    public func promptTokens(of account: Int) -> Int { account < promptTokens.count ? promptTokens[account] : 0 }

    /// Requests in all.
    public var totalRequests: Int { requests.reduce(0, +) }
    /// Completion tokens in all.
    public var totalCompletionTokens: Int { completionTokens.reduce(0, +) }
}
