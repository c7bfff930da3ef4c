import Evaluation
import Foundation

/// `summary.json` of a results folder (DESIGN §6): the headline evaluation's detectors, every
/// evaluation, the summaries over seeds, and what the report draws (composition, one campaign's
/// activity, the top accounts). Versioned: ``formatVersion``; written and read by this type only.
public struct ResultsSummary: Sendable, Hashable, Codable {
    /// One evaluation (a seed of a scenario, or a trace).
    public struct Evaluation: Sendable, Hashable, Codable {
        /// E.g. `quickstart/seed-1`.
        public var label: String
        public var detectors: [DetectorResult]

        public init(label: String, detectors: [DetectorResult]) {
            self.label = label
            self.detectors = detectors
        }
    }

    /// One scenario's detectors summarized over its evaluation seeds.
    public struct OverSeeds: Sendable, Hashable, Codable {
        public var label: String
        public var detectors: [MetricsSummary]

        public init(label: String, detectors: [MetricsSummary]) {
            self.label = label
            self.detectors = detectors
        }
    }

    public var formatVersion: Int
    /// The headline evaluation (first scenario, first seed).
    public var detectors: [DetectorResult]
    public var evaluations: [Evaluation]
    public var overSeeds: [OverSeeds]
    /// Peak resident memory of the run, MiB (a timing-like figure).
    public var peakMemoryMiB: Int?
    /// What the headline trace holds.
    public var composition: TraceComposition?
    /// The headline trace's most populous campaign, binned over its lifetime.
    public var activity: CampaignActivity?
    /// The headline evaluation's top accounts per detector, with their evidence.
    public var topAccounts: [AccountRanking.DetectorRanking]?
    /// Per scenario and detector, the configuration chosen on the tuning seeds (experiments with
    /// tuning seeds only; absent otherwise).
    public var best: [BestConfiguration]?

    enum CodingKeys: String, CodingKey {
        case detectors, evaluations, composition, activity, best
        case formatVersion = "format_version"
        case overSeeds = "over_seeds"
        case peakMemoryMiB = "peak_memory_mib"
        case topAccounts = "top_accounts"
    }

    public init(
        detectors: [DetectorResult], evaluations: [Evaluation], overSeeds: [OverSeeds], peakMemoryMiB: Int? = nil,
        composition: TraceComposition? = nil, activity: CampaignActivity? = nil,
        topAccounts: [AccountRanking.DetectorRanking]? = nil
    ) {
        formatVersion = ResultsManifest.currentVersion
        self.detectors = detectors
        self.evaluations = evaluations
        self.overSeeds = overSeeds
        self.peakMemoryMiB = peakMemoryMiB
        self.composition = composition
        self.activity = activity
        self.topAccounts = topAccounts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try FormatVersion.decode(from: container, forKey: .formatVersion, current: ResultsManifest.currentVersion)
        detectors = try container.decode([DetectorResult].self, forKey: .detectors)
        evaluations = try container.decodeIfPresent([Evaluation].self, forKey: .evaluations) ?? []
        overSeeds = try container.decodeIfPresent([OverSeeds].self, forKey: .overSeeds) ?? []
        peakMemoryMiB = try container.decodeIfPresent(Int.self, forKey: .peakMemoryMiB)
        composition = try container.decodeIfPresent(TraceComposition.self, forKey: .composition)
        activity = try container.decodeIfPresent(CampaignActivity.self, forKey: .activity)
        topAccounts = try container.decodeIfPresent([AccountRanking.DetectorRanking].self, forKey: .topAccounts)
        best = try container.decodeIfPresent([BestConfiguration].self, forKey: .best)
    }

    /// The summary over seeds of `detector` in the first scenario, when there were several seeds.
    public func overSeeds(of detector: String) -> MetricsSummary? {
        overSeeds.first?.detectors.first { $0.name == detector && $0.seeds > 1 }
    }
}
