import Detection
import Evaluation
import Features
import Foundation
import Simulation
import Testing
import Traffic

/// The runner of issue 9, item 0–1: one place that sees each batch once, computes the shared
/// prompt features only when asked, gives results that do not depend on the thread count, and
/// records a failing detector without disturbing the others.
struct DetectorRunnerTests {
    /// Records what features it was handed, and scores each account by its request count.
    struct Probe: Detector {
        var name: String
        let defaultThreshold = 1.0
        var needs: PromptFeatureSet
        var configuration: any DetectorConfiguration { NoParameters() }
        var failAfter: Int?
        var seen = 0
        var counts: [Double] = []

        mutating func observe(_ batch: RequestBatch, features: Features.PromptFeatures, board: inout ScoreBoard) throws {
            if !needs.isEmpty {
                guard features.computed == needs || features.computed.isSuperset(of: needs), features.count == batch.count else {
                    throw DetectorError.failed(detector: name, reason: "features missing")
                }
                if needs.contains(.embedding) {
                    guard features.embeddings.count == batch.count * features.settings.embeddingDimension else {
                        throw DetectorError.failed(detector: name, reason: "embedding size")
                    }
                }
            }
            seen += 1
            if let failAfter, seen > failAfter { throw DetectorError.failed(detector: name, reason: "planned failure") }
            if counts.count < batch.accountNames.count { counts += Array(repeating: 0, count: batch.accountNames.count - counts.count) }
            for i in 0..<batch.count {
                counts[Int(batch.accounts[i])] += 1
                board.record(account: batch.accounts[i], time: batch.timestamps[i], score: counts[Int(batch.accounts[i])])
            }
        }
    }

    static func replay(batches: Int = 6) -> MemoryReplay {
        let names = Interner(["a", "b", "c"])
        let symbols = Interner()
        let list = (0..<batches).map { index in
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            for row in 0..<50 {
                let ts = Int64(index * 50 + row)
                batch.append(Request(id: "r\(ts)", ts: ts, account: ["a", "b", "c"][row % 3], prompt: "prompt \(row) of batch \(index)"))
            }
            return batch
        }
        return MemoryReplay(batches: list, accounts: ["a", "b", "c"].map { Account.unknown(id: $0) })
    }

    @Test func featuresAreComputedOnlyWhenAskedAndHandedToEveryDetector() throws {
        let detectors: [any Detector] = [
            Probe(name: "plain", needs: []), Probe(name: "text", needs: [.embedding, .textHash]), Probe(name: "dup", needs: .minHash),
        ]
        let runs = try DetectorRunner.run(detectors, replay: Self.replay(), threads: 2, features: PromptFeatureSettings(embeddingDimension: 32))
        #expect(runs.map(\.failure) == [nil, nil, nil])
        #expect(runs.map(\.needs) == [[], [.embedding, .textHash], .minHash])
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let detectors = try DetectorCatalog.detectors("all")
        let one = try DetectorRunner.run(detectors, replay: Self.replay(), threads: 1)
        let two = try DetectorRunner.run(detectors, replay: Self.replay(), threads: 2)
        let four = try DetectorRunner.run(detectors, replay: Self.replay(), threads: 4)
        #expect(one.map(\.board.changePoints) == two.map(\.board.changePoints))
        #expect(one.map(\.board.changePoints) == four.map(\.board.changePoints))
    }

    @Test func aFailingDetectorIsRecordedAndTheOthersAreComplete() throws {
        let detectors: [any Detector] = [Probe(name: "fails", needs: [], failAfter: 2), Probe(name: "works", needs: [.embedding])]
        let runs = try DetectorRunner.run(detectors, replay: Self.replay(), threads: 2)
        #expect(runs[0].failure?.contains("planned failure") == true)
        #expect(runs[1].failure == nil)
        #expect(runs[1].board.maxScores == [102, 102, 96])
        // The failed detector kept what it recorded before it failed (two batches).
        #expect(runs[0].board.maxScores.reduce(0, +) == 100)
    }

    /// A small generated day with a logit harvest and a reasoning harvest among developers and
    /// evaluation harnesses, so that the ensemble's members have rises to lend.
    static func generated() throws -> MemoryReplay {
        let yaml = """
            name: runner-test
            seed: 904
            start: 2026-03-02T00:00:00Z
            duration: 24h
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-reason-1, family: reasoning, released: 2025-10-01T00:00:00Z}
            populations:
              - {persona: developer, accounts: 60, params: {requests_per_day: 60}}
              - {persona: eval-harness, accounts: 3}
            campaigns:
              - {id: logits, tactic: logit-harvest, accounts: 4, budget: 2000}
              - {id: cot, tactic: cot-elicitation, accounts: 4, budget: 2000}
            """
        let generator = TrafficGenerator(scenario: try ScenarioLoader.parse(Data(yaml.utf8), file: "runner-test.yaml"))
        var batches: [RequestBatch] = []
        generator.run(batchSize: 1_024) { batches.append($0) }
        return MemoryReplay(batches: batches, accounts: generator.accounts)
    }

    /// An ensemble run beside its members is lent their rises instead of running copies: its
    /// board is the same as when it runs alone, at every thread count.
    @Test func anEnsembleBesideItsMembersBorrowsTheirRisesWithTheSameResult() throws {
        let replay = try Self.generated()
        let spec = "ensemble(members=volume+parameter-abuse+cot-elicitation+temporal)"
        let alone = try DetectorRunner.run(try DetectorCatalog.detectors(spec), replay: replay, threads: 1)
        #expect(alone[0].failure == nil)
        #expect(alone[0].board.changePoints.count > 10)
        for threads in [1, 2] {
            let beside = try DetectorRunner.run(
                try DetectorCatalog.detectors("parameter-abuse,\(spec),cot-elicitation,null"), replay: replay, threads: threads)
            #expect(beside.map(\.name) == ["parameter-abuse", spec, "cot-elicitation", "null"])
            #expect(beside.allSatisfy { $0.failure == nil })
            #expect(beside[1].board.changePoints == alone[0].board.changePoints, "threads \(threads)")
        }
    }

    /// A combiner lent a member that fails fails with it, naming the member.
    @Test func aCombinerFailsWithALentMember() throws {
        struct Sum: CombiningDetector {
            let name = "sum"
            let defaultThreshold = 1.0
            var configuration: any DetectorConfiguration { NoParameters() }
            let memberNames = ["fails"]
            var borrowed: Set<String> = []
            mutating func borrow(_ names: Set<String>) { borrowed = names }
            func observe(_ batch: RequestBatch, features: Features.PromptFeatures, lent: [String: [ScoreBoard.ChangePoint]], board: inout ScoreBoard) {
                for point in lent["fails"] ?? [] { board.record(account: point.account, time: point.time, score: point.score) }
            }
            func finish(lent: [String: [ScoreBoard.ChangePoint]], board: inout ScoreBoard) {}
        }
        let runs = try DetectorRunner.run([Sum(), Probe(name: "fails", needs: [], failAfter: 2)], replay: Self.replay(), threads: 2)
        #expect(runs[1].failure?.contains("planned failure") == true)
        #expect(runs[0].failure?.contains("member fails failed") == true)
        // Until then it combined what the member recorded: two batches.
        #expect(runs[0].board.maxScores == runs[1].board.maxScores)
    }
}
