import GroundTruth

/// Computes the exact metrics of one detector on one trace at any threshold (DESIGN §5), from
/// its finished ``ExposureLedger`` (which holds the change points and the truth).
///
/// Built once in O(N log N) for N accounts; then each threshold costs O((P + M) log K + log N)
/// for P positives, M campaign members (mostly the same accounts) and K change points per
/// account — positives are few — so a sweep over thousands of thresholds is cheap:
///
/// - TP and leaked tokens: each positive's first change point ≥ τ by binary search.
/// - FP: binary search among the sorted maxima of the negatives.
/// - Collateral: by telescoping. A benign account with change points k = 0…m−1 (rising scores)
///   flagged at its first point ≥ τ has `after_k = total − before_k` requests at or after the
///   flag; with `Δ_k = after_k − after_{k+1}` (`after_m = 0`) that is Σ_{k: score_k ≥ τ} Δ_k.
///   So collateral(τ) is a prefix sum over all benign change points sorted by score.
public struct MetricsEvaluator: Sendable {
    /// The finished ledger.
    public let ledger: ExposureLedger
    /// The ranking of the accounts' maximum scores against their labels (AP, ROC-AUC, oracles).
    public let curve: RankingCurve

    private var scores: ScoreHistory { ledger.scores }
    private var truth: TruthTable { ledger.truth }
    /// Positive account codes.
    private let positiveAccounts: [Int]
    /// Maximum scores of the negatives, ascending.
    private let negativeMaxima: [Double]
    /// Scores of the benign change points, descending, and prefix sums of their Δ requests and tokens.
    private let benignPointScores: [Double]
    private let benignRequestPrefix: [Int]
    private let benignTokenPrefix: [Int]
    /// All requests and tokens of benign accounts (the collateral at τ ≤ 0).
    private let benignRequests: Int
    private let benignTokens: Int
    /// Served tokens of all positives.
    private let positiveTokens: Int
    /// Positives grouped by tactic; benign accounts by persona and decoy flag (sorted).
    private let tacticGroups: [(tactic: String, accounts: [Int])]
    private let personaGroups: [(persona: String, decoy: Bool, accounts: [Int])]

    /// The evaluator of a finished ledger.
    ///
    /// - Throws: ``MetricsError/ledgerNotFinished`` if ``ExposureLedger/finish()`` was not called.
    public init(ledger: ExposureLedger) throws(MetricsError) {
        guard ledger.isFinished else { throw .ledgerNotFinished }
        self.ledger = ledger
        let scores = ledger.scores
        let truth = ledger.truth
        curve = RankingCurve(scores: scores.maxScores, labels: truth.positives)
        positiveAccounts = truth.positives.indices.filter { truth.positives[$0] }
        negativeMaxima = truth.positives.indices.filter { !truth.positives[$0] }.map { scores.maxScores[$0] }.sorted()
        positiveTokens = positiveAccounts.reduce(0) { $0 + ledger.servedTokens[$1] }

        var points: [(score: Double, requests: Int, tokens: Int)] = []
        var benignRequests = 0
        var benignTokens = 0
        for account in truth.positives.indices where !truth.positives[account] {
            let totalRequests = ledger.servedRequests[account]
            let totalTokens = ledger.servedTokens[account]
            benignRequests += totalRequests
            benignTokens += totalTokens
            let range = scores.changePoints(of: account)
            for k in range {
                let after = (totalRequests - ledger.requestsBefore[k], totalTokens - ledger.tokensBefore[k])
                let next =
                    k + 1 < range.upperBound
                    ? (totalRequests - ledger.requestsBefore[k + 1], totalTokens - ledger.tokensBefore[k + 1]) : (0, 0)
                points.append((scores.scores[k], after.0 - next.0, after.1 - next.1))
            }
        }
        points.sort { $0.score > $1.score }
        benignPointScores = points.map(\.score)
        var requestPrefix = [0]
        var tokenPrefix = [0]
        requestPrefix.reserveCapacity(points.count + 1)
        tokenPrefix.reserveCapacity(points.count + 1)
        for point in points {
            requestPrefix.append(requestPrefix[requestPrefix.count - 1] + point.requests)
            tokenPrefix.append(tokenPrefix[tokenPrefix.count - 1] + point.tokens)
        }
        benignRequestPrefix = requestPrefix
        benignTokenPrefix = tokenPrefix
        self.benignRequests = benignRequests
        self.benignTokens = benignTokens

        var tactics: [String: [Int]] = [:]
        var personas: [PersonaKey: [Int]] = [:]
        for (account, entry) in truth.accounts.enumerated() {
            if truth.positives[account] {
                let campaign = truth.campaignOfAccount[account]
                let tactic = entry.tactic ?? (campaign >= 0 ? truth.campaigns[Int(campaign)].tactic : "unknown")
                tactics[tactic, default: []].append(account)
            } else {
                personas[PersonaKey(persona: entry.persona ?? "unknown", decoy: entry.decoy), default: []].append(
                    account)
            }
        }
        tacticGroups = tactics.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        personaGroups = personas.sorted {
            ($0.key.persona, $0.key.decoy ? 1 : 0) < ($1.key.persona, $1.key.decoy ? 1 : 0)
        }
        .map { ($0.key.persona, $0.key.decoy, $0.value) }
    }

