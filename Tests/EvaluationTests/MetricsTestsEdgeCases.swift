import Detection
import Evaluation
import GroundTruth
import Testing

/// Ties, all-equal scores, no positives, nothing flagged, everything flagged, empty tables.
struct MetricsEdgeCaseTests {
    /// The hand case with other change points.
    static func hand(points: [(UInt32, Int64, Double)]) throws -> MetricsEvaluator {
        var trace = MetricsCase.hand
        trace.changePoints = points.map { ScoreBoard.ChangePoint(account: $0.0, time: $0.1, score: $0.2) }
        return try trace.evaluator()
    }

    /// Maxima p1 0.9, n 0.6, n 0.6, p2 0.4 (P = 2, N = 2): F1 = 2TP/(TP + FP + P) is 2/3 at 0.9
    /// (TP 1, FP 0) and 2/3 again at 0.4 (TP 2, FP 2); the tie goes to the highest, 0.9.
    @Test func bestF1TiesGoToTheHighestThreshold() {
        let curve = RankingCurve(scores: [0.9, 0.6, 0.6, 0.4], labels: [true, false, false, true])
        #expect(ThresholdSelection.bestF1(curve) == 0.9)
    }

    /// Maxima p 0.9, n 0.7, n 0.1, n 0.05 with budget 1/3: 0.9 (TP 1, FP 0) and 0.7 (TP 1, FP 1,
    /// FPR 1/3) both qualify with recall 1; the tie goes to 0.9. At 0.1 the FPR is 2/3.
    @Test func fprBudgetTiesGoToTheHighestThreshold() {
        let curve = RankingCurve(scores: [0.9, 0.7, 0.1, 0.05], labels: [true, false, false, false])
        #expect(ThresholdSelection.fprBudget(curve, budget: 1.0 / 3) == 0.9)
        // A budget of 1 lets every positive threshold through, and all have recall 1: still 0.9.
        #expect(ThresholdSelection.fprBudget(curve, budget: 1) == 0.9)
        // p 0.9, n 0.7, p 0.3, n 0.05 with budget 1: recall 1 from 0.3 down; the highest is 0.3.
        let two = RankingCurve(scores: [0.9, 0.7, 0.3, 0.05], labels: [true, false, true, false])
        #expect(ThresholdSelection.fprBudget(two, budget: 1) == 0.3)
        #expect(ThresholdSelection.fprBudget(two, budget: 0.4) == 0.9)
        // Zero is never a budget candidate: it would flag accounts no detector scored.
        let zeros = RankingCurve(scores: [0, 0, 0.5], labels: [true, false, false])
        #expect(ThresholdSelection.fprBudget(zeros, budget: 1) == 0.5)
        // Without negatives every threshold meets the budget.
        #expect(ThresholdSelection.fprBudget(RankingCurve(scores: [0.2, 0.7], labels: [true, true])) == 0.2)
    }

    /// Tied maxima are one threshold. Maxima: a0 0.2, a1 0, a2 0.5, a3 0.5, a4 0.5, a5 0.8, a6 0,
    /// a7 0 (positives a3…a7): the points are 0.8 (TP 1, FP 0), 0.5 (3, 1), 0.2 (3, 2), 0 (5, 3).
    /// AP = 1/5·1 + 2/5·3/4 + 2/5·5/8 = 0.75. ROC-AUC: a5 beats 3 negatives, a3 and a4 beat 2 and
    /// tie 1 (2.5 each), a6 and a7 tie a1 (½ each): 9/15.
    @Test func tiedScoresAreOneThreshold() throws {
        let evaluator = try Self.hand(points: [
            (3, 100, 0.5), (4, 100, 0.5), (2, 100, 0.5), (0, 100, 0.2), (5, 100, 0.8),
        ])
        let m = evaluator.metrics(at: 0.5)
        #expect([m.truePositives, m.falsePositives] == [3, 1])
        #expect(evaluator.curve.thresholds.map(\.score) == [0.8, 0.5, 0.2, 0])
        #expect(isClose(evaluator.averagePrecision, 0.75))
        #expect(isClose(evaluator.rocAUC, 0.6))
        // A threshold between two maxima flags the same accounts as the next maximum above it.
        #expect(evaluator.metrics(at: 0.35).truePositives == 3 && evaluator.metrics(at: 0.35).falsePositives == 1)
        // Sweep thresholds are the distinct maxima, ascending.
        #expect(Sweep(evaluator: evaluator).rows.map(\.threshold) == [0, 0.2, 0.5, 0.8])
    }

    /// Every account has the same maximum: one threshold, AP = P/(P + N) = 5/8, ROC-AUC ½,
    /// best F1 at it (F1 = 10/13), and no positive threshold meets the 0.1 % budget.
    @Test func allEqualScores() throws {
        let evaluator = try Self.hand(points: (0..<8).map { (UInt32($0), Int64(1000 * ($0 + 1)), 0.5) })
        #expect(evaluator.averagePrecision == 0.625)
        #expect(evaluator.rocAUC == 0.5)
        #expect(evaluator.bestF1Threshold == 0.5)
        #expect(isClose(evaluator.metrics(at: 0.5).f1, 10.0 / 13))
        #expect(evaluator.fprBudgetThreshold() == .infinity)
        let report = try evaluator.report(name: "flat", defaultThreshold: 1)
        #expect(report.operatingPoint(.fprBudget)?.metrics.flaggedAccounts == 0)
    }

