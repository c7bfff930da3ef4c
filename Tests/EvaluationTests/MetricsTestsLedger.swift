import Detection
import Evaluation
import GroundTruth
import Testing
import Traffic

/// The exposure ledger's before/after semantics and its errors.
struct MetricsLedgerTests {
    /// One adversarial account `adv` in campaign `K` (start 0) and one benign `ben`.
    static func tiny(
        requests: [(Int64, UInt32, Int32)], points: [(UInt32, Int64, Double)]
    ) -> MetricsCase {
        let accounts = [
            AccountTruth(account: "adv", label: .adversarial, tactic: "hydra", campaign: "K"),
            AccountTruth(account: "ben", label: .benign, persona: "developer"),
        ]
        let campaign = CampaignTruth(id: "K", tactic: "hydra", accounts: ["adv"], start: 0, end: 1000, requested: 5)
        return MetricsCase(
            accountIDs: ["adv", "ben"], truth: GroundTruth(accounts: accounts, campaigns: [campaign]),
            requests: requests.map { (ts: $0.0, account: $0.1, tokens: $0.2, label: $0.1 == 0 ? 0 : -1) },
            changePoints: points.map { ScoreBoard.ChangePoint(account: $0.0, time: $0.1, score: $0.2) })
    }

    /// Requests at 100, 200, 200, 300 (tokens 1, 2, 4, 8) and a flag at 200: only the request at
    /// 100 was served before it; both requests of the flag's millisecond count as blocked.
    @Test(arguments: [[], [1], [2], [3]])
    func sameMillisecondAsTheFlagIsBlocked(sizes: [Int]) throws {
        let trace = Self.tiny(
            requests: [(100, 0, 1), (200, 0, 2), (200, 0, 4), (300, 0, 8), (100, 1, 16), (200, 1, 32), (300, 1, 64)]
                .sorted { $0.0 < $1.0 },
            points: [(0, 200, 1), (1, 200, 1)])
        let ledger = try trace.ledger(sizes: sizes)
        #expect(ledger.requestsBefore == [1, 1])
        #expect(ledger.tokensBefore == [1, 16])
        #expect(ledger.servedTokens == [15, 112])
        #expect(ledger.campaignRequests(of: 0, before: 200) == 1)
        let m = try MetricsEvaluator(ledger: ledger).metrics(at: 1)
        #expect(m.leakedTokens == 1)
        #expect(m.extractionPrevented == 1 - 1.0 / 15)
        // The benign account's requests at and after 200: 32 + 64.
        #expect(m.collateralRequests == 2 && m.collateralTokens == 96)
        #expect(m.campaigns[0].timeToDetection == 0.2 && m.campaigns[0].requestsBeforeDetection == 1)
    }

    /// A change point before any request sees nothing; one after the last request sees everything;
    /// several at the same time as each other share their snapshot.
    @Test func changePointsBeforeAndAfterTheTraffic() throws {
        let trace = Self.tiny(
            requests: [(100, 0, 1), (200, 0, 2), (300, 1, 4)],
            points: [(0, 50, 0.2), (0, 50, 0.4), (0, 999, 0.9), (1, 5000, 3)])
        let ledger = try trace.ledger()
        #expect(ledger.scores.times == [50, 50, 999, 5000])
        #expect(ledger.requestsBefore == [0, 0, 2, 1])
        #expect(ledger.tokensBefore == [0, 0, 3, 4])
        let evaluator = try MetricsEvaluator(ledger: ledger)
        #expect(evaluator.metrics(at: 0.3).leakedTokens == 0)
        #expect(evaluator.metrics(at: 0.5).leakedTokens == 3)
        // The benign account flagged after its last request: no collateral.
        #expect(evaluator.metrics(at: 2).collateralRequests == 0)
    }

    /// Unsorted, repeated, non-rising and non-finite change points are normalised as a ScoreBoard
    /// would record them.
    @Test func scoreHistoryKeepsOnlyRises() throws {
        let points = [
            ScoreBoard.ChangePoint(account: 1, time: 30, score: 0.5),
            ScoreBoard.ChangePoint(account: 0, time: 20, score: 0.3),
            ScoreBoard.ChangePoint(account: 1, time: 10, score: 0.2),
            ScoreBoard.ChangePoint(account: 1, time: 40, score: 0.4),
            ScoreBoard.ChangePoint(account: 1, time: 50, score: .nan),
            ScoreBoard.ChangePoint(account: 1, time: 60, score: .infinity),
            ScoreBoard.ChangePoint(account: 1, time: 70, score: 0.9),
            ScoreBoard.ChangePoint(account: 0, time: 80, score: 0),
        ]
        let history = try ScoreHistory(accountCount: 3, changePoints: points)
        #expect(history.offsets == [0, 1, 4, 4])
        #expect(history.times == [20, 10, 30, 70])
        #expect(history.scores == [0.3, 0.2, 0.5, 0.9])
        #expect(history.maxScores == [0.3, 0.9, 0])
        #expect(history.firstCrossing(of: 1, at: 0.3) == 2)
        #expect(history.firstCrossing(of: 1, at: 0.95) == nil)
        #expect(history.firstCrossing(of: 2, at: 0.1) == nil)

        var board = ScoreBoard(accounts: 3)
        for point in points where point.time < 80 {
            board.record(account: point.account, time: point.time, score: point.score)
        }
        // The board sees them in the given (non-time) order, so it keeps different rises; the
        // maxima agree.
        #expect(try ScoreHistory(board: board, accountCount: 3).maxScores == history.maxScores)
    }

