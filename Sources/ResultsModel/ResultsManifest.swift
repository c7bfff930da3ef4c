/// `manifest.json` of a results folder (DESIGN §6): what ran — scenarios or trace, seeds,
/// detector configurations, version and machine. Versioned: ``formatVersion``.
public struct ResultsManifest: Sendable, Hashable, Codable {
    /// A scenario run, by name and content hash.
    public struct Scenario: Sendable, Hashable, Codable {
        public var name: String
        public var sha256: String
        /// The scenario's scale, when the scenarios of a run have different scales (else ``ResultsManifest/scale``).
        public var scale: Double?

        public init(name: String, sha256: String, scale: Double? = nil) {
            self.name = name
            self.sha256 = sha256
            self.scale = scale
        }
    }

    /// One detector's configuration as run.
    public struct Detector: Sendable, Hashable, Codable {
        public var name: String
        public var parameters: [String: JSONValue]
        public var defaultThreshold: Double
        /// The shared prompt features it asked for.
        public var features: [String]
        /// `ok`, `error` or `timeout`.
        public var status: String
        public var failure: String?

        enum CodingKeys: String, CodingKey {
            case name, parameters, features, status, failure
            case defaultThreshold = "default_threshold"
        }

        public init(
            name: String, parameters: [String: JSONValue], defaultThreshold: Double, features: [String], status: String,
            failure: String?
        ) {
            self.name = name
            self.parameters = parameters
            self.defaultThreshold = defaultThreshold
            self.features = features
            self.status = status
            self.failure = failure
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            parameters = try container.decode([String: JSONValue].self, forKey: .parameters)
            defaultThreshold = try container.decode(Double.self, forKey: .defaultThreshold)
            features = try container.decodeIfPresent([String].self, forKey: .features) ?? []
            // Folders written before detectors could fail have no status: they ran to the end.
            status = try container.decodeIfPresent(String.self, forKey: .status) ?? "ok"
            failure = try container.decodeIfPresent(String.self, forKey: .failure)
        }
    }

    /// The sizes of the shared prompt features.
    public struct PromptFeatures: Sendable, Hashable, Codable {
        public var embeddingDimension: Int
        public var minhashBins: Int

        enum CodingKeys: String, CodingKey {
            case embeddingDimension = "embedding_dimension"
            case minhashBins = "minhash_bins"
        }

        public init(embeddingDimension: Int, minhashBins: Int) {
            self.embeddingDimension = embeddingDimension
            self.minhashBins = minhashBins
        }
    }

    /// The version this build writes; a folder of a higher version is refused.
    public static let currentVersion = 1

    /// Folders written before the model had a version read as 0.
    public var formatVersion: Int
    /// `run` or `evaluate`.
    public var command: String
    /// `run`: the scenarios, seeds, tuning seeds and scale.
    public var scenarios: [Scenario]?
    public var seeds: [String]?
    public var tuneSeeds: [String]?
    public var scale: Double?
    public var tunedOnEval: Bool?
    /// `evaluate`: the trace or log.
    public var trace: String?
    public var skippedInvalidRequests: Int?
    /// `evaluate --map`: what the mapped reading found (map, requests, accounts not in the table, …).
    public var log: [String: JSONValue]?
    public var fprBudget: Double
    public var detectors: [Detector]
    public var harnessVersion: String
    public var machine: [String: String]
    public var promptFeatures: PromptFeatures?

    enum CodingKeys: String, CodingKey {
        case command, scenarios, seeds, scale, trace, log, detectors, machine
        case formatVersion = "format_version"
        case tuneSeeds = "tune_seeds"
        case tunedOnEval = "tuned_on_eval"
        case skippedInvalidRequests = "skipped_invalid_requests"
        case fprBudget = "fpr_budget"
        case harnessVersion = "harness_version"
        case promptFeatures = "prompt_features"
    }

    public init(command: String, fprBudget: Double, detectors: [Detector], harnessVersion: String, machine: [String: String]) {
        formatVersion = Self.currentVersion
        self.command = command
        self.fprBudget = fprBudget
        self.detectors = detectors
        self.harnessVersion = harnessVersion
        self.machine = machine
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try FormatVersion.decode(from: container, forKey: .formatVersion, current: Self.currentVersion)
        command = try container.decode(String.self, forKey: .command)
        scenarios = try container.decodeIfPresent([Scenario].self, forKey: .scenarios)
        seeds = try container.decodeIfPresent([String].self, forKey: .seeds)
        tuneSeeds = try container.decodeIfPresent([String].self, forKey: .tuneSeeds)
        scale = try container.decodeIfPresent(Double.self, forKey: .scale)
        tunedOnEval = try container.decodeIfPresent(Bool.self, forKey: .tunedOnEval)
        trace = try container.decodeIfPresent(String.self, forKey: .trace)
        skippedInvalidRequests = try container.decodeIfPresent(Int.self, forKey: .skippedInvalidRequests)
        log = try container.decodeIfPresent([String: JSONValue].self, forKey: .log)
        fprBudget = try container.decode(Double.self, forKey: .fprBudget)
        detectors = try container.decode([Detector].self, forKey: .detectors)
        harnessVersion = try container.decode(String.self, forKey: .harnessVersion)
        machine = try container.decodeIfPresent([String: String].self, forKey: .machine) ?? [:]
        promptFeatures = try container.decodeIfPresent(PromptFeatures.self, forKey: .promptFeatures)
    }

    /// What the results are of: the scenarios' names, or the trace.
    public var subject: String {
        if let scenarios, !scenarios.isEmpty { return scenarios.map(\.name).joined(separator: ", ") }
        return trace ?? "unknown"
    }
}
