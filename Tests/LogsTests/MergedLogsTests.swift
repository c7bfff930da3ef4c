import Foundation
import Testing
import Traffic

@testable import Logs

/// Several logs of one map are merged by time; equal times keep the order the logs were given.
struct MergedLogsTests {
    @Test func twoLogsMergeByTime() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try LogFixtures.write("t,u\n1,a\n3,a\n5,a\n", "first.csv", in: directory)
        let second = try LogFixtures.write("t,u\n2,b\n3,b\n4,b\n", "second.csv", in: directory)
        let map = try LogMapLoader.parse("fields:\n  id: {line: true, prefix: \"{file}:\"}\n  ts: t\n  account: u\n", file: "m.yaml")
        let replay = try MappedLogReplay(logs: [first, second], map: map)
        var ids: [String] = []
        try replay.replay { batch, _ in ids += (0..<batch.count).map { batch.ids[$0] } }
        #expect(ids == ["first:2", "second:2", "first:3", "second:3", "second:4", "first:4"])
        #expect(replay.accounts.map(\.id).sorted() == ["a", "b"])
        #expect(replay.requestCount == 6)
    }

    @Test func bothAzureServicesRankTogether() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appending(path: "other.csv")
        try FileManager.default.copyItem(at: LogFixtures.fixture("azure_code_slice.csv"), to: copy)
        let map = try LogFixtures.shippedMap("azure-llm-inference-2023.yaml")
        let replay = try MappedLogReplay(logs: [LogFixtures.fixture("azure_code_slice.csv"), copy], map: map)
        #expect(replay.requestCount == 400)
        #expect(replay.accounts.count == 32)
        var times: [Int64] = []
        try replay.replay { batch, _ in times += batch.timestamps }
        #expect(times.count == 400 && zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
