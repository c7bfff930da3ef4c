import Foundation

/// One detector's metrics on one trace: its entry of `summary.json` (DESIGN §5, §6).
///
/// A trace without truth (a real log) has no metrics: ``available`` is false, the ranking figures
/// are nil and there are no operating points, while the detector's scores are still written
/// (`scores/<detector>.csv`). Every key is always present; undefined values are JSON `null`.
public struct MetricsReport: Sendable, Hashable {
    /// The detector's name.
    public var name: String
    /// Whether the truth was known, so that the metrics exist.
    public var available: Bool
    /// The detector's documented default threshold.
    public var defaultThreshold: Double
    /// The FPR budget of the `fpr_budget` and `tuned` points; nil without truth.
    public var fprBudget: Double?
    /// Average precision of the accounts' maximum scores (scikit-learn's definition).
    public var averagePrecision: Double?
    /// ROC-AUC of the accounts' maximum scores (trapezoid rule over distinct thresholds).
    public var rocAUC: Double?
    /// Requests per second of the detector alone (filled in by the runner).
    public var throughputRPS: Double?
    /// For an external program: requests per second through the pipe alone — a program that
    /// reads every line and scores nothing, fed the same lines (nil for in-process detectors).
    public var pipeThroughputRPS: Double?
    /// Accounts in the account table, all scored.
    public var accounts: Int
    /// Positive accounts (`adversarial` or `mixed`), negatives, campaigns; nil without truth.
    public var positives: Int?
    public var negatives: Int?
    public var campaigns: Int?
    /// Change points recorded by the detector (rises of an account's running maximum).
    public var changePoints: Int
    /// Whether `request_labels.csv` attributed positives' traffic to their campaigns (else all
    /// their requests count as served); nil without truth.
    public var usedCampaignLabels: Bool?
    /// The operating points: `default`, `best_f1`, `fpr_budget`, then `tuned` when tuning seeds
    /// chose a threshold.
    public var operatingPoints: [OperatingPoint]

    public init(
        name: String, available: Bool, defaultThreshold: Double, fprBudget: Double?, averagePrecision: Double?,
        rocAUC: Double?, throughputRPS: Double? = nil, accounts: Int, positives: Int?, negatives: Int?,
        campaigns: Int?, changePoints: Int, usedCampaignLabels: Bool?, operatingPoints: [OperatingPoint]
    ) {
        self.name = name
        self.available = available
        self.defaultThreshold = defaultThreshold
        self.fprBudget = fprBudget
        self.averagePrecision = averagePrecision
        self.rocAUC = rocAUC
        self.throughputRPS = throughputRPS
        self.accounts = accounts
        self.positives = positives
        self.negatives = negatives
        self.campaigns = campaigns
        self.changePoints = changePoints
        self.usedCampaignLabels = usedCampaignLabels
        self.operatingPoints = operatingPoints
    }

    /// The report of a detector run on a trace without truth: no metrics.
    public static func unavailable(name: String, defaultThreshold: Double, scores: ScoreHistory) -> MetricsReport {
        MetricsReport(
            name: name, available: false, defaultThreshold: defaultThreshold, fprBudget: nil, averagePrecision: nil,
            rocAUC: nil, accounts: scores.accountCount, positives: nil, negatives: nil, campaigns: nil,
            changePoints: scores.changePointCount, usedCampaignLabels: nil, operatingPoints: [])
    }

    /// The operating point of `kind`, if reported.
    public func operatingPoint(_ kind: OperatingPoint.Kind) -> OperatingPoint? {
        operatingPoints.first { $0.kind == kind }
    }

    /// Deterministic JSON: sorted keys, pretty-printed, no escaped slashes.
    public func encoded() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// The encoder of ``encoded()`` (sorted keys), for documents that embed reports.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}

extension MetricsReport: Codable {
    enum CodingKeys: String, CodingKey {
        case name, available
        case defaultThreshold = "default_threshold"
        case fprBudget = "fpr_budget"
        case averagePrecision = "ap"
        case rocAUC = "roc_auc"
        case throughputRPS = "throughput_rps"
        case pipeThroughputRPS = "pipe_throughput_rps"
        case accounts, positives, negatives, campaigns
        case changePoints = "change_points"
        case usedCampaignLabels = "used_campaign_labels"
        case operatingPoints = "operating_points"
    }

    /// Encodes every key, undefined values as JSON `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(available, forKey: .available)
        try container.encodeThreshold(defaultThreshold, forKey: .defaultThreshold)
        try container.encode(fprBudget, forKey: .fprBudget)
        try container.encode(averagePrecision, forKey: .averagePrecision)
        try container.encode(rocAUC, forKey: .rocAUC)
        try container.encode(throughputRPS, forKey: .throughputRPS)
        try container.encode(pipeThroughputRPS, forKey: .pipeThroughputRPS)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(positives, forKey: .positives)
        try container.encode(negatives, forKey: .negatives)
        try container.encode(campaigns, forKey: .campaigns)
        try container.encode(changePoints, forKey: .changePoints)
        try container.encode(usedCampaignLabels, forKey: .usedCampaignLabels)
        try container.encode(operatingPoints, forKey: .operatingPoints)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            available: try container.decode(Bool.self, forKey: .available),
            defaultThreshold: try container.decodeThreshold(forKey: .defaultThreshold),
            fprBudget: try container.decodeIfPresent(Double.self, forKey: .fprBudget),
            averagePrecision: try container.decodeIfPresent(Double.self, forKey: .averagePrecision),
            rocAUC: try container.decodeIfPresent(Double.self, forKey: .rocAUC),
            throughputRPS: try container.decodeIfPresent(Double.self, forKey: .throughputRPS),
            accounts: try container.decode(Int.self, forKey: .accounts),
            positives: try container.decodeIfPresent(Int.self, forKey: .positives),
            negatives: try container.decodeIfPresent(Int.self, forKey: .negatives),
            campaigns: try container.decodeIfPresent(Int.self, forKey: .campaigns),
            changePoints: try container.decode(Int.self, forKey: .changePoints),
            usedCampaignLabels: try container.decodeIfPresent(Bool.self, forKey: .usedCampaignLabels),
            operatingPoints: try container.decodeIfPresent([OperatingPoint].self, forKey: .operatingPoints) ?? [])
        pipeThroughputRPS = try container.decodeIfPresent(Double.self, forKey: .pipeThroughputRPS)
    }
}
