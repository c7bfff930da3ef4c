/// What an account really is (DESIGN §2, `truth.json`). Positive for the metrics: `adversarial`
/// and `mixed` (DESIGN §5).
public enum Label: String, Sendable, Hashable, Codable, CaseIterable {
    /// A genuine customer.
    case benign
    /// An account run by a distillation campaign.
    case adversarial
    /// A reseller account that carries genuine end-user traffic and a campaign's traffic.
    case mixed

    /// Whether the metrics count the account as a positive.
    public var isPositive: Bool { self != .benign }
}
