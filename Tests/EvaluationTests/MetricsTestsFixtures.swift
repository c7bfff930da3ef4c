import Detection
import Evaluation
import GroundTruth
import Testing
import Traffic

/// A small trace for the metrics tests: accounts with their truth, campaigns, requests (time,
/// account, completion tokens, campaign label) in time order, and a detector's change points.
/// The same cases are built by `scripts/metrics_reference.py`.
struct MetricsCase {
    var accountIDs: [String]
    var truth: GroundTruth
    var requests: [(ts: Int64, account: UInt32, tokens: Int32, label: Int32)]
    var changePoints: [ScoreBoard.ChangePoint]

    // MARK: - Cases

    /// The hand-worked case (see `MetricsTestsHandWorked.swift` for every figure by hand).
    ///
    /// | code | account | label | persona / tactic | campaign |
    /// |---|---|---|---|---|
    /// | 0 | a-benign-1 | benign | chat-app | |
    /// | 1 | a-benign-2 | benign | developer | |
    /// | 2 | a-decoy | benign, decoy | eval-harness | |
    /// | 3 | c1-adv-1 | adversarial | hydra | C1 (start 1000) |
    /// | 4 | c1-adv-2 | adversarial | hydra | C1 |
    /// | 5 | c1-mixed | mixed | router / hydra | C1 |
    /// | 6 | c2-adv-1 | adversarial | cot-harvest | C2 (start 2000) |
    /// | 7 | c2-adv-2 | adversarial | cot-harvest | C2 |
    static let hand: MetricsCase = {
        let accounts = [
            AccountTruth(account: "a-benign-1", label: .benign, persona: "chat-app"),
            AccountTruth(account: "a-benign-2", label: .benign, persona: "developer"),
            AccountTruth(account: "a-decoy", label: .benign, persona: "eval-harness", decoy: true),
            AccountTruth(account: "c1-adv-1", label: .adversarial, tactic: "hydra", campaign: "C1"),
            AccountTruth(account: "c1-adv-2", label: .adversarial, tactic: "hydra", campaign: "C1"),
            AccountTruth(account: "c1-mixed", label: .mixed, persona: "router", tactic: "hydra", campaign: "C1"),
            AccountTruth(account: "c2-adv-1", label: .adversarial, tactic: "cot-harvest", campaign: "C2"),
            AccountTruth(account: "c2-adv-2", label: .adversarial, tactic: "cot-harvest", campaign: "C2"),
        ]
        let campaigns = [
            CampaignTruth(
                id: "C1", tactic: "hydra", accounts: ["c1-adv-1", "c1-adv-2", "c1-mixed"], start: 1000, end: 6000,
                requested: 10),
            CampaignTruth(
                id: "C2", tactic: "cot-harvest", accounts: ["c2-adv-1", "c2-adv-2"], start: 2000, end: 7000,
                requested: 10),
        ]
        let requests: [(Int64, UInt32, Int32, Int32)] = [
            (1000, 3, 10, 0), (1000, 0, 5, -1), (1500, 5, 7, -1), (2000, 3, 20, 0), (2000, 6, 30, 1),
            (2500, 4, 40, 0), (3000, 5, 50, 0), (3000, 2, 8, -1), (3500, 1, 9, -1), (4000, 3, 60, 0),
            (4000, 6, 70, 1), (4500, 2, 11, -1), (5000, 7, 80, 1), (5000, 0, 12, -1), (5500, 5, 13, -1),
            (6000, 4, 90, 0), (6000, 2, 14, -1), (7000, 7, 100, 1),
        ]
        let points: [(UInt32, Int64, Double)] = [
            (3, 2000, 0.4), (2, 3000, 0.5), (3, 4000, 0.8), (6, 4000, 0.6), (0, 5000, 0.2), (5, 5500, 0.7),
            (2, 6000, 0.9), (7, 7000, 0.3),
        ]
        return MetricsCase(
            accountIDs: accounts.map(\.account), truth: GroundTruth(accounts: accounts, campaigns: campaigns),
            requests: requests.map { (ts: $0.0, account: $0.1, tokens: $0.2, label: $0.3) },
            changePoints: points.map { ScoreBoard.ChangePoint(account: $0.0, time: $0.1, score: $0.2) })
    }()

