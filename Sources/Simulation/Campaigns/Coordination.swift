/// How a campaign coordinates its accounts: the shared infrastructure and schedules that
/// published reports describe (shared payment methods, proxy networks, sign-up waves,
/// synchronized timing, shared templates). The defaults are an uncoordinated campaign.
public struct Coordination: Sendable, Hashable {
    /// Mean number of accounts paying with one instrument (1: each its own).
    public var paymentClusterSize: Double = 1
    /// Network prefixes in the campaign's proxy pool (0: accounts use their own networks).
    public var proxyPoolSize: Double = 0
    /// Chance that a request leaves from another of the account's prefixes than its first.
    public var networkRotation: Double = 0.2
    /// Sign-up waves (0: accounts are created like benign ones).
    public var creationWaves: Double = 0
    /// Width of each sign-up wave, hours.
    public var creationWindowHours: Double = 6
    /// The waves fall within this many days before the campaign starts.
    public var leadDays: Double = 14
    /// System prompts shared by all members (0: each account draws its own).
    public var sharedSystemPrompts: Double = 0
    /// Whether members share a time zone and the same idle days (a synchronized schedule).
    public var synchronized: Bool = false
    /// Whether members split the topic sweep between them (each starts at its own share).
    public var partitionTopics: Bool = false
    /// Share of accounts that move to a new model fast (model migration).
    public var migrationShare: Double = 0
    /// Median delay of those fast movers after a release, hours.
    public var migrationDelayHours: Double = 6

    public init() {}

    /// A knob a scenario file may set under a campaign's `params:`.
    public struct Knob: Sendable {
        public var keyPath: any WritableKeyPath<Coordination, Double> & Sendable
        public var range: ClosedRange<Double>
    }

    /// The coordination knobs by their YAML names (booleans are written 0 or 1).
    public static let knobs: [String: Knob] = [
        "payment_cluster_size": Knob(keyPath: \.paymentClusterSize, range: 1...100_000),
        "proxy_pool_size": Knob(keyPath: \.proxyPoolSize, range: 0...10_000_000),
        "network_rotation": Knob(keyPath: \.networkRotation, range: 0...1),
        "creation_waves": Knob(keyPath: \.creationWaves, range: 0...1_000),
        "creation_window_h": Knob(keyPath: \.creationWindowHours, range: 0.01...10_000),
        "lead_days": Knob(keyPath: \.leadDays, range: 0...3_650),
        "shared_system_prompts": Knob(keyPath: \.sharedSystemPrompts, range: 0...1_000),
        "synchronized": Knob(keyPath: \.synchronizedValue, range: 0...1),
        "partition_topics": Knob(keyPath: \.partitionTopicsValue, range: 0...1),
        "migration_share": Knob(keyPath: \.migrationShare, range: 0...1),
        "migration_delay_h": Knob(keyPath: \.migrationDelayHours, range: 0.01...10_000),
    ]

    var synchronizedValue: Double {
        get { synchronized ? 1 : 0 }
        set { synchronized = newValue >= 0.5 }
    }

    var partitionTopicsValue: Double {
        get { partitionTopics ? 1 : 0 }
        set { partitionTopics = newValue >= 0.5 }
    }
}