    private struct PersonaKey: Hashable {
        var persona: String
        var decoy: Bool
    }

    // MARK: - Ranking

    /// Average precision of the maximum scores (scikit-learn's definition); nil without positives.
    public var averagePrecision: Double? { curve.averagePrecision }
    /// ROC-AUC of the maximum scores (trapezoid rule); nil without positives or negatives.
    public var rocAUC: Double? { curve.rocAUC }

    // MARK: - One threshold

    /// Whether and when `account` is flagged at `threshold`: nil if not flagged; from the start
    /// (`t_τ = −∞`) for τ ≤ 0; else at its first change point ≥ τ.
    private func flag(of account: Int, at threshold: Double) -> Flag? {
        if ScoreHistory.isFlaggedFromStart(at: threshold) { return .fromStart }
        return scores.firstCrossing(of: account, at: threshold).map(Flag.at)
    }

    /// When an account is flagged.
    private enum Flag {
        /// Before any request (τ ≤ 0).
        case fromStart
        /// At change point `k` (an index into the score history).
        case at(Int)
    }

    /// The exact figures at `threshold` (DESIGN §5).
    ///
    /// - Precondition: `threshold` is not NaN.
    public func metrics(at threshold: Double) -> Metrics {
        precondition(!threshold.isNaN, "threshold is NaN")
        // Positives: TP and leaked tokens.
        var truePositives = 0
        var leaked = 0
        for account in positiveAccounts {
            switch flag(of: account, at: threshold) {
            case nil: leaked += ledger.servedTokens[account]
            case .fromStart: truePositives += 1
            case .at(let k):
                truePositives += 1
                leaked += ledger.tokensBefore[k]
            }
        }
        // Negatives: FP from the sorted maxima; collateral from the benign change points.
        let falsePositives = negativeMaxima.count - Self.countBelow(threshold, in: negativeMaxima)
        let collateral: (requests: Int, tokens: Int)
        if ScoreHistory.isFlaggedFromStart(at: threshold) {
            collateral = (benignRequests, benignTokens)
        } else {
            let crossed = Self.countAtLeast(threshold, inDescending: benignPointScores)
            collateral = (benignRequestPrefix[crossed], benignTokenPrefix[crossed])
        }
        // Campaigns.
        var outcomes: [CampaignOutcome] = []
        outcomes.reserveCapacity(truth.campaigns.count)
        var memberShares = 0.0
        var campaignsWithMembers = 0
        var flaggedMembers = 0
        var members = 0
        var detectionTimes: [Double] = []
        for (index, campaign) in truth.campaigns.enumerated() {
            var flagged = 0
            var firstFlag: Int64?
            var leakedTokens = 0
            var totalTokens = 0
            for member in truth.members[index].map(Int.init) {
                let served = ledger.servedTokens[member]
                totalTokens += served
                switch flag(of: member, at: threshold) {
                case nil: leakedTokens += served
                case .fromStart:
                    flagged += 1
                    firstFlag = .min
                case .at(let k):
                    flagged += 1
                    leakedTokens += ledger.tokensBefore[k]
                    firstFlag = min(firstFlag ?? .max, scores.times[k])
                }
            }
            var timeToDetection: Double?
            var requestsBefore: Int?
            if let firstFlag {
                timeToDetection = firstFlag <= campaign.start ? 0 : Double(firstFlag - campaign.start) / 1000
                requestsBefore = firstFlag == .min ? 0 : ledger.campaignRequests(of: index, before: firstFlag) ?? 0
                detectionTimes.append(timeToDetection ?? 0)
            }
            let count = truth.members[index].count
            if count > 0 {
                memberShares += Double(flagged) / Double(count)
                campaignsWithMembers += 1
            }
            flaggedMembers += flagged
            members += count
            outcomes.append(
                CampaignOutcome(
                    id: campaign.id, tactic: campaign.tactic, accounts: count, flaggedAccounts: flagged,
                    timeToDetection: timeToDetection, requestsBeforeDetection: requestsBefore,
                    requests: ledger.campaignRequests[index], leakedTokens: leakedTokens, totalTokens: totalTokens))
        }
        let campaignCount = truth.campaigns.count
        return Metrics(
            threshold: threshold, truePositives: truePositives, falsePositives: falsePositives,
            falseNegatives: positiveAccounts.count - truePositives,
            trueNegatives: negativeMaxima.count - falsePositives,
            campaignRecall: campaignCount > 0 ? Double(detectionTimes.count) / Double(campaignCount) : nil,
            accountRecallWithinCampaigns: campaignsWithMembers > 0 ? memberShares / Double(campaignsWithMembers) : nil,
            pooledAccountRecallWithinCampaigns: members > 0 ? Double(flaggedMembers) / Double(members) : nil,
            medianTimeToDetection: ThresholdSelection.median(detectionTimes),
            leakedTokens: leaked, totalTokens: positiveTokens,
            collateralRequests: collateral.requests, collateralTokens: collateral.tokens, campaigns: outcomes)
    }

