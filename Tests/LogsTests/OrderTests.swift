import Detection
import Evaluation
import Foundation
import Testing
import Traffic

@testable import Logs

/// Nothing silently reordered: an out-of-order log is refused with the first offending line,
/// or sorted explicitly (external merge sort) to the same results as the pre-sorted log.
struct OrderTests {
    static let map = "fields:\n  id: rid\n  ts: {from: at, timestamp: epoch_ms}\n  account: who\n  completion_tokens: out\n  ip: net\n"

    /// Sort directories of this process (other tests' subprocesses sort at the same time).
    static let ownSortPrefix = "distillbench-sort-\(ProcessInfo.processInfo.processIdentifier)-"

    /// 600 requests of 6 accounts; `shuffled` puts them out of order deterministically.
    static func lines(shuffled: Bool) -> [String] {
        var rows: [(ts: Int, account: String, id: String, line: String)] = []
        for index in 0..<600 {
            let ts = 1_000_000 + (index * 7919) % 3000 * 1000  // ties in ts across accounts
            let account = "acct-\(index % 6)"
            let id = "r\(index)"
            rows.append((ts, account, id, #"{"rid":"\#(id)","at":\#(ts),"who":"\#(account)","out":\#(10 + index),"net":"n\#(index % 4)"}"#))
        }
        if shuffled {
            rows = (0..<rows.count).map { rows[($0 * 37) % rows.count] }  // 37 is prime to 600
        } else {
            rows.sort { ($0.ts, $0.account, $0.id) < ($1.ts, $1.account, $1.id) }
        }
        return rows.map(\.line)
    }

    @Test func outOfOrderLogIsRefusedAtTheFirstOffendingLine() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write(#"{"rid":"a","at":5000,"who":"x"}"# + "\n" + #"{"rid":"b","at":7000,"who":"x"}"# + "\n"
            + #"{"rid":"c","at":6000,"who":"y"}"# + "\n", "log.jsonl", in: directory)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let message = LogFixtures.message { _ = try MappedLogReplay(log: url, map: map) }
        #expect(
            message == "\(url.relativePath):3: out of order: ts 6000 (1970-01-01T00:00:06.000Z) is before ts 7000"
                + " (1970-01-01T00:00:07.000Z) of line 2; sort the log first (--sort)")
        // Skipping invalid lines does not skip it.
        #expect(LogFixtures.message { _ = try MappedLogReplay(log: url, map: map, skipInvalid: true) } == message)
    }

    @Test func sortedInSeveralRunsGivesThePreSortedResults() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let sortedLog = try LogFixtures.write(Self.lines(shuffled: false).joined(separator: "\n") + "\n", "sorted.jsonl", in: directory)
        let shuffledLog = try LogFixtures.write(Self.lines(shuffled: true).joined(separator: "\n") + "\n", "shuffled.jsonl", in: directory)
        #expect(LogFixtures.message { _ = try MappedLogReplay(log: shuffledLog, map: map) }?.contains("out of order") == true)

        let before = Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(Self.ownSortPrefix) })
        let reference = try MappedLogReplay(log: sortedLog, map: map)
        var sorted: MappedLogReplay? = try MappedLogReplay(log: shuffledLog, map: map, sortRunSize: 70)
        #expect(sorted?.sortedRuns == 9)
        let during = Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(Self.ownSortPrefix) })
        #expect(during.subtracting(before).count == 1)

        func rows(_ replay: MappedLogReplay) throws -> [Request] {
            var rows: [Request] = []
            try replay.replay { batch, _ in rows += (0..<batch.count).map { batch[$0] } }
            return rows
        }
        let sortedRows = try rows(try #require(sorted))
        #expect(sortedRows == (try rows(reference)))
        #expect(sorted?.accounts.map(\.id) == reference.accounts.map(\.id))

        let detectors = "volume,hydra,temporal"
        let a = try DetectorEvaluation(detectors: try DetectorCatalog.detectors(detectors), replay: reference)
        let b = try DetectorEvaluation(detectors: try DetectorCatalog.detectors(detectors), replay: try #require(sorted))
        #expect(a.outcomes.map(\.scores) == b.outcomes.map(\.scores))
        #expect(a.outcomes.contains { $0.scores.changePointCount > 0 })

        sorted = nil  // the temporary directory goes with the replay
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(Self.ownSortPrefix) })
        #expect(after.subtracting(before).isEmpty)
    }

    @Test func externalSortIsStableAndOrdersByTsAccountID() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var input = [
            Request(id: "2", ts: 5, account: "b"), Request(id: "1", ts: 5, account: "b"), Request(id: "9", ts: 5, account: "a"),
            Request(id: "x", ts: 1, account: "z"), Request(id: "1", ts: 5, account: "b", model: "second copy"),
        ].makeIterator()
        let outcome = try ExternalSort.sort({ input.next() }, runSize: 2, in: directory)
        #expect(outcome.runs == 3 && outcome.count == 5)
        let reader = try JSONLRequestReader(url: outcome.url, symbols: Interner(), accountNames: Interner())
        var rows: [Request] = []
        while let batch = try reader.next() { rows += (0..<batch.count).map { batch[$0] } }
        #expect(rows.map { "\($0.ts)/\($0.account)/\($0.id)/\($0.model)" } == ["1/z/x/", "5/a/9/", "5/b/1/", "5/b/1/second copy", "5/b/2/"])
    }
}
