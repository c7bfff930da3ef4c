import Foundation
import Testing
import Traffic

@testable import Logs

/// Each kind of malformed line: by default the first stops the read with file, line, field or
/// column, and reason; under `skipInvalid` every one is counted by kind and skipped.
struct MalformedLineTests {
    static let map = "fields:\n  ts: {from: t, timestamp: epoch_s}\n  account: u\n  n: n\n"

    /// A bad line between good ones: kind, JSONL line, CSV line, what the error says.
    struct Case: Sendable, CustomStringConvertible {
        var kind: MalformedKind
        var jsonl: [UInt8]
        var csv: [UInt8]
        var says: String
        var description: String { kind.rawValue }
    }

    static let cases: [Case] = [
        Case(kind: .syntax, jsonl: Array(#"{"t": 2, "u": "a""#.utf8), csv: Array("2,a".utf8), says: ""),
        Case(kind: .missingField, jsonl: Array(#"{"t": 2, "n": 1}"#.utf8), csv: Array("2,,1".utf8), says: "missing required field \"u\""),
        Case(kind: .badType, jsonl: Array(#"{"t": 2, "u": "a", "n": "lots"}"#.utf8), csv: Array("2,a,lots".utf8), says: "field \"n\": expected an integer"),
        Case(kind: .badTimestamp, jsonl: Array(#"{"t": "soon", "u": "a"}"#.utf8), csv: Array("soon,a,1".utf8), says: "field \"t\": expected a timestamp (epoch_s)"),
        Case(kind: .invalidUTF8, jsonl: Array(#"{"t": 2, "u": "a"#.utf8) + [0xFF] + Array(#""}"#.utf8), csv: Array("2,a".utf8) + [0xFF] + Array(",1".utf8), says: "invalid UTF-8"),
    ]

    static func log(_ bad: [UInt8], csv: Bool) -> [UInt8] {
        let good = csv ? ["1,a,1", "3,b,2", "4,a,3"] : [#"{"t": 1, "u": "a", "n": 1}"#, #"{"t": 3, "u": "b", "n": 2}"#, #"{"t": 4, "u": "a", "n": 3}"#]
        var bytes = Array(((csv ? "t,u,n\n" : "") + good[0] + "\n").utf8)
        bytes += bad + [0x0A]
        bytes += Array((good[1] + "\n" + good[2] + "\n").utf8)
        return bytes
    }

    @Test(arguments: cases, ["jsonl", "csv"])
    func firstBadLineStops(_ bad: Case, format: String) throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appending(path: "log.\(format)")
        try Data(Self.log(format == "csv" ? bad.csv : bad.jsonl, csv: format == "csv")).write(to: url)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let message = try #require(LogFixtures.message { _ = try LogFixtures.requests(url, map: map) })
        let line = format == "csv" ? 3 : 2
        #expect(message.hasPrefix("\(url.relativePath):\(line): "), "\(message)")
        #expect(bad.says.isEmpty || message.contains(bad.says), "\(message)")
        if bad.kind == .syntax {
            #expect(message.contains(format == "csv" ? "expected 3 fields, found 2" : "at column"), "\(message)")
        }
        #expect(!message.contains("\n"))
    }

    @Test(arguments: cases, ["jsonl", "csv"])
    func skipInvalidCountsByKind(_ bad: Case, format: String) throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appending(path: "log.\(format)")
        try Data(Self.log(format == "csv" ? bad.csv : bad.jsonl, csv: format == "csv")).write(to: url)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let (requests, malformed) = try LogFixtures.requests(url, map: map, skipInvalid: true)
        #expect(requests.map(\.ts) == [1000, 3000, 4000])
        #expect(malformed.counts == [bad.kind: 1])
        #expect(malformed.lines.count == 1 && malformed.lines[0].hasPrefix("1 \(bad.kind.rawValue) "))
    }

    @Test func everyKindInOneLogIsCountedSeparately() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = Array(#"{"t": 1, "u": "a"}"#.utf8) + [0x0A]
        for bad in Self.cases { bytes += bad.jsonl + bad.jsonl + [0x0A] + bad.jsonl + [0x0A] }
        bytes += Array(#"{"t": 9, "u": "z"}"#.utf8) + [0x0A]
        let url = directory.appending(path: "log.jsonl")
        try Data(bytes).write(to: url)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let replay = try MappedLogReplay(log: url, map: map, skipInvalid: true)
        #expect(replay.requestCount == 2)
        // Each kind twice: a doubled line (not one JSON object: syntax, unless its bytes are not
        // UTF-8, found first) and a single one.
        #expect(replay.malformed.counts[.syntax] == 5)
        #expect(replay.malformed.counts[.invalidUTF8] == 2)
        for kind in [MalformedKind.missingField, .badType, .badTimestamp] { #expect(replay.malformed.counts[kind] == 1, "\(kind)") }
        #expect(replay.malformed.total == 10)
        #expect(replay.accounts.map(\.id) == ["a", "z"])
    }

    @Test func aBadCSVHeaderIsNotSkipped() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try LogFixtures.write("t,t,u\n1,1,a\n", "log.csv", in: directory)
        let map = try LogMapLoader.parse(Self.map, file: "m.yaml")
        let message = LogFixtures.message { _ = try LogFixtures.requests(url, map: map, skipInvalid: true) }
        #expect(message == "\(url.relativePath):1: duplicate column \"t\"")
    }
}
