import Detection

/// A detector's change points grouped by account: for every account, the times at which its
/// running maximum score rose and the new maxima (DESIGN §4).
///
/// Every account of the account table is present; one never scored has no change point and a
/// maximum of 0 (DESIGN §5). For threshold τ > 0 an account is flagged iff its maximum is ≥ τ,
/// at `t_τ(a)`, the time of its first change point with a score ≥ τ. For τ ≤ 0 every account is
/// flagged from the start (its score was 0 before any request): `t_τ(a) = −∞`.
///
/// Stored as compressed rows (one offset per account into flat time and score columns), so memory
/// grows with accounts plus change points. Within an account, times are non-decreasing and scores
/// strictly increasing.
public struct ScoreHistory: Sendable, Hashable {
    /// The number of accounts (codes `0 ..< accountCount`).
    public let accountCount: Int
    /// The change points of account `a` are at indices `offsets[a] ..< offsets[a + 1]`.
    public let offsets: [Int]
    /// Time of each change point, Unix epoch ms.
    public let times: [Int64]
    /// The new maximum at each change point.
    public let scores: [Double]
    /// The maximum score per account (0 for accounts never scored).
    public let maxScores: [Double]

    /// The history of `changePoints` (any order) over an account table of `accountCount` accounts.
    ///
    /// Change points are ordered by time within each account (stably, so equal times keep the
    /// recorded order); then only rises of the running maximum are kept, as ``ScoreBoard`` does:
    /// non-finite, non-positive or non-rising scores are dropped.
    ///
    /// - Throws: ``MetricsError/accountCodeOutOfRange(code:accounts:)`` for a change point of an
    ///   account outside the table.
    public init(accountCount: Int, changePoints: [ScoreBoard.ChangePoint]) throws(MetricsError) {
        var counts = [Int](repeating: 0, count: accountCount + 1)
        for point in changePoints {
            guard Int(point.account) < accountCount else {
                throw .accountCodeOutOfRange(code: point.account, accounts: accountCount)
            }
            counts[Int(point.account) + 1] += 1
        }
        for index in 0..<accountCount { counts[index + 1] += counts[index] }
        // Counting sort by account, stable: each account's points keep the recorded order.
        var order = [Int](repeating: 0, count: changePoints.count)
        var next = counts
        for (index, point) in changePoints.enumerated() {
            order[next[Int(point.account)]] = index
            next[Int(point.account)] += 1
        }
        var offsets = [Int](repeating: 0, count: accountCount + 1)
        var times: [Int64] = []
        var scores: [Double] = []
        var maxScores = [Double](repeating: 0, count: accountCount)
        times.reserveCapacity(changePoints.count)
        scores.reserveCapacity(changePoints.count)
        for account in 0..<accountCount {
            var slice = order[counts[account]..<counts[account + 1]].map { changePoints[$0] }
            if zip(slice, slice.dropFirst()).contains(where: { $0.time > $1.time }) {
                slice = slice.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                    .map(\.element)
            }
            var maximum = 0.0
            for point in slice where point.score.isFinite && point.score > maximum {
                maximum = point.score
                times.append(point.time)
                scores.append(point.score)
            }
            maxScores[account] = maximum
            offsets[account + 1] = times.count
        }
        self.accountCount = accountCount
        self.offsets = offsets
        self.times = times
        self.scores = scores
        self.maxScores = maxScores
    }

    /// The history recorded on `board` over an account table of `accountCount` accounts.
    ///
    /// - Throws: ``MetricsError/accountCodeOutOfRange(code:accounts:)`` if the board scored an
    ///   account outside the table.
    public init(board: ScoreBoard, accountCount: Int) throws(MetricsError) {
        try self.init(accountCount: accountCount, changePoints: board.changePoints)
    }

    /// The number of change points kept.
    public var changePointCount: Int { times.count }

    /// The change-point indices of `account`.
    @inlinable public func changePoints(of account: Int) -> Range<Int> { offsets[account]..<offsets[account + 1] }

    /// The index of `account`'s first change point with a score ≥ `threshold`, or nil if its
    /// maximum stays below. For `threshold` ≤ 0 the answer is its first change point (if any),
    /// although the account is flagged from the start; see ``isFlaggedFromStart(at:)``.
    @inlinable public func firstCrossing(of account: Int, at threshold: Double) -> Int? {
        var low = offsets[account]
        var high = offsets[account + 1]
        while low < high {
            let middle = (low + high) / 2
            if scores[middle] >= threshold { high = middle } else { low = middle + 1 }
        }
        return low < offsets[account + 1] ? low : nil
    }

    /// Whether `threshold` flags every account from before its first request (τ ≤ 0).
    @inlinable public static func isFlaggedFromStart(at threshold: Double) -> Bool { threshold <= 0 }
}
