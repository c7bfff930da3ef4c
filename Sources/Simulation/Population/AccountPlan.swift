/// What one account is fixed to for the whole run, drawn once when its population is built:
/// its identity on the wire and its habits. The actor reads it; nothing here changes.
struct AccountPlan: Sendable {
    /// Position of the account in the account table (sorted by id): the tie-break order.
    var rank: UInt32
    /// Creation order over all populations; part of request ids.
    var ordinal: UInt64
    /// Seed of the account's own random stream.
    var seed: UInt64
    /// Index of its population's ``PersonaRuntime``.
    var runtime: Int
    /// When it may first send (the later of its creation and the scenario or campaign start), ms.
    var firstActive: Int64
    /// When it stops sending (the scenario or campaign end), ms.
    var lastActive: Int64
    /// Seed of the per-day activity coin (shared by a synchronized campaign's accounts).
    var daySeed: UInt64
    /// Chance that a request leaves from another of its prefixes than its first.
    var networkRotation: Double
    /// Index of the campaign this actor's requests belong to, or -1 for genuine traffic.
    var campaign: Int32
    /// Where its topic sweep starts (a campaign splitting topics between accounts), or nil.
    var sweepStart: Int?
    /// The key of its topic sweep's permutation, shared by a campaign's accounts, or nil (drawn).
    var sweepSeed: UInt64? = nil
    /// Seed of the names and products its pasted context mentions: its organisation's, so that
    /// accounts of one organisation talk about the same things.
    var entitySeed: UInt64? = nil
    /// Median-scaled requests per day of this account.
    var requestsPerDay: Double
    /// Requests a campaign account sends in all (its share of the budget), or nil for genuine
    /// traffic: the actor paces itself to spend it over its span and stops when it is spent.
    var quota: Int? = nil
    /// Offset of the account's local time from UTC, hours.
    var utcOffsetHours: Int
    /// Symbol codes of its API keys.
    var keys: [UInt32]
    /// Symbol codes of its network prefixes and their AS numbers.
    var networks: [Network]
    /// Symbol codes of its user agent and TLS fingerprint.
    var userAgent: UInt32
    var tlsFingerprint: UInt32
    /// Symbol codes of its system-prompt hashes (the empty string's code among them when it
    /// sometimes sends none).
    var systemPrompts: [UInt32]
    /// Multiplier of its token counts (1 for personas calibrated at service level).
    var tokenMultiplier: Double
    /// Its own rates of optional request features.
    var habits: AccountHabits
    /// Temperature it habitually sends.
    var temperature: Double
    /// `max_tokens` it sends when it sets one.
    var maxTokens: Int32
    /// How long it waits before adopting a newly released model, ms.
    var adoptionDelay: Double
    /// Index of the model family it prefers (into ``PersonaRuntime/families``).
    var preferredFamily: Int
    /// Whether it is a campaign's stock account, idle until the campaign replaces a lost one
    /// (``Adaptation/Replace``).
    var dormant = false
    /// The fresh proxies and client it moves to when its campaign rotates, or nil.
    var rotated: WireIdentity? = nil

    /// Its networks and client as planned.
    var wire: WireIdentity { WireIdentity(networks: networks, userAgent: userAgent, tlsFingerprint: tlsFingerprint) }

    struct Network: Sendable {
        var ip: UInt32
        var asn: UInt32
    }
}
