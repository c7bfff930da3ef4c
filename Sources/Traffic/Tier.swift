/// An account's billing tier, as providers publish them (usage tiers 1–5 raise rate limits).
public enum Tier: String, Sendable, Hashable, Codable, CaseIterable {
    case free, tier1, tier2, tier3, tier4, tier5, enterprise, edu
}
