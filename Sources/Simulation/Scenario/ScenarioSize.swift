import Foundation

/// The expected size of a scenario's trace at a scale, known before generating (issue 8,
/// item 3), and the limits beyond which the tool refuses to generate it.
///
/// Requests are expected values: each population's accounts × its mean requests a day × the
/// scenario's days, plus each campaign's budget (and, for reseller-mix, its cover traffic).
/// Bytes are requests × ``bytesPerRequest`` plus accounts × ``bytesPerAccount``. All arithmetic
/// is in `Double`, so no scenario, however large, can overflow it.
public struct ScenarioSize: Sendable, Hashable {
    /// Accounts in the account table.
    public var accounts: Double
    /// Expected requests.
    public var requests: Double
    /// Expected bytes of the JSONL trace directory.
    public var bytes: Double

    /// Mean bytes of one JSONL request line (measured on `quickstart.yaml`: 453 MB / 0.68 M).
    public static let bytesPerRequest = 670.0
    /// Bytes of one account in `accounts.jsonl`, `truth.json` and `request_labels.csv`
    /// (measured on `quickstart.yaml`: 0.97 MB / 2,032 accounts, labels counted per request).
    public static let bytesPerAccount = 500.0

    /// Limits a run may pass only with `--allow-large`.
    public struct Limits: Sendable, Hashable {
        public var accounts: Double
        public var requests: Double
        public var bytes: Double

        /// The defaults: 5 M accounts, 50 M requests, 40 GB — twice the largest shipped scenario
        /// (`hydra-2026.yaml`, 23.5 M requests) and the 1 M-account scale benchmark.
        public static let `default` = Limits(accounts: 5e6, requests: 5e7, bytes: 4e10)
        /// What the generator can represent at all (account codes are 32-bit; counts are `Int`):
        /// beyond these, even `--allow-large` is refused.
        public static let absolute = Limits(accounts: 2e9, requests: 1e15, bytes: 1e18)
    }

    /// The size of `scenario` at `scale`.
    public init(_ scenario: Scenario, scale: Double = 1) {
        let days = Double(scenario.duration) / 86_400_000
        var accounts = 0.0
        var requests = 0.0
        for population in scenario.populations {
            let count = (Double(population.accounts) * scale).rounded()
            accounts += count
            requests += count * Self.meanRequestsPerDay(population.profile) * days
        }
        for campaign in scenario.campaigns {
            let count = campaign.accounts > 0 ? max(1, (Double(campaign.accounts) * scale).rounded()) : 0
            accounts += count
            // Stock accounts for replacements are registered from the start (``Adaptation``).
            if let replace = campaign.adaptation?.replace {
                accounts += (Double(replace.reserve ?? campaign.accounts) * scale).rounded()
            }
            requests += (Double(campaign.budget) * scale).rounded()
            if campaign.tactic == .resellerMix, let cover = campaign.cover {
                let span = Double(campaign.end - campaign.start) / 86_400_000
                requests += count * Self.meanRequestsPerDay(cover.defaultProfile) * span
            }
        }
        self.accounts = accounts
        self.requests = requests
        bytes = requests * Self.bytesPerRequest + accounts * Self.bytesPerAccount
    }

    /// An account's mean requests a day: `requests_per_day` is the median of a lognormal volume
    /// of spread `volume_sigma` (PopulationBuilder), whose mean is exp(σ²/2) times the median.
    static func meanRequestsPerDay(_ profile: PersonaProfile) -> Double {
        profile.arrival.requestsPerDay * exp(profile.arrival.volumeSigma * profile.arrival.volumeSigma / 2)
    }

    /// The first limit this size exceeds, or nil.
    public func excess(of limits: Limits) -> String? {
        if !(accounts <= limits.accounts) {
            return "\(Self.count(accounts)) accounts (limit \(Self.count(limits.accounts)))"
        }
        if !(requests <= limits.requests) {
            return "\(Self.count(requests)) requests (limit \(Self.count(limits.requests)))"
        }
        if !(bytes <= limits.bytes) { return "\(Self.bytes(bytes)) (limit \(Self.bytes(limits.bytes)))" }
        return nil
    }

    /// Checks this size against the default limits (lifted by `allowLarge`) and the absolute ones.
    ///
    /// - Throws: ``ScenarioError`` naming the scenario file and the figure over its limit.
    public func check(file: String, allowLarge: Bool) throws(ScenarioError) {
        if let excess = excess(of: .absolute) {
            throw ScenarioError(
                file: file, line: nil, keyPath: "",
                message: "too large to generate: \(excess), beyond what the generator can represent")
        }
        if !allowLarge, let excess = excess(of: .default) {
            throw ScenarioError(
                file: file, line: nil, keyPath: "",
                message: "estimated \(excess); lower --scale or pass --allow-large")
        }
    }

    /// One line: `≈ 2,032 accounts, 0.68 M requests, 455 MB`.
    public var summary: String {
        "≈ \(Self.count(accounts)) accounts, \(Self.count(requests)) requests, \(Self.bytes(bytes))"
    }

    static func count(_ value: Double) -> String {
        switch value {
        case ..<1e4: return String(Int(value.rounded()))
        case ..<1e6: return String(Int((value / 1e3).rounded())) + " k"
        case ..<1e9: return decimal(value / 1e6) + " M"
        case ..<1e12: return decimal(value / 1e9) + " G"
        default: return scientific(value)
        }
    }

    static func bytes(_ value: Double) -> String {
        switch value {
        case ..<1e6: return String(Int((value / 1e3).rounded())) + " kB"
        case ..<1e9: return String(Int((value / 1e6).rounded())) + " MB"
        case ..<1e12: return decimal(value / 1e9) + " GB"
        case ..<1e15: return decimal(value / 1e12) + " TB"
        default: return scientific(value) + " B"
        }
    }

    private static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return value < 100 ? "\(tenths / 10).\(tenths % 10)" : String(Int(value.rounded()))
    }

    private static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        var exponent = 0
        var mantissa = value
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return "\(decimal(mantissa))e\(exponent)"
    }
}
