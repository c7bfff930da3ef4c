/// The exact figures of one detector at one threshold τ (DESIGN §5).
///
/// The unit is the account; positives are `adversarial` and `mixed` accounts. An account is
/// flagged iff its maximum score is ≥ τ, at `t_τ(a)`, the first time its score reached τ
/// (`−∞` for τ ≤ 0); a flag blocks the account at once. Undefined ratios are nil (JSON `null`),
/// never 0 or 1 by convention.
public struct Metrics: Sendable, Hashable {
    /// The threshold τ (+∞ flags nothing).
    public var threshold: Double
    /// Positives flagged (TP), benign accounts flagged (FP), positives not flagged (FN), benign
    /// accounts not flagged (TN).
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int
    /// TP/(TP + FP); nil when nothing is flagged.
    public var precision: Double?
    /// TP/(TP + FN); nil without positives.
    public var recall: Double?
    /// 2TP/(2TP + FP + FN), scikit-learn's `f1_score`; nil when that denominator is 0 (no
    /// positive and nothing flagged).
    public var f1: Double?
    /// FP/(FP + TN); nil without negatives.
    public var falsePositiveRate: Double?
    /// The share of campaigns with at least one flagged member; nil without campaigns.
    public var campaignRecall: Double?
    /// The mean over campaigns (with members) of flagged members / members; nil without campaigns.
    public var accountRecallWithinCampaigns: Double?
    /// All flagged members over all members, pooled across campaigns; nil without campaigns.
    public var pooledAccountRecallWithinCampaigns: Double?
    /// The median over detected campaigns of their time to detection, in seconds; nil when none
    /// is detected.
    public var medianTimeToDetection: Double?
    /// Completion tokens served to positive accounts before their flags (all of them if never
    /// flagged): the leaked volume, summed over all positives.
    public var leakedTokens: Int
    /// Completion tokens served to positive accounts in the trace.
    public var totalTokens: Int
    /// 1 − leaked/total; nil when positives were served nothing.
    public var extractionPrevented: Double?
    /// Requests of falsely flagged benign accounts at or after their flag (`ts ≥ t_τ`).
    public var collateralRequests: Int
    /// Completion tokens of those requests.
    public var collateralTokens: Int
    /// Every campaign's outcome, in the order of the truth.
    public var campaigns: [CampaignOutcome]

    public init(
        threshold: Double, truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int,
        campaignRecall: Double?, accountRecallWithinCampaigns: Double?, pooledAccountRecallWithinCampaigns: Double?,
        medianTimeToDetection: Double?, leakedTokens: Int, totalTokens: Int, collateralRequests: Int,
        collateralTokens: Int, campaigns: [CampaignOutcome]
    ) {
        self.threshold = threshold
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
        let flagged = truePositives + falsePositives
        let positives = truePositives + falseNegatives
        let negatives = falsePositives + trueNegatives
        precision = flagged > 0 ? Double(truePositives) / Double(flagged) : nil
        recall = positives > 0 ? Double(truePositives) / Double(positives) : nil
        let f1Denominator = 2 * truePositives + falsePositives + falseNegatives
        f1 = f1Denominator > 0 ? Double(2 * truePositives) / Double(f1Denominator) : nil
        falsePositiveRate = negatives > 0 ? Double(falsePositives) / Double(negatives) : nil
        self.campaignRecall = campaignRecall
        self.accountRecallWithinCampaigns = accountRecallWithinCampaigns
        self.pooledAccountRecallWithinCampaigns = pooledAccountRecallWithinCampaigns
        self.medianTimeToDetection = medianTimeToDetection
        self.leakedTokens = leakedTokens
        self.totalTokens = totalTokens
        extractionPrevented = totalTokens > 0 ? 1 - Double(leakedTokens) / Double(totalTokens) : nil
        self.collateralRequests = collateralRequests
        self.collateralTokens = collateralTokens
        self.campaigns = campaigns
    }

    /// Accounts flagged (TP + FP).
    public var flaggedAccounts: Int { truePositives + falsePositives }

