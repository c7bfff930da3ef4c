/// A distillation campaign in a scenario (issue 3): a tactic, its accounts, its budget of
/// exchanges and its time span.
public struct CampaignSpec: Sendable {
    /// Campaign id, unique in the scenario (`truth.json`'s campaign id).
    public var id: String
    /// The tactic it follows.
    public var tactic: Tactic
    /// Accounts at scale 1.
    public var accounts: Int
    /// Exchanges (requests) it sets out to harvest at scale 1.
    public var budget: Int
    /// Start and end, Unix epoch milliseconds.
    public var start: Int64
    public var end: Int64
    /// Its request and identity profile (the tactic's defaults with the scenario's overrides).
    public var profile: PersonaProfile
    /// How its accounts are coordinated.
    public var coordination: Coordination
    /// The benign persona it copies (mimic) or whose traffic it rides (reseller-mix).
    public var cover: Persona?
    /// How carefully it hides.
    public var sophistication: Sophistication
    /// How it reacts to enforcement in a closed loop (nil: its banned accounts stop).
    public var adaptation: Adaptation?

    public init(
        id: String, tactic: Tactic, accounts: Int, budget: Int, start: Int64, end: Int64,
        profile: PersonaProfile? = nil, coordination: Coordination? = nil, cover: Persona? = nil,
        sophistication: Sophistication = .naive
    ) {
        self.id = id
        self.tactic = tactic
        self.accounts = accounts
        self.budget = budget
        self.start = start
        self.end = end
        self.cover = cover ?? tactic.defaultCover
        self.sophistication = sophistication
        self.profile = profile ?? tactic.profile(cover: self.cover, level: sophistication)
        self.coordination = coordination ?? tactic.coordination(level: sophistication)
    }

    /// Requests per day each account must send to spend the budget over the span.
    public var requestsPerAccountPerDay: Double {
        let days = Double(max(1, end - start)) / 86_400_000
        return Double(budget) / Double(max(1, accounts)) / days
    }
}
