import Evaluation
import Foundation
import ResultsModel

/// What the headline evaluation (first scenario, first seed) gives a results folder beyond its
/// detector results: the manifest's detector configurations, what `summary.json` draws from its
/// trace, and its files (`scores/`, `changes/`, `sweep/`, by relative path) — carried whole by
/// the partial that ran it, so merge rebuilds the folder without running anything.
public struct HeadlineRecord: Sendable, Hashable, Codable {
    public var configurations: [ResultsManifest.Detector]
    public var composition: TraceComposition?
    public var activity: CampaignActivity?
    public var topAccounts: [AccountRanking.DetectorRanking]?
    /// Relative path → bytes (base64 in JSON).
    public var files: [String: Data]

    enum CodingKeys: String, CodingKey {
        case configurations, composition, activity, files
        case topAccounts = "top_accounts"
    }

    public init(
        configurations: [ResultsManifest.Detector], composition: TraceComposition?, activity: CampaignActivity?,
        topAccounts: [AccountRanking.DetectorRanking]?, files: [String: Data]
    ) {
        self.configurations = configurations
        self.composition = composition
        self.activity = activity
        self.topAccounts = topAccounts
        self.files = files
    }
}
