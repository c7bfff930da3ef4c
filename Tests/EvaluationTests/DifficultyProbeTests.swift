import Evaluation
import Features
import Foundation
import GroundTruth
import Testing

/// The difficulty probe on synthetic feature tables: perfect separation, none, thread
/// independence, leave-one-tactic-out bookkeeping, and no label leaking through the encoding.
struct DifficultyProbeTests {
    /// A group of positive accounts: its tactic, level, size and the numeric feature that marks
    /// it (nil: none).
    struct Group {
        var tactic: String
        var level: String
        var count: Int
        var signal: String?
    }

    /// Benign accounts first, then each group's positives. Numeric features `alpha`, `beta`,
    /// `noise1`, `noise2` are uniform in [0, 1) except that a group's signal feature is
    /// 10 + uniform; `color` is one of five categories at random; `serial` is unique per account.
    static func population(benign: Int, groups: [Group], seed: UInt64) throws -> (FeatureTable, AuditPopulation) {
        var random = SplitMix(seed)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        var accounts: [String] = []
        var truth: [AccountTruth] = []
        var campaigns: [CampaignTruth] = []
        var columns: [String: [Double]] = ["alpha": [], "beta": [], "noise1": [], "noise2": []]
        var colors: [String] = []
        func add(_ id: String, signal: String?) {
            accounts.append(id)
            for name in ["alpha", "beta", "noise1", "noise2"] {
                columns[name, default: []].append((name == signal ? 10 : 0) + uniform())
            }
            colors.append(["red", "green", "blue", "cyan", "gray"][random.next(below: 5)])
        }
        for i in 0..<benign {
            add("benign-\(i)", signal: nil)
            truth.append(AccountTruth(account: "benign-\(i)", label: .benign, persona: "developer"))
        }
        for group in groups {
            let campaign = "\(group.tactic)-\(group.level)"
            var members: [String] = []
            for i in 0..<group.count {
                let id = "\(campaign)-\(i)"
                add(id, signal: group.signal)
                members.append(id)
                truth.append(AccountTruth(account: id, label: .adversarial, tactic: group.tactic, campaign: campaign))
            }
            campaigns.append(
                CampaignTruth(
                    id: campaign, tactic: group.tactic, accounts: members, start: 0, end: 1, requested: 1,
                    level: group.level))
        }
        let features = [
            Feature(name: "alpha", values: .numeric(columns["alpha"]!)),
            Feature(name: "beta", values: .numeric(columns["beta"]!)),
            Feature(name: "noise1", values: .numeric(columns["noise1"]!)),
            Feature(name: "noise2", values: .numeric(columns["noise2"]!)),
            categorical("color", colors),
            categorical("serial", accounts),
        ]
        let table = FeatureTable(accounts: accounts, features: features)
        return (table, try AuditPopulation(accounts: accounts, truth: GroundTruth(accounts: truth, campaigns: campaigns)))
    }

