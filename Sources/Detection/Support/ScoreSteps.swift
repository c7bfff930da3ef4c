/// Records an account's score on the board only when it has risen by a step since the last
/// record, so an account's rises stay few (DESIGN §4) while every threshold still sees each
/// crossing to within one step.
public struct ScoreSteps: Sendable {
    /// How far a score must rise before it is recorded again.
    public enum Rule: Sendable, Hashable {
        /// By at least this much (scores on a fixed scale, such as shares).
        case additive(Double)
        /// By at least this factor (scores on an open scale, such as rates against a limit).
        case relative(Double)
    }

    public let rule: Rule
    /// The lowest score recorded at all.
    public let floor: Double
    @usableFromInline var next: PerAccount<Double>

    /// Steps by `rule`, starting at `floor` (scores below it are never recorded).
    public init(_ rule: Rule, floor: Double) {
        self.rule = rule
        self.floor = floor
        next = PerAccount(floor)
    }

    /// Makes room for account codes `0 ..< count`.
    @inlinable public mutating func grow(to count: Int) { next.grow(to: count) }

    /// Records `score` for `account` at `time` if it reached the account's next step.
    @inlinable
    public mutating func offer(_ score: Double, account: UInt32, time: Int64, board: inout ScoreBoard) {
        guard score >= next[account] else { return }
        board.record(account: account, time: time, score: score)
        switch rule {
        case .additive(let step): next[account] = score + step
        case .relative(let factor): next[account] = score * factor
        }
    }
}
