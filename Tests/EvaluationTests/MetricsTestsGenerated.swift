import Evaluation
import Testing

/// The exact metrics of a generated trace (300 accounts, 30 000 requests, many same-millisecond
/// ties) against the brute-force, independent values of `scripts/metrics_reference.py`.
struct MetricsGeneratedTests {
    static let trace = MetricsCase.generated(seed: 1)

    @Test func rankingAndOraclesMatchScikitLearn() throws {
        let evaluator = try Self.trace.evaluator(sizes: [1000])
        #expect(isClose(evaluator.averagePrecision, MetricsReference.generatedAP, tolerance: 1e-9))
        #expect(isClose(evaluator.rocAUC, MetricsReference.generatedAUC, tolerance: 1e-9))
        #expect(evaluator.bestF1Threshold == MetricsReference.generatedBestF1)
        for (budget, threshold) in MetricsReference.generatedFPRBudget {
            #expect(evaluator.fprBudgetThreshold(budget: budget) == threshold, "budget \(budget)")
        }
    }

    /// Every distinct maximum plus thresholds between, below and above them.
    @Test(arguments: [[1000], [1], [7, 0, 4096], []])
    func everyThresholdMatchesTheReference(sizes: [Int]) throws {
        let evaluator = try Self.trace.evaluator(sizes: sizes)
        for row in MetricsReference.generatedRows { expectMatches(evaluator.metrics(at: row.threshold), row) }
    }

    @Test func withoutCampaignLabelsMatchesTheReference() throws {
        let evaluator = try Self.trace.evaluator(sizes: [333], labelled: false)
        for row in MetricsReference.generatedRowsUnlabelled { expectMatches(evaluator.metrics(at: row.threshold), row) }
    }

    /// The sweep covers every distinct maximum (there are fewer than 2 000) and the extra thresholds.
    @Test func sweepRowsAreTheReferenceRows() throws {
        let evaluator = try Self.trace.evaluator(sizes: [4096])
        let sweep = Sweep(evaluator: evaluator, extraThresholds: MetricsReference.generatedExtraThresholds)
        #expect(sweep.rows.count == MetricsReference.generatedRows.count)
        for (row, expected) in zip(sweep.rows, MetricsReference.generatedRows) { expectMatches(row, expected) }
    }

    /// Tuning on seeds 2–4 at a 1 % budget: each seed's FPR-budget threshold, their median and the
    /// pooled threshold, then applied unchanged to seed 1.
    @Test func tunedThresholdFromTuningSeeds() throws {
        let seeds = try [2, 3, 4].map { seed in
            let evaluator = try MetricsCase.generated(seed: UInt64(seed)).evaluator()
            return (maxScores: evaluator.ledger.scores.maxScores, positives: evaluator.ledger.truth.positives)
        }
        let perSeed = seeds.map {
            ThresholdSelection.fprBudget(RankingCurve(scores: $0.maxScores, labels: $0.positives), budget: 0.01)
        }
        #expect(perSeed == MetricsReference.tuningThresholds)
        let median = try #require(try ThresholdSelection.tuned(seeds: seeds, budget: 0.01))
        #expect(median == MetricsReference.tunedMedian)
        #expect(try ThresholdSelection.tuned(seeds: seeds, budget: 0.01, rule: .pooled) == MetricsReference.tunedPooled)
        #expect(try ThresholdSelection.tuned(seeds: [], budget: 0.01) == nil)

        let evaluator = try Self.trace.evaluator()
        let report = try evaluator.report(name: "d", defaultThreshold: 0.5, tunedThreshold: median, fprBudget: 0.01)
        let tuned = try #require(report.operatingPoint(.tuned))
        #expect(tuned.metrics == evaluator.metrics(at: median))
        let row = try #require(MetricsReference.generatedRows.first { $0.threshold == median })
        expectMatches(tuned.metrics, row)
    }

    /// Median of an even count and with seeds that cannot meet the budget.
    @Test func tuningMedianRule() throws {
        let good = (maxScores: [0.9, 0.1, 0.2], positives: [true, false, false])
        let better = (maxScores: [0.7, 0.1, 0.2], positives: [true, false, false])
        let hopeless = (maxScores: [0.1, 0.9, 0.2], positives: [true, false, false])
        #expect(try ThresholdSelection.tuned(seeds: [good, better]) == 0.8)  // (0.9 + 0.7)/2
        #expect(try ThresholdSelection.tuned(seeds: [good, better, hopeless]) == 0.9)  // median(0.7, 0.9, +∞)
        #expect(try ThresholdSelection.tuned(seeds: [good, hopeless]) == .infinity)
        #expect(try ThresholdSelection.tuned(seeds: [good, hopeless], rule: .pooled) == .infinity)
        // Pooled (N = 4): 0.9 (TP 1), 0.7 (TP 2, FP 0), 0.2 (TP 2, FPR ½): the tie in recall keeps 0.7.
        #expect(try ThresholdSelection.tuned(seeds: [good, better], budget: 0.5, rule: .pooled) == 0.7)
    }
}