    /// Nothing flagged: precision is undefined (nil, not 1), recall and F1 are 0, FPR 0, every
    /// campaign undetected, all tokens leaked, no collateral.
    @Test(arguments: [0.95, 7, Double.infinity])
    func nothingFlagged(threshold: Double) throws {
        let m = try MetricsCase.hand.evaluator().metrics(at: threshold)
        #expect(m.flaggedAccounts == 0)
        #expect(m.precision == nil)
        #expect(m.recall == 0 && m.f1 == 0 && m.falsePositiveRate == 0)
        #expect(m.campaignRecall == 0 && m.medianTimeToDetection == nil)
        #expect(m.campaigns.allSatisfy { $0.timeToDetection == nil && $0.requestsBeforeDetection == nil })
        #expect(m.leakedTokens == m.totalTokens && m.extractionPrevented == 0)
        #expect(m.collateralRequests == 0 && m.collateralTokens == 0)
    }

    /// τ ≤ 0 flags every account from the start (scores start at 0): nothing leaks, every benign
    /// request is collateral, campaigns are detected at their start.
    @Test(arguments: [0.0, -0.0, -3])
    func everythingFlagged(threshold: Double) throws {
        let m = try MetricsCase.hand.evaluator().metrics(at: threshold)
        #expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives] == [5, 3, 0, 0])
        #expect(m.precision == 0.625 && m.recall == 1 && m.falsePositiveRate == 1)
        #expect(m.leakedTokens == 0 && m.extractionPrevented == 1)
        #expect(m.collateralRequests == 6 && m.collateralTokens == 59)
        #expect(m.campaigns.map(\.timeToDetection) == [0, 0] && m.campaigns.map(\.requestsBeforeDetection) == [0, 0])
    }

    /// With every maximum above 0, the lowest maximum flags everything too, each account from
    /// its first change point ≥ τ.
    @Test func lowestMaximumFlagsEveryScoredAccount() throws {
        let evaluator = try Self.hand(points: (0..<8).map { (UInt32($0), 3000, 0.1 + Double($0) / 10) })
        let m = evaluator.metrics(at: 0.1)
        #expect(m.flaggedAccounts == 8 && m.precision == 0.625 && m.recall == 1)
        // Everything served before 3000 leaks: a3 10 + 20, a4 40, a6 30 (a5's C1 request at 3000 is blocked).
        #expect(m.leakedTokens == 100)
        // Benign requests at or after 3000: a0 12, a1 9, a2 8 + 11 + 14.
        #expect(m.collateralRequests == 5 && m.collateralTokens == 54)
    }

    /// No positives: recall, AP, ROC-AUC, campaign figures and extraction prevented are nil; F1
    /// is 0 where something is flagged and nil where nothing is.
    @Test func noPositives() throws {
        var trace = MetricsCase.hand
        trace.truth.accounts = trace.truth.accounts.map {
            AccountTruth(account: $0.account, label: .benign, persona: $0.persona ?? "reseller")
        }
        trace.truth.campaigns = []
        trace.requests = trace.requests.map { (ts: $0.ts, account: $0.account, tokens: $0.tokens, label: -1) }
        let evaluator = try trace.evaluator()
        #expect(evaluator.averagePrecision == nil && evaluator.rocAUC == nil)
        let m = evaluator.metrics(at: 0.5)
        #expect(m.truePositives == 0 && m.falsePositives == 4)
        #expect(m.precision == 0 && m.recall == nil && m.f1 == 0)
        #expect(isClose(m.falsePositiveRate, 0.5))
        #expect(m.campaignRecall == nil && m.accountRecallWithinCampaigns == nil)
        #expect(m.pooledAccountRecallWithinCampaigns == nil && m.medianTimeToDetection == nil)
        #expect(m.totalTokens == 0 && m.extractionPrevented == nil)
        let none = evaluator.metrics(at: 1)
        #expect(none.precision == nil && none.recall == nil && none.f1 == nil)
        // Every F1 is 0: the highest distinct maximum wins the tie.
        #expect(evaluator.bestF1Threshold == 0.9)
        let report = try evaluator.report(name: "x", defaultThreshold: 0.5)
        #expect(report.positives == 0 && report.averagePrecision == nil)
        #expect(report.operatingPoint(.default)?.byTactic == [])
    }

    /// An empty account table: every ratio nil, every count 0, oracles flag nothing.
    @Test func emptyAccountTable() throws {
        let trace = MetricsCase(
            accountIDs: [], truth: GroundTruth(accounts: [], campaigns: []), requests: [], changePoints: [])
        let evaluator = try trace.evaluator()
        let m = evaluator.metrics(at: 0.5)
        #expect(
            m.flaggedAccounts == 0 && m.precision == nil && m.recall == nil && m.f1 == nil && m.falsePositiveRate == nil
        )
        #expect(evaluator.bestF1Threshold == .infinity && evaluator.fprBudgetThreshold() == .infinity)
        #expect(Sweep(evaluator: evaluator).rows.isEmpty)
    }
}
