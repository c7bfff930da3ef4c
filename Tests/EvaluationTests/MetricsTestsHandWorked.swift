import Evaluation
import Testing

/// The exact metrics (DESIGN §5) of ``MetricsCase/hand``, every figure worked by hand below and
/// confirmed by `scripts/metrics_reference.py` (``MetricsReference/handRows``).
///
/// Requests (ts ms, account code, completion tokens, campaign label; C1 = 0, C2 = 1):
///
///     1000 a3 10 C1 | 1000 a0 5 – | 1500 a5 7 – | 2000 a3 20 C1 | 2000 a6 30 C2 | 2500 a4 40 C1
///     3000 a5 50 C1 | 3000 a2 8 – | 3500 a1 9 – | 4000 a3 60 C1 | 4000 a6 70 C2 | 4500 a2 11 –
///     5000 a7 80 C2 | 5000 a0 12 – | 5500 a5 13 – | 6000 a4 90 C1 | 6000 a2 14 – | 7000 a7 100 C2
///
/// Change points (account: time → score): a3: 2000 → 0.4, 4000 → 0.8; a2 (decoy): 3000 → 0.5,
/// 6000 → 0.9; a6: 4000 → 0.6; a0: 5000 → 0.2; a5 (mixed): 5500 → 0.7; a7: 7000 → 0.3; a1 and a4
/// never scored. Maxima: a0 0.2, a1 0, a2 0.9, a3 0.8, a4 0, a5 0.7, a6 0.6, a7 0.3.
/// Positives a3…a7 (P = 5), negatives a0, a1, a2 (N = 3).
///
/// Served traffic (labels on: a positive's campaign requests only, a benign account's all):
/// a0 2 req / 17 tok, a1 1 / 9, a2 3 / 33, a3 3 / 90, a4 2 / 130, a5 1 / 50 (its genuine 7 and
/// 13 do not count), a6 2 / 100, a7 2 / 180; positives' total 550.
/// Before each change point (ts < t_k; same millisecond = blocked): a3@2000: 1 req / 10 tok,
/// a3@4000: 2 / 30, a2@3000: 0 / 0 (its 3000 request is blocked), a2@6000: 2 / 19, a6@4000:
/// 1 / 30, a0@5000: 1 / 5, a5@5500: 1 / 50, a7@7000: 1 / 80.
/// Campaign requests: C1 6 (before 2000: 1, 4000: 4, 5500: 5), C2 4 (before 4000: 1, 7000: 3).
struct MetricsHandWorkedTests {
    let evaluator: MetricsEvaluator

    init() throws { evaluator = try MetricsCase.hand.evaluator(sizes: [4, 0, 5, 100]) }

    @Test func ledgerRecordsWhatWasServedBeforeEachChangePoint() throws {
        let ledger = evaluator.ledger
        let scores = ledger.scores
        #expect(scores.maxScores == [0.2, 0, 0.9, 0.8, 0, 0.7, 0.6, 0.3])
        #expect(ledger.servedRequests == [2, 1, 3, 3, 2, 1, 2, 2])
        #expect(ledger.servedTokens == [17, 9, 33, 90, 130, 50, 100, 180])
        // Change points in account order: a0@5000, a2@3000, a2@6000, a3@2000, a3@4000, a5@5500, a6@4000, a7@7000.
        #expect(scores.times == [5000, 3000, 6000, 2000, 4000, 5500, 4000, 7000])
        #expect(ledger.requestsBefore == [1, 0, 2, 1, 2, 1, 1, 1])
        #expect(ledger.tokensBefore == [5, 0, 19, 10, 30, 50, 30, 80])
        #expect(ledger.campaignRequests == [6, 4])
        #expect(ledger.campaignRequests(of: 0, before: 2000) == 1)
        #expect(ledger.campaignRequests(of: 0, before: 4000) == 4)
        #expect(ledger.campaignRequests(of: 0, before: 5500) == 5)
        #expect(ledger.campaignRequests(of: 1, before: 4000) == 1)
        #expect(ledger.campaignRequests(of: 1, before: 7000) == 3)
        #expect(ledger.campaignRequests(of: 1, before: 5000) == nil)
        #expect(ledger.usedCampaignLabels)
        #expect(ledger.requestCount == 18)
    }

