/// The truth about one account: its label and what generated it.
public struct AccountTruth: Sendable, Hashable, Codable {
    /// The account id.
    public var account: String
    /// Benign, adversarial or mixed.
    public var label: Label
    /// The benign persona that generated its genuine traffic, if any.
    public var persona: String?
    /// The campaign tactic that generated its adversarial traffic, if any.
    public var tactic: String?
    /// The campaign it belongs to, if any.
    public var campaign: String?
    /// A benign account of a suspicious-looking persona: a hard negative.
    public var decoy: Bool

    public init(
        account: String, label: Label, persona: String? = nil, tactic: String? = nil,
        campaign: String? = nil, decoy: Bool = false
    ) {
        self.account = account
        self.label = label
        self.persona = persona
        self.tactic = tactic
        self.campaign = campaign
        self.decoy = decoy
    }
}