    /// Recall per tactic at `threshold`, sorted by tactic.
    public func recallByTactic(at threshold: Double) -> [TacticRecall] {
        tacticGroups.map { group in
            TacticRecall(
                tactic: group.tactic, positives: group.accounts.count,
                flagged: group.accounts.count { scores.maxScores[$0] >= threshold })
        }
    }

    /// False-positive rate per benign persona (and decoy flag) at `threshold`, sorted.
    public func falsePositivesByPersona(at threshold: Double) -> [PersonaFalsePositives] {
        personaGroups.map { group in
            PersonaFalsePositives(
                persona: group.persona, decoy: group.decoy, accounts: group.accounts.count,
                flagged: group.accounts.count { scores.maxScores[$0] >= threshold })
        }
    }

    /// The operating point `kind` at `threshold`, with its breakdowns.
    public func operatingPoint(_ kind: OperatingPoint.Kind, at threshold: Double) -> OperatingPoint {
        OperatingPoint(
            kind: kind, metrics: metrics(at: threshold), byTactic: recallByTactic(at: threshold),
            byPersona: falsePositivesByPersona(at: threshold))
    }

    // MARK: - Operating points and report

    /// The oracle threshold of best F1 (see ``ThresholdSelection/bestF1(_:)``).
    public var bestF1Threshold: Double { ThresholdSelection.bestF1(curve) }

    /// The oracle threshold of maximal recall within the FPR budget (see
    /// ``ThresholdSelection/fprBudget(_:budget:)``).
    public func fprBudgetThreshold(budget: Double = ThresholdSelection.defaultFPRBudget) -> Double {
        ThresholdSelection.fprBudget(curve, budget: budget)
    }

    /// The metrics report of this detector (the `summary.json` entry of one seed).
    ///
    /// - Parameters:
    ///   - name: the detector's name.
    ///   - defaultThreshold: its documented default τ.
    ///   - tunedThreshold: τ chosen on tuning seeds (``ThresholdSelection/tuned(seeds:budget:rule:)``),
    ///     or nil for no `tuned` operating point.
    ///   - fprBudget: the budget of the `fpr_budget` point.
    /// - Throws: ``MetricsError`` for a NaN threshold or a budget outside [0, 1].
    public func report(
        name: String, defaultThreshold: Double, tunedThreshold: Double? = nil,
        fprBudget: Double = ThresholdSelection.defaultFPRBudget
    ) throws(MetricsError) -> MetricsReport {
        guard fprBudget >= 0, fprBudget <= 1 else { throw .invalidBudget(fprBudget) }
        if defaultThreshold.isNaN { throw .invalidThreshold(defaultThreshold) }
        if let tunedThreshold, tunedThreshold.isNaN { throw .invalidThreshold(tunedThreshold) }
        var points = [
            operatingPoint(.default, at: defaultThreshold),
            operatingPoint(.bestF1, at: bestF1Threshold),
            operatingPoint(.fprBudget, at: fprBudgetThreshold(budget: fprBudget)),
        ]
        if let tunedThreshold { points.append(operatingPoint(.tuned, at: tunedThreshold)) }
        return MetricsReport(
            name: name, available: true, defaultThreshold: defaultThreshold, fprBudget: fprBudget,
            averagePrecision: averagePrecision, rocAUC: rocAUC, accounts: scores.accountCount,
            positives: truth.positiveCount, negatives: truth.negativeCount, campaigns: truth.campaigns.count,
            changePoints: scores.changePointCount, usedCampaignLabels: ledger.usedCampaignLabels,
            operatingPoints: points)
    }

    // MARK: - Searching sorted columns

    /// The number of values < `threshold` in ascending `values`.
    static func countBelow(_ threshold: Double, in values: [Double]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < threshold { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of values ≥ `threshold` in descending `values`.
    static func countAtLeast(_ threshold: Double, inDescending values: [Double]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] >= threshold { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