    /// The scalar figures by their JSON key, in a fixed order (for summaries over seeds).
    public var figures: [(key: String, value: Double?)] {
        [
            ("threshold", threshold.isFinite ? threshold : nil),
            ("tp", Double(truePositives)), ("fp", Double(falsePositives)),
            ("fn", Double(falseNegatives)), ("tn", Double(trueNegatives)),
            ("precision", precision), ("recall", recall), ("f1", f1), ("fpr", falsePositiveRate),
            ("campaign_recall", campaignRecall),
            ("account_recall_within_campaigns", accountRecallWithinCampaigns),
            ("account_recall_within_campaigns_pooled", pooledAccountRecallWithinCampaigns),
            ("median_time_to_detection_s", medianTimeToDetection),
            ("leaked_tokens", Double(leakedTokens)), ("total_tokens", Double(totalTokens)),
            ("extraction_prevented", extractionPrevented),
            ("collateral_requests", Double(collateralRequests)), ("collateral_tokens", Double(collateralTokens)),
        ]
    }
}

extension Metrics: Codable {
    enum CodingKeys: String, CodingKey {
        case threshold
        case truePositives = "tp"
        case falsePositives = "fp"
        case falseNegatives = "fn"
        case trueNegatives = "tn"
        case precision, recall, f1
        case falsePositiveRate = "fpr"
        case campaignRecall = "campaign_recall"
        case accountRecallWithinCampaigns = "account_recall_within_campaigns"
        case pooledAccountRecallWithinCampaigns = "account_recall_within_campaigns_pooled"
        case medianTimeToDetection = "median_time_to_detection_s"
        case leakedTokens = "leaked_tokens"
        case totalTokens = "total_tokens"
        case extractionPrevented = "extraction_prevented"
        case collateralRequests = "collateral_requests"
        case collateralTokens = "collateral_tokens"
        case campaigns
    }

    /// Encodes every key, undefined values as JSON `null` and an infinite threshold as `"inf"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeThreshold(threshold, forKey: .threshold)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(falsePositives, forKey: .falsePositives)
        try container.encode(falseNegatives, forKey: .falseNegatives)
        try container.encode(trueNegatives, forKey: .trueNegatives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(falsePositiveRate, forKey: .falsePositiveRate)
        try container.encode(campaignRecall, forKey: .campaignRecall)
        try container.encode(accountRecallWithinCampaigns, forKey: .accountRecallWithinCampaigns)
        try container.encode(pooledAccountRecallWithinCampaigns, forKey: .pooledAccountRecallWithinCampaigns)
        try container.encode(medianTimeToDetection, forKey: .medianTimeToDetection)
        try container.encode(leakedTokens, forKey: .leakedTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        try container.encode(extractionPrevented, forKey: .extractionPrevented)
        try container.encode(collateralRequests, forKey: .collateralRequests)
        try container.encode(collateralTokens, forKey: .collateralTokens)
        try container.encode(campaigns, forKey: .campaigns)
    }

    /// Decodes what ``encode(to:)`` wrote; the ratios are recomputed from the counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            threshold: try container.decodeThreshold(forKey: .threshold),
            truePositives: try container.decode(Int.self, forKey: .truePositives),
            falsePositives: try container.decode(Int.self, forKey: .falsePositives),
            falseNegatives: try container.decode(Int.self, forKey: .falseNegatives),
            trueNegatives: try container.decode(Int.self, forKey: .trueNegatives),
            campaignRecall: try container.decodeIfPresent(Double.self, forKey: .campaignRecall),
            accountRecallWithinCampaigns: try container.decodeIfPresent(
                Double.self, forKey: .accountRecallWithinCampaigns),
            pooledAccountRecallWithinCampaigns: try container.decodeIfPresent(
                Double.self, forKey: .pooledAccountRecallWithinCampaigns),
            medianTimeToDetection: try container.decodeIfPresent(Double.self, forKey: .medianTimeToDetection),
            leakedTokens: try container.decode(Int.self, forKey: .leakedTokens),
            totalTokens: try container.decode(Int.self, forKey: .totalTokens),
            collateralRequests: try container.decode(Int.self, forKey: .collateralRequests),
            collateralTokens: try container.decode(Int.self, forKey: .collateralTokens),
            campaigns: try container.decodeIfPresent([CampaignOutcome].self, forKey: .campaigns) ?? [])
    }
}
