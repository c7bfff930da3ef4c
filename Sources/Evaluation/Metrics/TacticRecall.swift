/// Recall among the positive accounts of one tactic at an operating point: which kinds of
/// campaign a detector catches (DESIGN §5, breakdown by `AccountTruth.tactic`).
public struct TacticRecall: Sendable, Hashable {
    /// The tactic (the account's own, else its campaign's, else `unknown`).
    public var tactic: String
    /// Positive accounts of the tactic.
    public var positives: Int
    /// Those flagged.
    public var flagged: Int

    public init(tactic: String, positives: Int, flagged: Int) {
        self.tactic = tactic
        self.positives = positives
        self.flagged = flagged
    }

    /// flagged / positives (nil for an empty group, which is never listed).
    public var recall: Double? { positives > 0 ? Double(flagged) / Double(positives) : nil }
}

extension TacticRecall: Codable {
    enum CodingKeys: String, CodingKey { case tactic, positives, flagged, recall }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tactic, forKey: .tactic)
        try container.encode(positives, forKey: .positives)
        try container.encode(flagged, forKey: .flagged)
        try container.encode(recall, forKey: .recall)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            tactic: try container.decode(String.self, forKey: .tactic),
            positives: try container.decode(Int.self, forKey: .positives),
            flagged: try container.decode(Int.self, forKey: .flagged))
    }
}
