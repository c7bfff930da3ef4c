import Traffic

/// Where a detector records its suspicion of accounts (DESIGN §4): each time an account's
/// score rises above its running maximum, the time and the new score.
///
/// Scores are ≥ 0 and only the running maximum counts, so for every threshold τ the
/// evaluator knows exactly whether and when an account was flagged (the first change point
/// with score ≥ τ) from one pass. Memory grows with the number of rises, which detectors keep
/// small by scoring in steps.
public struct ScoreBoard: Sendable {
    /// One rise of an account's running maximum.
    public struct ChangePoint: Sendable, Hashable {
        public var account: UInt32
        /// Time of the request that raised it, Unix epoch ms.
        public var time: Int64
        public var score: Double

        public init(account: UInt32, time: Int64, score: Double) {
            self.account = account
            self.time = time
            self.score = score
        }
    }

    /// Every rise, in the order recorded (non-decreasing time).
    public private(set) var changePoints: [ChangePoint] = []
    /// The running maximum per account code (0 for accounts never scored).
    public private(set) var maxScores: [Double]

    /// A board for `accounts` accounts (codes 0 ..< accounts); more are added as seen.
    public init(accounts: Int) {
        maxScores = [Double](repeating: 0, count: accounts)
    }

    /// Records that `account`'s suspicion is `score` at `time`; kept only if it is a new maximum.
    public mutating func record(account: UInt32, time: Int64, score: Double) {
        let index = Int(account)
        if index >= maxScores.count { maxScores.append(contentsOf: repeatElement(0, count: index + 1 - maxScores.count)) }
        guard score > maxScores[index], score.isFinite else { return }
        maxScores[index] = score
        changePoints.append(ChangePoint(account: account, time: time, score: score))
    }

    /// The current maximum of `account`.
    public func score(of account: UInt32) -> Double {
        Int(account) < maxScores.count ? maxScores[Int(account)] : 0
    }
}