    /// τ = 0.5: flagged a2 (0.9), a3 (0.8), a5 (0.7), a6 (0.6).
    @Test func atHalf() throws {
        let m = evaluator.metrics(at: 0.5)
        // TP = {a3, a5, a6} = 3, FP = {a2} = 1, FN = {a4, a7} = 2, TN = {a0, a1} = 2.
        #expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives] == [3, 1, 2, 2])
        #expect(m.precision == 0.75)  // 3/4
        #expect(m.recall == 0.6)  // 3/5
        #expect(isClose(m.f1, 2.0 / 3))  // 2·3/(2·3 + 1 + 2) = 6/9
        #expect(isClose(m.falsePositiveRate, 1.0 / 3))  // 1/3
        // Leaked: a3 flagged at its first point ≥ 0.5 (4000 → 0.8): 30; a5 at 5500: 50; a6 at
        // 4000: 30; a4 never scored: 130; a7 max 0.3: 180. 30 + 50 + 30 + 130 + 180 = 420 of 550.
        #expect(m.leakedTokens == 420)
        #expect(m.totalTokens == 550)
        #expect(isClose(m.extractionPrevented, 1 - 420.0 / 550))  // 0.2363…
        // Collateral: a2 flagged at 3000 (0.5): its requests at 3000, 4500, 6000 = 3, 8 + 11 + 14 = 33 tokens.
        #expect(m.collateralRequests == 3)
        #expect(m.collateralTokens == 33)
        // C1: a3 (4000) and a5 (5500) flagged → detected at 4000, TTD (4000 − 1000)/1000 = 3 s,
        // 4 C1 requests before (1000, 2000, 2500, 3000); leaked 30 + 130 + 50 = 210 of 270.
        // C2: a6 flagged at 4000 → TTD (4000 − 2000)/1000 = 2 s, 1 request before; leaked 30 + 180 = 210 of 280.
        let c1 = m.campaigns[0]
        let c2 = m.campaigns[1]
        #expect(c1.id == "C1" && c1.flaggedAccounts == 2 && c1.accounts == 3)
        #expect(c1.timeToDetection == 3 && c1.requestsBeforeDetection == 4 && c1.requests == 6)
        #expect(c1.leakedTokens == 210 && c1.totalTokens == 270)
        #expect(c2.flaggedAccounts == 1 && c2.timeToDetection == 2 && c2.requestsBeforeDetection == 1)
        #expect(c2.leakedTokens == 210 && c2.totalTokens == 280)
        #expect(m.campaignRecall == 1)  // 2/2
        #expect(isClose(m.accountRecallWithinCampaigns, 7.0 / 12))  // (2/3 + 1/2)/2
        #expect(m.pooledAccountRecallWithinCampaigns == 0.6)  // 3/5
        #expect(m.medianTimeToDetection == 2.5)  // median(3, 2)
    }

    /// τ = 0.3 (the best-F1 threshold): a7 joins; a3 is now flagged at its first point (2000 → 0.4).
    @Test func atBestF1() throws {
        let m = evaluator.metrics(at: 0.3)
        #expect([m.truePositives, m.falsePositives, m.falseNegatives, m.trueNegatives] == [4, 1, 1, 2])
        #expect(m.f1 == 0.8)  // 8/(8 + 1 + 1)
        // Leaked: a3 10 + a4 130 + a5 50 + a6 30 + a7 80 = 300.
        #expect(m.leakedTokens == 300)
        // C1 detected at 2000 (a3): TTD 1 s, 1 request before (1000). C2 at 4000: 2 s. Median 1.5.
        #expect(m.campaigns[0].timeToDetection == 1 && m.campaigns[0].requestsBeforeDetection == 1)
        #expect(m.medianTimeToDetection == 1.5)
        #expect(isClose(m.accountRecallWithinCampaigns, 5.0 / 6))  // (2/3 + 2/2)/2
    }

    /// Distinct maxima descending with (TP, FP): 0.9 (0, 1), 0.8 (1, 1), 0.7 (2, 1), 0.6 (3, 1),
    /// 0.3 (4, 1), 0.2 (4, 2), 0 (5, 3).
    @Test func rankingAndOracles() throws {
        // AP = 1/5·1/2 + 1/5·2/3 + 1/5·3/4 + 1/5·4/5 + 1/5·5/8 = 0.668333…
        #expect(isClose(evaluator.averagePrecision, 0.1 + 0.2 * 2 / 3 + 0.15 + 0.16 + 0.125))
        #expect(isClose(evaluator.averagePrecision, MetricsReference.handAP, tolerance: 1e-9))
        // ROC-AUC: positives 0.8, 0.7, 0.6, 0.3 beat 2 negatives each (8); a4 (0) ties a1 (½): 8.5/15.
        #expect(isClose(evaluator.rocAUC, 8.5 / 15))
        #expect(isClose(evaluator.rocAUC, MetricsReference.handAUC, tolerance: 1e-9))
        // F1 = 2TP/(TP + FP + P): 0, 2/7, 1/2, 2/3, 4/5, 8/11, 10/13 → best at 0.3.
        #expect(evaluator.bestF1Threshold == 0.3)
        #expect(evaluator.bestF1Threshold == MetricsReference.handBestF1)
        // Budget 0.1 %: a single FP is already 1/3 → nothing qualifies → +∞.
        #expect(evaluator.fprBudgetThreshold() == .infinity)
        #expect(evaluator.fprBudgetThreshold() == MetricsReference.handFPRBudget0_001)
        // Budget 0.34: FP = 1 allowed (thresholds 0.9 … 0.3), most recall at 0.3.
        #expect(evaluator.fprBudgetThreshold(budget: 0.34) == MetricsReference.handFPRBudget0_34)
    }

