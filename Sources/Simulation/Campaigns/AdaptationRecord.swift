/// One thing a campaign did or suffered in a closed loop, for the results: an account lost, a
/// replacement put to work, a slow-down, a rotation, a switch of tactic, or running out.
public struct AdaptationRecord: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case lost
        case replaced(cost: Double)
        case slowedDown
        case rotated
        case switched(String)
        case outOfAccounts
        case outOfMoney

        /// Whether it put a replacement to work.
        public var isReplacement: Bool {
            if case .replaced = self { true } else { false }
        }

        /// The name results files use.
        public var name: String {
            switch self {
            case .lost: "lost"
            case .replaced: "replaced"
            case .slowedDown: "slowed-down"
            case .rotated: "rotated"
            case .switched(let tactic): "switched-to-\(tactic)"
            case .outOfAccounts: "out-of-accounts"
            case .outOfMoney: "out-of-money"
            }
        }
    }

    /// When, ms (a replacement: its first possible request).
    public var time: Double
    /// The campaign, in scenario order.
    public var campaign: Int
    public var kind: Kind
    /// The account concerned (its code), if one.
    public var account: UInt32?
}