    static func categorical(_ name: String, _ values: [String]) -> Feature {
        let categories = Array(Set(values)).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($0.element, UInt32($0.offset)) })
        return Feature(name: name, values: .categorical(codes: values.map { index[$0]! }, categories: categories))
    }

    // MARK: - Separation and none

    @Test func oneSeparatingFeatureGivesFullRecall() throws {
        let (table, population) = try Self.population(
            benign: 2000, groups: [Group(tactic: "hydra", level: "naive", count: 100, signal: "alpha")], seed: 1)
        let report = try DifficultyProbe().run(features: table, population: population)
        #expect(report.overall.positives == 100 && report.overall.benign == 2000)
        #expect(report.overall.averagePrecision == 1 && report.overall.rocAUC == 1)
        #expect(report.overall.recall(atFPR: 0.01) == 1)
        #expect(report.overall.recall(atFPR: 0.001) == 1)
        #expect(report.byTactic.map(\.tactic) == ["hydra"])
        #expect(report.byTactic.first?.metrics?.recall(atFPR: 0.01) == 1)
        #expect(report.allConverged)
    }

    /// Nothing separates: AP stays near the positive rate (300 / 3 300 ≈ 0.091) and ROC-AUC
    /// near ½, even with a unique-per-account category the model could memorise.
    @Test func nothingSeparatesGivesTheBaseRate() throws {
        let (table, population) = try Self.population(
            benign: 3000, groups: [Group(tactic: "mimic", level: "expert", count: 300, signal: nil)], seed: 2)
        let report = try DifficultyProbe().run(features: table, population: population)
        let rate = 300.0 / 3300
        #expect(abs(report.overall.averagePrecision - rate) < 0.03, "AP \(report.overall.averagePrecision)")
        #expect(abs(report.overall.rocAUC - 0.5) < 0.06, "ROC-AUC \(report.overall.rocAUC)")
        #expect(try #require(report.overall.recall(atFPR: 0.01)) < 0.06)
    }

    /// A category held by every positive is learnt from the training folds (target encoding);
    /// a category unique to each account must not be: if a held-out account's own label reached
    /// its encoding, `serial` alone would separate perfectly.
    @Test func categoriesAreLearntWithoutLeakingHeldOutLabels() throws {
        let (table, population) = try Self.population(
            benign: 1500, groups: [Group(tactic: "hydra", level: "naive", count: 150, signal: nil)], seed: 3)
        let serialOnly = FeatureTable(accounts: table.accounts, features: [table["serial"]!])
        let report = try DifficultyProbe().run(features: serialOnly, population: population)
        // Only the intercept is left, fold by fold (the column is constant on training rows).
        #expect(report.fits.allSatisfy { $0.columns == 0 })
        #expect(abs(report.overall.rocAUC - 0.5) < 0.1, "\(report.overall.rocAUC)")

        let shared = Self.categorical("tag", population.isPositive.map { $0 ? "evil" : "plain" })
        let tagged = FeatureTable(accounts: table.accounts, features: table.features + [shared])
        let learnt = try DifficultyProbe().run(features: tagged, population: population)
        #expect(learnt.overall.recall(atFPR: 0.001) == 1)
    }

    // MARK: - Thread independence

    @Test func theReportDoesNotDependOnThreads() throws {
        let (table, population) = try Self.population(
            benign: 1200,
            groups: [
                Group(tactic: "hydra", level: "naive", count: 60, signal: "alpha"),
                Group(tactic: "mimic", level: "expert", count: 40, signal: nil),
            ], seed: 4)
        let one = try DifficultyProbe().run(features: table, population: population, threads: 1)
        #expect(one.scores.count == table.accounts.count)
        for threads in [2, 3, 8] {
            let many = try DifficultyProbe().run(features: table, population: population, threads: threads)
            #expect(many == one, "threads \(threads)")
        }
    }

    // MARK: - Groups and leave one tactic out

    /// `a` and `c` are marked by `alpha`, `b` by `beta` alone. Left out of training, `a` is still
    /// found (`c` teaches `alpha`); `b` is not (nothing else teaches `beta`).
    @Test func leaveOneTacticOutBookkeeping() throws {
        let groups = [
            Group(tactic: "a", level: "naive", count: 60, signal: "alpha"),
            Group(tactic: "b", level: "expert", count: 50, signal: "beta"),
            Group(tactic: "c", level: "careful", count: 40, signal: "alpha"),
            Group(tactic: "c", level: "naive", count: 30, signal: "alpha"),
        ]
        let (table, population) = try Self.population(benign: 2000, groups: groups, seed: 5)
        let report = try DifficultyProbe().run(features: table, population: population)

        #expect(report.byTactic.map(\.tactic) == ["a", "b", "c"])
        #expect(report.byTactic.map { $0.metrics?.positives } == [60, 50, 70])
        #expect(report.byTactic.allSatisfy { $0.metrics?.benign == 2000 && $0.level == nil })
        #expect(report.byLevel.map(\.level) == ["careful", "expert", "naive"])
        #expect(report.byLevel.map { $0.metrics?.positives } == [40, 50, 90])
        #expect(report.byTacticAndLevel.map { "\($0.tactic!)/\($0.level!)" } == ["a/naive", "b/expert", "c/careful", "c/naive"])
        #expect(report.byTacticAndLevel.map { $0.metrics?.positives } == [60, 50, 40, 30])
        // Overall, every tactic is found.
        for group in report.byTactic { #expect(group.metrics?.recall(atFPR: 0.01) == 1, "\(group.tactic!)") }

        let leftOut = Dictionary(uniqueKeysWithValues: report.leaveOneTacticOut.map { ($0.tactic!, $0.metrics) })
        #expect(leftOut.keys.sorted() == ["a", "b", "c"])
        #expect(leftOut["a"]??.positives == 60 && leftOut["a"]??.benign == 2000)
        #expect(try #require(leftOut["a"]??.recall(atFPR: 0.01)) > 0.95)
        #expect(try #require(leftOut["b"]??.recall(atFPR: 0.01)) < 0.2)
        #expect(try #require(leftOut["c"]??.recall(atFPR: 0.01)) > 0.95)

        // 5 overall fits, then 5 per left-out tactic, each trained without that tactic's
        // positives and without its own fold.
        #expect(report.fits.count == 20)
        for fit in report.fits {
            let expected = population.accounts.indices.filter {
                population.folds[$0] != fit.fold && (fit.leftOut == nil || population.tactic[$0] != fit.leftOut)
            }.count
            #expect(fit.trainingAccounts == expected, "\(fit)")
        }
        #expect(report.fits.map(\.leftOut) == [nil, nil, nil, nil, nil] + ["a", "b", "c"].flatMap { Array(repeating: $0, count: 5) })
    }

    @Test func aLoneTacticHasNothingToLearnFromWhenLeftOut() throws {
        let (table, population) = try Self.population(
            benign: 500, groups: [Group(tactic: "solo", level: "naive", count: 30, signal: "alpha")], seed: 6)
        let report = try DifficultyProbe().run(features: table, population: population)
        #expect(report.leaveOneTacticOut.count == 1)
        #expect(report.leaveOneTacticOut[0].tactic == "solo" && report.leaveOneTacticOut[0].metrics == nil)
        #expect(report.fits.count == 5)  // the left-out fits had one class only
    }

    // MARK: - Recall within a budget

    /// The threshold is a distinct score: a benign account tied with positives comes with them.
    @Test func recallWithinABudgetTreatsTiesAsOneThreshold() {
        // Positives 5, 4, 3, 3; negatives: one 3, ninety-nine 0 (N = 100).
        let scores = [5.0, 4, 3, 3, 3] + [Double](repeating: 0, count: 99)
        let labels = [true, true, true, true, false] + [Bool](repeating: false, count: 99)
        let metrics = ProbeMetrics(scores: scores, labels: labels, budgets: [0.001, 0.01, 0.5])
        // FPR 1 % is allowed at 0.01: the tied threshold 3 flags every positive.
        #expect(metrics.recall(atFPR: 0.01) == 1)
        #expect(metrics.recallAtBudgets[1].falsePositives == 1)
        // At 0.1 % no benign may be flagged: threshold 4.
        #expect(metrics.recall(atFPR: 0.001) == 0.5)
        #expect(metrics.recall(atFPR: 0.5) == 1)
        // A benign account tied with the top positive: nothing can be flagged at 0.1 %.
        let tied = ProbeMetrics(
            scores: [5, 4, 5] + [Double](repeating: 0, count: 199), labels: [true, true, false] + Array(repeating: false, count: 199),
            budgets: [0.001])
        #expect(tied.recall(atFPR: 0.001) == 0)
        #expect(tied.rocAUC == RankingCurve.rocAUC(scores: [5, 4, 5] + [Double](repeating: 0, count: 199), labels: [true, true, false] + Array(repeating: false, count: 199)))
    }
}
