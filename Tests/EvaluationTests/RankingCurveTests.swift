import Evaluation
import Testing

/// ROC-AUC, average precision and the curves against scikit-learn and against hand-worked and
/// brute-force (Mann–Whitney) values.
struct RankingCurveTests {
    // MARK: - Against scikit-learn

    @Test(arguments: RankingReference.cases.map(\.name))
    func matchesScikitLearn(name: String) throws {
        let reference = try #require(RankingReference.cases.first { $0.name == name })
        let curve = RankingCurve(scores: reference.scores, labels: reference.labels)
        #expect(isClose(curve.rocAUC, reference.auc), "AUC \(String(describing: curve.rocAUC)) vs \(reference.auc)")
        #expect(isClose(curve.averagePrecision, reference.ap), "AP \(String(describing: curve.averagePrecision)) vs \(reference.ap)")
        #expect(isClose(RankingCurve.rocAUC(scores: reference.scores, labels: reference.labels), reference.auc))
        #expect(isClose(RankingCurve.averagePrecision(scores: reference.scores, labels: reference.labels), reference.ap))
    }

    @Test func rocPointsMatchScikitLearn() {
        let curve = RankingCurve(scores: RankingReference.tiesScores, labels: RankingReference.tiesLabels)
        let points = curve.rocPoints
        #expect(points.count == RankingReference.tiesROC.count)
        for (point, expected) in zip(points, RankingReference.tiesROC) {
            #expect(point.threshold == expected.0)
            #expect(isClose(point.falsePositiveRate, expected.1) && isClose(point.truePositiveRate, expected.2))
        }
    }

    @Test func precisionRecallPointsMatchScikitLearn() {
        let curve = RankingCurve(scores: RankingReference.tiesScores, labels: RankingReference.tiesLabels)
        // scikit-learn lists thresholds ascending; ours descend.
        let points = Array(curve.precisionRecallPoints.reversed())
        #expect(points.count == RankingReference.tiesPR.count)
        for (point, expected) in zip(points, RankingReference.tiesPR) {
            #expect(point.threshold == expected.0)
            #expect(isClose(point.precision, expected.1) && isClose(point.recall, expected.2))
        }
    }

    // MARK: - By hand

    /// Scores 0.9(+) 0.7(−) 0.7(+) 0.4(−) 0.2(+): thresholds 0.9, 0.7, 0.4, 0.2 with
    /// (TP, FP) = (1,0) (2,1) (2,2) (3,2). Trapezoids over FP steps: ½·(1+2)·1 + ½·(2+2)·1 = 3.5
    /// of P·N = 6, so AUC = 7/12; pairs: (0.9 beats both), (0.7+ ties 0.7−: ½, beats 0.4),
    /// (0.2 beats none) = 2 + 1.5 + 0 = 3.5. AP = ⅓·1 + ⅓·⅔ + ⅓·⅗ = 34/45.
    @Test func handWorkedTies() throws {
        let curve = RankingCurve(scores: [0.2, 0.7, 0.9, 0.4, 0.7], labels: [true, false, true, false, true])
        #expect(curve.thresholds.map(\.score) == [0.9, 0.7, 0.4, 0.2])
        #expect(curve.thresholds.map(\.truePositives) == [1, 2, 2, 3])
        #expect(curve.thresholds.map(\.falsePositives) == [0, 1, 2, 2])
        #expect(curve.positives == 3 && curve.negatives == 2)
        #expect(curve.rocAUC == 7.0 / 12.0)
        #expect(isClose(curve.averagePrecision, 34.0 / 45.0, tolerance: 1e-15))
    }

    @Test func undefinedWithoutBothClasses() {
        #expect(RankingCurve.rocAUC(scores: [1, 2, 3], labels: [true, true, true]) == nil)
        #expect(RankingCurve.rocAUC(scores: [1, 2, 3], labels: [false, false, false]) == nil)
        #expect(RankingCurve.rocAUC(scores: [], labels: []) == nil)
        #expect(RankingCurve.averagePrecision(scores: [1, 2, 3], labels: [false, false, false]) == nil)
        // As in scikit-learn, AP without negatives is 1.
        #expect(RankingCurve.averagePrecision(scores: [1, 2, 3], labels: [true, true, true]) == 1)
        let empty = RankingCurve(scores: [Double](), labels: [Bool]())
        #expect(empty.rocPoints.isEmpty && empty.precisionRecallPoints.isEmpty && empty.thresholds.isEmpty)
    }

    @Test func orderOfItemsDoesNotMatter() {
        let (scores, labels) = RankingReference.generatedTies
        let order = scores.indices.sorted { ($0 * 7 + 3) % scores.count < ($1 * 7 + 3) % scores.count }
        let shuffled = RankingCurve(scores: order.map { scores[$0] }, labels: order.map { labels[$0] })
        #expect(shuffled == RankingCurve(scores: scores, labels: labels))
    }

    /// The AUC equals the Mann–Whitney U/(P·N) counted pair by pair, ties ½.
    @Test(arguments: [1, 2, 3, 4])
    func equalsMannWhitneyPairCount(seed: Int) {
        var state = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let count = 400 + seed * 50
        let scores = (0..<count).map { _ in Double(next() % UInt64(5 + seed * 20)) / 4 }
        let labels = scores.map { next() % 100 < UInt64(20 + 10 * seed) + UInt64($0) }
        var wins = 0.0
        var pairs = 0.0
        for (p, isPositive) in zip(scores, labels) where isPositive {
            for (n, isNegative) in zip(scores, labels) where !isNegative {
                wins += p > n ? 1 : p == n ? 0.5 : 0
                pairs += 1
            }
        }
        #expect(isClose(RankingCurve.rocAUC(scores: scores, labels: labels), wins / pairs))
    }

    @Test func millionItemsStayExact() throws {
        // 1 000 000 items whose AUC is known in closed form: positive i scores i, negative i
        // scores i + ½ for i < 500 000, so every positive beats exactly the negatives below it.
        let half = 500_000
        let scores = (0..<half).map(Double.init) + (0..<half).map { Double($0) + 0.5 }
        let labels = [Bool](repeating: true, count: half) + [Bool](repeating: false, count: half)
        // Positive i beats negatives 0 ..< i: Σ i = h(h−1)/2 of h² pairs.
        let expected = Double(half * (half - 1) / 2) / Double(half * half)
        #expect(RankingCurve.rocAUC(scores: scores, labels: labels) == expected)
    }
}