    @Test func everyThresholdMatchesTheReference() throws {
        for row in MetricsReference.handRows { expectMatches(evaluator.metrics(at: row.threshold), row) }
    }

    /// Without `request_labels.csv`, the mixed account's genuine requests count as served and as
    /// campaign requests: a5 serves 7 + 50 + 13 = 70 tokens, 57 of them before its flag at 5500;
    /// C1 has 8 requests, 5 before 4000.
    @Test func withoutCampaignLabels() throws {
        let unlabelled = try MetricsCase.hand.evaluator(sizes: [3], labelled: false)
        #expect(!unlabelled.ledger.usedCampaignLabels)
        #expect(unlabelled.ledger.servedTokens[5] == 70)
        for row in MetricsReference.handRowsUnlabelled { expectMatches(unlabelled.metrics(at: row.threshold), row) }
    }

    /// Batching does not change anything: one batch, batches of one, batches splitting a millisecond.
    @Test(arguments: [[], [1], [2, 3], [4, 0, 5, 100], [17]])
    func batchingIsInvisible(sizes: [Int]) throws {
        let other = try MetricsCase.hand.evaluator(sizes: sizes)
        #expect(other.ledger.requestsBefore == evaluator.ledger.requestsBefore)
        #expect(other.ledger.tokensBefore == evaluator.ledger.tokensBefore)
        #expect(other.ledger.campaignRequestsBefore == evaluator.ledger.campaignRequestsBefore)
        for row in MetricsReference.handRows {
            #expect(other.metrics(at: row.threshold) == evaluator.metrics(at: row.threshold))
        }
    }

    /// Recall per tactic and FPR per persona at τ = 0.5.
    @Test func breakdowns() throws {
        let tactics = evaluator.recallByTactic(at: 0.5)
        // cot-harvest: a6 of {a6, a7}; hydra: a3, a5 of {a3, a4, a5}.
        #expect(
            tactics == [
                TacticRecall(tactic: "cot-harvest", positives: 2, flagged: 1),
                TacticRecall(tactic: "hydra", positives: 3, flagged: 2),
            ])
        #expect(tactics[1].recall == 2.0 / 3)
        let personas = evaluator.falsePositivesByPersona(at: 0.5)
        #expect(
            personas == [
                PersonaFalsePositives(persona: "chat-app", decoy: false, accounts: 1, flagged: 0),
                PersonaFalsePositives(persona: "developer", decoy: false, accounts: 1, flagged: 0),
                PersonaFalsePositives(persona: "eval-harness", decoy: true, accounts: 1, flagged: 1),
            ])
        #expect(personas[2].falsePositiveRate == 1)
    }

    @Test func reportHasTheFourOperatingPoints() throws {
        let report = try evaluator.report(name: "volume", defaultThreshold: 0.5, tunedThreshold: 0.6, fprBudget: 0.34)
        #expect(report.available)
        #expect(report.operatingPoints.map(\.kind) == [.default, .bestF1, .fprBudget, .tuned])
        #expect(report.operatingPoints.map(\.threshold) == [0.5, 0.3, 0.3, 0.6])
        #expect(report.positives == 5 && report.negatives == 3 && report.campaigns == 2 && report.accounts == 8)
        #expect(report.changePoints == 8)
        #expect(report.operatingPoint(.default)?.metrics == evaluator.metrics(at: 0.5))
        #expect(report.operatingPoint(.default)?.byTactic == evaluator.recallByTactic(at: 0.5))
        let plain = try evaluator.report(name: "volume", defaultThreshold: 0.5)
        #expect(plain.operatingPoints.map(\.kind) == [.default, .bestF1, .fprBudget])
        #expect(plain.operatingPoint(.fprBudget)?.threshold == .infinity)
        #expect(plain.operatingPoint(.fprBudget)?.metrics.precision == nil)
    }
}
