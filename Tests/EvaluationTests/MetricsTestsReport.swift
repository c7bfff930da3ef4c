import Detection
import Evaluation
import Foundation
import GroundTruth
import Testing

/// `summary.json` entries, the sweep CSV and summaries over seeds.
struct MetricsReportTests {
    // MARK: - JSON

    @Test func jsonWritesEveryKeyWithNullsAndInfinity() throws {
        let evaluator = try MetricsCase.hand.evaluator()
        let report = try evaluator.report(name: "volume", defaultThreshold: 0.5)
        let data = try report.encoded()
        let text = try #require(String(data: data, encoding: .utf8))
        // The FPR-budget point flags nothing: τ = +∞ is written "inf", its precision null.
        #expect(text.contains(#""threshold" : "inf""#))
        #expect(text.contains(#""precision" : null"#))
        #expect(text.contains(#""throughput_rps" : null"#))
        #expect(text.contains(#""kind" : "best_f1""#))
        #expect(text.contains(#""median_time_to_detection_s" : 2.5"#))
        // Sorted keys, so the bytes are deterministic.
        let keys = [
            "\"accounts\"", "\"ap\"", "\"available\"", "\"campaigns\"", "\"name\"", "\"operating_points\"",
            "\"roc_auc\"",
        ]
        let positions = try keys.map { try #require(text.range(of: $0)?.lowerBound) }
        #expect(positions == positions.sorted())
        #expect(try report.encoded() == data)
        // Every key of an operating point is present even when undefined.
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let points = try #require(object["operating_points"] as? [[String: Any]])
        #expect(points.count == 3)
        for point in points {
            for key in [
                "kind", "threshold", "precision", "recall", "f1", "fpr", "campaign_recall", "leaked_tokens",
                "extraction_prevented", "median_time_to_detection_s", "collateral_requests", "by_tactic", "by_persona",
                "campaigns", "tp", "fp", "fn", "tn",
            ] {
                #expect(point[key] != nil, "missing \(key)")
            }
        }
        #expect(try JSONDecoder().decode(MetricsReport.self, from: data) == report)
    }

    @Test func traceWithoutTruthHasNoMetrics() throws {
        var board = ScoreBoard(accounts: 3)
        board.record(account: 1, time: 10, score: 0.7)
        let scores = try ScoreHistory(board: board, accountCount: 3)
        var report = MetricsReport.unavailable(name: "volume", defaultThreshold: 0.5, scores: scores)
        report.throughputRPS = 1.5e6
        #expect(!report.available && report.operatingPoints.isEmpty && report.averagePrecision == nil)
        #expect(report.accounts == 3 && report.changePoints == 1)
        let text = try #require(String(data: try report.encoded(), encoding: .utf8))
        #expect(text.contains(#""available" : false"#) && text.contains(#""ap" : null"#))
        #expect(text.contains(#""roc_auc" : null"#) && text.contains(#""throughput_rps" : 1500000"#))
        #expect(try JSONDecoder().decode(MetricsReport.self, from: try report.encoded()) == report)
    }

    // MARK: - Sweep

    /// The hand case's distinct maxima 0, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9 plus the operating points.
    @Test func sweepCSV() throws {
        let evaluator = try MetricsCase.hand.evaluator()
        let report = try evaluator.report(name: "volume", defaultThreshold: 0.5)
        let sweep = Sweep(evaluator: evaluator, report: report)
        #expect(sweep.rows.map(\.threshold) == [0, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, .infinity])
        let lines = sweep.csv().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0]
                == "threshold,tp,fp,fn,tn,precision,recall,f1,fpr,campaign_recall,leaked_tokens,extraction_prevented,median_time_to_detection_s,collateral_requests"
        )
        #expect(
            lines[4] == "0.5,3,1,2,2,0.75,0.6,0.6666666666666666,0.3333333333333333,1.0,420,0.23636363636363633,2.5,3")
        #expect(lines[9] == "inf,0,0,5,3,,0.0,0.0,0.0,0.0,550,0.0,,0")
        #expect(lines.count == 11 && lines[10].isEmpty)
    }

    /// More distinct maxima than the limit: quantiles of them at ranks round(j·(D − 1)/(M − 1)).
    @Test func sweepTakesQuantilesOfManyDistinctScores() throws {
        let evaluator = try MetricsCase.hand.evaluator()
        // D = 7, M = 3: ranks 0, 3, 6 of 0, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9.
        #expect(Sweep(evaluator: evaluator, limit: 3).rows.map(\.threshold) == [0, 0.6, 0.9])
        #expect(
            Sweep(evaluator: evaluator, extraThresholds: [0.65, .nan], limit: 3).rows.map(\.threshold) == [
                0, 0.6, 0.65, 0.9,
            ])

        // 5 000 accounts with distinct maxima 1…5000 (every 10th positive): 2 000 thresholds.
        let count = 5000
        let accounts = (0..<count).map {
            AccountTruth(account: "a\($0)", label: $0 % 10 == 0 ? .adversarial : .benign, persona: "developer")
        }
        let trace = MetricsCase(
            accountIDs: accounts.map(\.account), truth: GroundTruth(accounts: accounts, campaigns: []), requests: [],
            changePoints: (0..<count).map {
                ScoreBoard.ChangePoint(account: UInt32($0), time: Int64($0), score: Double($0 + 1))
            })
        let large = try trace.evaluator()
        let thresholds = Sweep(evaluator: large, extraThresholds: [2.5]).rows.map(\.threshold)
        #expect(thresholds.count == Sweep.maximumThresholds + 1)
        #expect(thresholds.first == 1 && thresholds.last == 5000 && thresholds.contains(2.5))
        #expect(thresholds == thresholds.sorted() && Set(thresholds).count == thresholds.count)
    }

    // MARK: - Several seeds

    @Test func summaryOverSeedsHasStudentIntervals() throws {
        var reports = try [1, 2, 3].map { seed in
            try MetricsCase.generated(seed: UInt64(seed)).evaluator()
                .report(name: "d", defaultThreshold: 0.5, tunedThreshold: 0.85, fprBudget: 0.01)
        }
        for (index, throughput) in [100.0, 200, 300].enumerated() { reports[index].throughputRPS = throughput }
        var unavailable = MetricsReport.unavailable(
            name: "d", defaultThreshold: 0.5, scores: try ScoreHistory(accountCount: 1, changePoints: []))
        unavailable.throughputRPS = nil
        let summary = MetricsSummary(name: "d", reports: reports + [unavailable])
        #expect(summary.seeds == 4 && summary.available == 3)

        let aps = reports.compactMap(\.averagePrecision)
        let mean = aps.reduce(0, +) / 3
        let sd = (aps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let half = MetricsReference.studentT975df2 * sd / 3.0.squareRoot()
        #expect(summary.averagePrecision.n == 3)
        #expect(isClose(summary.averagePrecision.mean, mean, tolerance: 1e-12))
        #expect(isClose(summary.averagePrecision.lower, mean - half, tolerance: 1e-9))
        #expect(isClose(summary.averagePrecision.upper, mean + half, tolerance: 1e-9))
        // Throughput 100, 200, 300: mean 200, s = 100, half-width t·100/√3.
        #expect(summary.throughputRPS.mean == 200)
        #expect(
            isClose(
                summary.throughputRPS.upper, 200 + MetricsReference.studentT975df2 * 100 / 3.0.squareRoot(),
                tolerance: 1e-9))

        #expect(summary.operatingPoints.map(\.kind) == [.default, .bestF1, .fprBudget, .tuned])
        let tuned = try #require(summary.operatingPoints.last)
        // The tuned threshold is the same on every seed: a zero-width interval.
        let threshold = try #require(tuned.figures["threshold"])
        #expect(threshold.mean == 0.85 && threshold.lower == 0.85 && threshold.upper == 0.85 && threshold.n == 3)
        let recalls = reports.compactMap { $0.operatingPoint(.tuned)?.metrics.recall }
        #expect(isClose(tuned.figures["recall"]?.mean, recalls.reduce(0, +) / 3, tolerance: 1e-12))
        #expect(tuned.recallByTactic.keys.sorted() == ["cot-harvest", "hydra"])
        #expect(
            tuned.falsePositiveRateByPersona.keys.sorted() == [
                "chat-app", "developer", "eval-harness (decoy)", "router (decoy)",
            ])

        // One seed: a mean but no interval; JSON has nulls, never NaN.
        let single = MetricsSummary(name: "d", reports: [reports[0]])
        #expect(single.averagePrecision.mean == reports[0].averagePrecision && single.averagePrecision.lower == nil)
        let text = try #require(String(data: try single.encoded(), encoding: .utf8))
        #expect(text.contains(#""lower" : null"#) && !text.contains("NaN") && !text.contains("nan"))
        _ = try summary.encoded()
    }

    @Test func intervalLeavesOutUndefinedAndInfiniteValues() {
        let interval = MetricInterval([nil, 2, .infinity, 4])
        #expect(interval.n == 2 && interval.mean == 3)
        // t(0.975, 1) · s/√2 with s = √2: t.
        #expect(isClose(interval.upper, 3 + MetricsReference.studentT975df1, tolerance: 1e-9))
        let empty = MetricInterval([nil, nil])
        #expect(empty.n == 0 && empty.mean == nil && empty.lower == nil)
    }
}