    /// 300 accounts (60 positive in 3 campaigns, 9 of them mixed), 30 000 requests with many
    /// same-millisecond ties, 0–3 change points per account on a 1/20 score grid: the formulas
    /// of `generated_case` in `scripts/metrics_reference.py`.
    static func generated(seed: UInt64) -> MetricsCase {
        var rng = MetricsLCG(seed: seed)
        let personas = ["chat-app", "developer", "eval-harness", "router"]
        let tactics = ["hydra", "cot-harvest", "hydra"]
        var accounts: [AccountTruth] = []
        for a in 0..<300 {
            let id = "acct-" + String(repeating: "0", count: 3 - String(a).count) + String(a)
            if a < 240 {
                let persona = personas[a % 4]
                accounts.append(
                    AccountTruth(
                        account: id, label: .benign, persona: persona,
                        decoy: persona == "eval-harness" || persona == "router"))
            } else {
                let c = (a - 240) / 20
                let mixed = (a - 240) % 20 < 3
                accounts.append(
                    AccountTruth(
                        account: id, label: mixed ? .mixed : .adversarial, persona: mixed ? "router" : nil,
                        tactic: tactics[c], campaign: "camp-\(c)"))
            }
        }
        var campaigns: [CampaignTruth] = []
        for c in 0..<3 {
            let first: Int = 240 + 20 * c
            let members: [String] = accounts[first..<first + 20].map(\.account)
            let start = Int64(1000 + 5000 * c)
            campaigns.append(
                CampaignTruth(
                    id: "camp-\(c)", tactic: tactics[c], accounts: members, start: start, end: 40_000, requested: 1000))
        }
        var requests: [(ts: Int64, account: UInt32, tokens: Int32, label: Int32)] = []
        var ts: Int64 = 0
        for _ in 0..<30_000 {
            ts += Int64(rng.next(3))
            let a = Int(rng.next(300))
            let tokens = Int32(rng.next(500) + 1)
            var label: Int32 = -1
            if a >= 240 {
                let campaign = Int32((a - 240) / 20)
                let mixed = (a - 240) % 20 < 3
                label = mixed && rng.next(2) != 0 ? -1 : campaign
            }
            requests.append((ts, UInt32(a), tokens, label))
        }
        var points: [ScoreBoard.ChangePoint] = []
        for a in 0..<300 {
            let k = rng.next(4)
            let times = (0..<k).map { _ in Int64(rng.next(32_000)) }.sorted()
            var level: UInt64 = 0
            for time in times {
                level += a >= 240 ? rng.next(8) + 2 : rng.next(6) + 1
                points.append(ScoreBoard.ChangePoint(account: UInt32(a), time: time, score: Double(level) / 20))
            }
        }
        // As a ScoreBoard records them: time order (stable, like Python's sort).
        let ordered = points.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        return MetricsCase(
            accountIDs: accounts.map(\.account), truth: GroundTruth(accounts: accounts, campaigns: campaigns),
            requests: requests, changePoints: ordered)
    }

    // MARK: - Running

    /// The requests as batches of the given sizes (cycled), with their campaign labels.
    func batches(sizes: [Int]) -> [(batch: RequestBatch, labels: [Int32])] {
        let names = Interner(accountIDs)
        let symbols = Interner()
        var result: [(RequestBatch, [Int32])] = []
        var start = 0
        var turn = 0
        repeat {
            let size = sizes.isEmpty ? requests.count : sizes[turn % sizes.count]
            turn += 1
            let slice = requests[start..<min(start + size, requests.count)]
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            batch.timestamps = slice.map(\.ts)
            batch.accounts = slice.map(\.account)
            batch.completionTokens = slice.map(\.tokens)
            result.append((batch, slice.map(\.label)))
            start += size
        } while start < requests.count
        return result
    }

    /// The truth resolved against the account table.
    func truthTable() throws -> TruthTable { try TruthTable(accountIDs: accountIDs, truth: truth) }

