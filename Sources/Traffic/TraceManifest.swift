/// `manifest.json`: what produced a trace and what it holds (DESIGN §2).
public struct TraceManifest: Sendable, Hashable, Codable {
    /// The trace layout version this harness writes and reads.
    public static let currentSchemaVersion = 1

    /// Scenario name (empty for a real log).
    public var scenario: String
    /// SHA-256 of the scenario file's bytes, hex.
    public var scenarioHash: String
    /// Master seed the trace was generated with.
    public var seed: UInt64
    /// Scale factor applied to account counts and budgets.
    public var scale: Double
    /// DistillBench version that wrote it.
    public var harnessVersion: String
    /// Trace layout version.
    public var schemaVersion: Int
    /// `jsonl` or `csv`.
    public var format: String
    /// Number of requests.
    public var requests: Int
    /// Number of accounts.
    public var accounts: Int
    /// Number of campaigns in the ground truth.
    public var campaigns: Int
    /// Scenario start and end, Unix epoch milliseconds.
    public var start: Int64
    public var end: Int64
    /// Time of the first and last request (0 when there is none).
    public var firstRequest: Int64
    public var lastRequest: Int64

    public init(
        scenario: String, scenarioHash: String, seed: UInt64, scale: Double,
        harnessVersion: String, schemaVersion: Int = TraceManifest.currentSchemaVersion,
        format: String, requests: Int, accounts: Int, campaigns: Int, start: Int64, end: Int64,
        firstRequest: Int64, lastRequest: Int64
    ) {
        self.scenario = scenario
        self.scenarioHash = scenarioHash
        self.seed = seed
        self.scale = scale
        self.harnessVersion = harnessVersion
        self.schemaVersion = schemaVersion
        self.format = format
        self.requests = requests
        self.accounts = accounts
        self.campaigns = campaigns
        self.start = start
        self.end = end
        self.firstRequest = firstRequest
        self.lastRequest = lastRequest
    }

    enum CodingKeys: String, CodingKey {
        case scenario
        case scenarioHash = "scenario_hash"
        case seed, scale
        case harnessVersion = "harness_version"
        case schemaVersion = "schema_version"
        case format, requests, accounts, campaigns, start, end
        case firstRequest = "first_request"
        case lastRequest = "last_request"
    }
}
