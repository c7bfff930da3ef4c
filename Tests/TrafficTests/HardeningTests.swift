import Foundation
import Testing
@testable import Traffic

/// Issue 8's library pieces: the output guard, CSV cells, terminal escaping, JSON problems,
/// stale temporaries, duplicate keys.
struct HardeningTests {
    // MARK: - OutputTarget

    @Test func outputTargetRefusesWhatTheToolDidNotWrite() throws {
        try withTemporaryDirectory { directory in
            let base = directory.path
            let file = base + "/notes.txt"
            try Data("mine".utf8).write(to: URL(filePath: file))
            #expect(throws: OutputError.self) { try OutputTarget.check(file, inputs: [], force: false) }
            #expect(try OutputTarget.check(file, inputs: [], force: true).path == file)
            #expect(throws: OutputError.emptyPath(option: "--out")) { try OutputTarget.check("", inputs: [], force: true) }
            let input = base + "/trace"
            try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
            #expect(throws: OutputError.self) { try OutputTarget.check(input, inputs: [input], force: true) }
            #expect(throws: OutputError.self) { try OutputTarget.check(base, inputs: [input + "/requests.jsonl"], force: true) }
            #expect(throws: OutputError.self) { try OutputTarget.check("/", inputs: [], force: true) }
            #expect(throws: OutputError.self) { try OutputTarget.check(".", inputs: [], force: true) }
            #expect(throws: OutputError.self) { try OutputTarget.check(file + "/below", inputs: [], force: true) }
            // Absent and empty directories are fine.
            #expect(try OutputTarget.check(base + "/new/deeper", inputs: [input], force: false).lastPathComponent == "deeper")
            #expect(try OutputTarget.check(input, inputs: [], force: false).lastPathComponent == "trace")
        }
    }