    @Test func errors() throws {
        let trace = Self.tiny(requests: [(100, 0, 1), (200, 1, 2)], points: [(0, 150, 1)])
        let scores = try ScoreHistory(accountCount: 2, changePoints: trace.changePoints)
        let truth = try trace.truthTable()
        let batch = try #require(trace.batches(sizes: []).first)

        #expect(throws: MetricsError.accountCodeOutOfRange(code: 5, accounts: 2)) {
            try ScoreHistory(accountCount: 2, changePoints: [ScoreBoard.ChangePoint(account: 5, time: 1, score: 1)])
        }
        #expect(throws: MetricsError.accountCountMismatch(scores: 3, truth: 2)) {
            try ExposureLedger(scores: try ScoreHistory(accountCount: 3, changePoints: []), truth: truth)
        }
        var ledger = try ExposureLedger(scores: scores, truth: truth)
        #expect(throws: MetricsError.labelCountMismatch(requests: 2, labels: 1)) {
            try ledger.observe(batch.batch, campaignLabels: [0])
        }
        #expect(throws: MetricsError.campaignLabelOutOfRange(label: 1, campaigns: 1)) {
            try ledger.observe(batch.batch, campaignLabels: [0, 1])
        }
        #expect(throws: MetricsError.campaignLabelOutOfRange(label: -2, campaigns: 1)) {
            try ledger.observe(batch.batch, campaignLabels: [0, -2])
        }
        var outside = batch.batch
        outside.accounts[1] = 7
        #expect(throws: MetricsError.accountCodeOutOfRange(code: 7, accounts: 2)) {
            try ledger.observe(outside, campaignLabels: nil)
        }
        #expect(ledger.requestCount == 0)  // failed batches are not accounted for
        #expect(throws: MetricsError.ledgerNotFinished) { try MetricsEvaluator(ledger: ledger) }
        try ledger.observe(batch.batch, campaignLabels: batch.labels)
        #expect(throws: MetricsError.outOfOrder(previous: 200, next: 100)) {
            try ledger.observe(batch.batch, campaignLabels: batch.labels)
        }
        ledger.finish()
        ledger.finish()
        #expect(throws: MetricsError.ledgerFinished) { try ledger.observe(batch.batch, campaignLabels: nil) }
        #expect(ledger.requestCount == 2)
        #expect(ledger.requestsBefore == [1])

        let unlabelled = GroundTruth(accounts: [trace.truth.accounts[0]], campaigns: [])
        #expect(throws: MetricsError.unlabelledAccount("ben")) {
            try TruthTable(accountIDs: trace.accountIDs, truth: unlabelled)
        }
        #expect(throws: MetricsError.unknownAccount("adv")) { try TruthTable(accountIDs: ["ben"], truth: unlabelled) }
        let strayMember = GroundTruth(
            accounts: trace.truth.accounts,
            campaigns: [CampaignTruth(id: "K", tactic: "hydra", accounts: ["ghost"], start: 0, end: 1, requested: 1)])
        #expect(throws: MetricsError.unknownCampaignMember(campaign: "K", account: "ghost")) {
            try TruthTable(accountIDs: trace.accountIDs, truth: strayMember)
        }
        for error in [MetricsError.ledgerFinished, .outOfOrder(previous: 2, next: 1), .invalidBudget(2)] {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
    }

    @Test func reportRejectsBadInputs() throws {
        let evaluator = try MetricsCase.hand.evaluator()
        #expect(throws: MetricsError.invalidBudget(1.5)) {
            try evaluator.report(name: "x", defaultThreshold: 1, fprBudget: 1.5)
        }
        #expect(throws: MetricsError.self) { try evaluator.report(name: "x", defaultThreshold: .nan) }
        #expect(throws: MetricsError.invalidBudget(-1)) {
            try ThresholdSelection.tuned(seeds: [([1], [true])], budget: -1)
        }
    }
}
