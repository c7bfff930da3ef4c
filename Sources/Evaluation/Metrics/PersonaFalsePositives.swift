/// The false-positive rate among the benign accounts of one persona at an operating point:
/// which customers a detector would block (DESIGN §5). Decoy personas — benign but
/// suspicious-looking, the hard negatives — are marked.
public struct PersonaFalsePositives: Sendable, Hashable {
    /// The persona (`unknown` when the truth names none).
    public var persona: String
    /// Whether these accounts are decoys (accounts of one persona are grouped by this flag too).
    public var decoy: Bool
    /// Benign accounts of the group.
    public var accounts: Int
    /// Those flagged.
    public var flagged: Int

    public init(persona: String, decoy: Bool, accounts: Int, flagged: Int) {
        self.persona = persona
        self.decoy = decoy
        self.accounts = accounts
        self.flagged = flagged
    }

    /// flagged / accounts (nil for an empty group, which is never listed).
    public var falsePositiveRate: Double? { accounts > 0 ? Double(flagged) / Double(accounts) : nil }
}

extension PersonaFalsePositives: Codable {
    enum CodingKeys: String, CodingKey { case persona, decoy, accounts, flagged, fpr }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(persona, forKey: .persona)
        try container.encode(decoy, forKey: .decoy)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(flagged, forKey: .flagged)
        try container.encode(falsePositiveRate, forKey: .fpr)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            persona: try container.decode(String.self, forKey: .persona),
            decoy: try container.decode(Bool.self, forKey: .decoy),
            accounts: try container.decode(Int.self, forKey: .accounts),
            flagged: try container.decode(Int.self, forKey: .flagged))
    }
}