    @Test func outputTargetRecognisesItsOwnFolders() throws {
        try withTemporaryDirectory { directory in
            let results = directory.appending(path: "results")
            try FileManager.default.createDirectory(at: results.appending(path: "scores"), withIntermediateDirectories: true)
            try Data(#"{"command": "evaluate", "harness_version": "0.1.0"}"#.utf8).write(to: results.appending(path: "manifest.json"))
            try Data("a,b\n".utf8).write(to: results.appending(path: "leaderboard.csv"))
            try Data("a,b\n".utf8).write(to: results.appending(path: "scores/volume.csv"))
            #expect(try OutputTarget.check(results.path, inputs: [], force: false) == URL(filePath: results.path))
            // One stranger's file, anywhere, and it is no longer ours.
            try Data("x".utf8).write(to: results.appending(path: "scores/thesis.pdf"))
            #expect(throws: OutputError.foreignDirectory(path: results.path, entry: "scores/thesis.pdf", option: "--out")) {
                try OutputTarget.check(results.path, inputs: [], force: false)
            }
            let foreign = directory.appending(path: "foreign")
            try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
            try Data(#"{"name": "not ours"}"#.utf8).write(to: foreign.appending(path: "manifest.json"))
            #expect(throws: OutputError.self) { try OutputTarget.check(foreign.path, inputs: [], force: false) }
        }
    }

    // MARK: - CSV and terminal

    @Test(arguments: [
        ("acct_1", "acct_1"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("", ""),
    ])
    func csvCellsAreQuotedAndNeutralised(value: String, cell: String) {
        #expect(CSVCell.text(value) == cell)
    }

    @Test func terminalEscapesControlCharacters() {
        #expect(Terminal.escaped("plain ü 日本") == "plain ü 日本")
        #expect(Terminal.escaped("\u{1B}[2J\u{7}") == "\\u{1b}[2J\\u{7}")
        #expect(Terminal.escaped("a\nb\r\t\u{9B}\u{2028}") == "a\\nb\\r\\t\\u{9b}\\u{2028}")
        #expect(Terminal.escapedKeepingLines("a\u{1B}\nb") == "a\\u{1b}\nb")
    }

    @Test func jsonProblemsNameTheLine() {
        let data = Data("{\n  \"a\": 1,\n  \"b\": [1,,2]\n}".utf8)
        struct Shape: Decodable { var a: Int }
        do {
            _ = try JSONDecoder().decode(Shape.self, from: data)
            Issue.record("decoded broken JSON")
        } catch {
            let problem = JSONProblem(error, data: data)
            #expect(problem.line == 3)
            #expect(problem.message.hasPrefix("not valid JSON"))
        }
    }

    // MARK: - Temporaries

    @Test func staleTemporaryNamesAreParsedStrictly() {
        #expect(Temporaries.processID(ofTemporary: "tmp-123-4") == 123)
        #expect(Temporaries.processID(ofTemporary: "old-123-4") == 123)
        #expect(Temporaries.processID(ofTemporary: "tmp-123") == nil)
        #expect(Temporaries.processID(ofTemporary: "bak-123-4") == nil)
        #expect(Temporaries.processID(ofTemporary: "tmp--1-4") == nil)
        #expect(Temporaries.processID(ofTemporary: "tmp-0-4") == nil)
        #expect(Temporaries.isRunning(getpid()))
    }

    @Test func staleTemporariesOfDeadProcessesGoOthersStay() throws {
        try withTemporaryDirectory { directory in
            let target = directory.appending(path: "out")
            let names = [".out.tmp-2147483600-1", ".out.old-2147483601-7", ".out.tmp-\(getpid())-1", ".out.tmp-x", ".other.tmp-2147483600-1"]
            for name in names {
                try FileManager.default.createDirectory(at: directory.appending(path: name), withIntermediateDirectories: true)
            }
            let removed = Temporaries.removeStale(near: target)
            #expect(Set(removed) == [".out.tmp-2147483600-1", ".out.old-2147483601-7"])
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == Set(names.dropFirst(2)))
        }
    }

    // MARK: - Readers

    @Test func duplicateJSONKeysAreRefused() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.jsonl")
            try write([trickyRequests[3]], to: url, format: .jsonl)
            var text = try String(contentsOf: url, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"status\":", with: "\"status\":500,\"status\":")
            let error = try #require(readError(Array(text.utf8), format: .jsonl))
            #expect(error.contains("requests.jsonl:1: duplicate key \"status\""))
        }
    }

    /// Documents read whole (truth.json, manifest.json): the first key repeated within one
    /// object, with its line; equal keys in different objects, nested values and keys inside
    /// strings are not duplicates.
    @Test func duplicateKeysInWholeDocumentsAreFound() {
        let clean = "{\"a\": 1, \"b\": {\"a\": [ {\"a\": 2}, {\"a\": 3} ]},\n \"c\": \"\\\"a\\\": x, a\"}"
        #expect(JSONDuplicateKey.first(in: Data(clean.utf8)) == nil)
        let twice = "{\n  \"accounts\": [\n    {\"account\": \"x\", \"label\": \"benign\",\n     \"label\": \"adversarial\"}\n  ]\n}"
        #expect(JSONDuplicateKey.first(in: Data(twice.utf8)) == JSONDuplicateKey(key: "label", line: 4))
        let top = "{\"seed\": 1, \"x\": {\"seed\": 2}, \"seed\": 3}"
        #expect(JSONDuplicateKey.first(in: Data(top.utf8)) == JSONDuplicateKey(key: "seed", line: 1))
    }

    @Test func duplicateCSVColumnsAreRefused() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: "requests.csv")
            try write([trickyRequests[3]], to: url, format: .csv)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            lines[0] += ",status"
            lines[1] += ",500"
            let error = try #require(readError(Array((lines.joined(separator: "\n") + "\n").utf8), format: .csv))
            #expect(error.contains("requests.csv:1: duplicate column \"status\""))
        }
    }
}