    /// The finished ledger of the change points over the requests, fed in batches of `sizes`.
    func ledger(sizes: [Int] = [], labelled: Bool = true) throws -> ExposureLedger {
        let scores = try ScoreHistory(accountCount: accountIDs.count, changePoints: changePoints)
        var ledger = try ExposureLedger(scores: scores, truth: try truthTable())
        for (batch, labels) in batches(sizes: sizes) {
            try ledger.observe(batch, campaignLabels: labelled ? labels : nil)
        }
        ledger.finish()
        return ledger
    }

    /// The evaluator of the case.
    func evaluator(sizes: [Int] = [], labelled: Bool = true) throws -> MetricsEvaluator {
        try MetricsEvaluator(ledger: try ledger(sizes: sizes, labelled: labelled))
    }
}

/// Knuth's MMIX linear congruential generator, as in `scripts/metrics_reference.py`.
struct MetricsLCG {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (state >> 33) % bound
    }
}

/// Checks `metrics` against a reference row, every figure to 1e-9.
func expectMatches(_ metrics: Metrics, _ row: MetricsReference.Row, sourceLocation: SourceLocation = #_sourceLocation) {
    let tau = row.threshold
    func same(_ actual: Double?, _ expected: Double?, _ what: String) {
        switch (actual, expected) {
        case (nil, nil): break
        case (let actual?, let expected?):
            #expect(
                isClose(actual, expected, tolerance: 1e-9), "τ=\(tau) \(what): \(actual) vs \(expected)",
                sourceLocation: sourceLocation)
        default:
            Issue.record(
                "τ=\(tau) \(what): \(String(describing: actual)) vs \(String(describing: expected))",
                sourceLocation: sourceLocation)
        }
    }
    #expect(metrics.threshold == row.threshold, sourceLocation: sourceLocation)
    #expect(
        [metrics.truePositives, metrics.falsePositives, metrics.falseNegatives, metrics.trueNegatives]
            == [row.tp, row.fp, row.fn, row.tn], "τ=\(tau) confusion", sourceLocation: sourceLocation)
    same(metrics.precision, row.precision, "precision")
    same(metrics.recall, row.recall, "recall")
    same(metrics.f1, row.f1, "f1")
    same(metrics.falsePositiveRate, row.fpr, "fpr")
    same(metrics.campaignRecall, row.campaignRecall, "campaign recall")
    same(metrics.accountRecallWithinCampaigns, row.withinCampaigns, "account recall within campaigns")
    same(metrics.pooledAccountRecallWithinCampaigns, row.pooled, "pooled account recall")
    same(metrics.medianTimeToDetection, row.medianTTD, "median TTD")
    #expect(metrics.leakedTokens == row.leaked, "τ=\(tau) leaked", sourceLocation: sourceLocation)
    #expect(metrics.totalTokens == row.total, "τ=\(tau) total", sourceLocation: sourceLocation)
    same(metrics.extractionPrevented, row.prevented, "extraction prevented")
    #expect(
        metrics.collateralRequests == row.collateralRequests, "τ=\(tau) collateral requests",
        sourceLocation: sourceLocation)
    #expect(
        metrics.collateralTokens == row.collateralTokens, "τ=\(tau) collateral tokens", sourceLocation: sourceLocation)
    #expect(metrics.campaigns.count == row.campaigns.count, sourceLocation: sourceLocation)
    for (outcome, expected) in zip(metrics.campaigns, row.campaigns) {
        #expect(outcome.flaggedAccounts == expected.0, "τ=\(tau) \(outcome.id) flagged", sourceLocation: sourceLocation)
        same(outcome.timeToDetection, expected.1, "\(outcome.id) TTD")
        #expect(
            outcome.requestsBeforeDetection == expected.2, "τ=\(tau) \(outcome.id) requests before",
            sourceLocation: sourceLocation)
        #expect(outcome.requests == expected.3, "τ=\(tau) \(outcome.id) requests", sourceLocation: sourceLocation)
        #expect(outcome.leakedTokens == expected.4, "τ=\(tau) \(outcome.id) leaked", sourceLocation: sourceLocation)
        #expect(outcome.totalTokens == expected.5, "τ=\(tau) \(outcome.id) total", sourceLocation: sourceLocation)
    }
}
