import Foundation
import Testing

/// Issue 8's corpus of hostile-but-fair inputs, run through the real executable: each case is
/// set up in a fresh directory, run, and must end with its expected exit status and — for a
/// refusal — one line on standard error containing its expected text; nothing the tool did not
/// write may disappear, and nothing half-written may stay.
struct HostileInputTests {
    typealias CLI = CommandLineTests

    /// One hostile input: how to set it up, the command, and the expected outcome.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Prepares the directory (the scenario `scenario.yaml` and, if `trace`, a trace `trace/` exist already).
        var trace = false
        var setup: @Sendable (URL) throws -> Void = { _ in }
        var arguments: [String]
        /// Expected exit status.
        var status: Int32 = 1
        /// Text the one-line error must contain (nil for a success).
        var error: String?
        /// Files that must still exist afterwards, with their content unchanged if given.
        var kept: [String: String?] = [:]
        /// Further checks of the directory and the outcome.
        var check: @Sendable (URL, CLI.Outcome) throws -> Void = { _, _ in }
        var testDescription: String { name }
    }

    static let scenario = CLI.scenario

    static func scenario(replacing from: String, with to: String) -> @Sendable (URL) throws -> Void {
        { directory in
            let text = scenario.replacingOccurrences(of: from, with: to)
            try Data(text.utf8).write(to: directory.appending(path: "scenario.yaml"))
        }
    }

    static func write(_ text: String, to path: String) -> @Sendable (URL) throws -> Void {
        { directory in
            let url = directory.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Edits line `line` (1-based) of `trace/requests.jsonl`.
    static func request(line: Int, _ edit: @escaping @Sendable (String) -> String) -> @Sendable (URL) throws -> Void {
        { directory in
            let url = directory.appending(path: "trace/requests.jsonl")
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[line - 1] = edit(lines[line - 1])
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
        }
    }

    static func replace(_ pattern: String, with replacement: String) -> @Sendable (String) -> String {
        { $0.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression) }
    }

    static let cases: [Case] = [
        // Item 1: --out never deletes what the tool did not write.
        Case(name: "generate --out an existing file", setup: write("my notes", to: "notes.txt"),
             arguments: ["generate", "scenario.yaml", "--out", "notes.txt"], error: "is a file", kept: ["notes.txt": "my notes"]),
        Case(name: "generate --out a thesis folder", setup: write("chapter 1", to: "thesis/ch1.tex"),
             arguments: ["generate", "scenario.yaml", "--out", "thesis"], error: "not written by distillbench",
             kept: ["thesis/ch1.tex": "chapter 1"]),
        Case(name: "evaluate --out its own trace", trace: true, arguments: ["evaluate", "trace", "--out", "trace"],
             error: "is the input itself", kept: ["trace/requests.jsonl": nil]),
        Case(name: "generate --out .", arguments: ["generate", "scenario.yaml", "--out", "."], error: "contains the input",
             kept: ["scenario.yaml": nil]),
        Case(name: "generate --out \"\"", arguments: ["generate", "scenario.yaml", "--out", ""], error: "an empty path",
             kept: ["scenario.yaml": nil]),
        Case(name: "generate --out \"\" --force", arguments: ["generate", "scenario.yaml", "--out", "", "--force"],
             error: "an empty path", kept: ["scenario.yaml": nil]),
        Case(name: "evaluate --out the trace's parent", trace: true, arguments: ["evaluate", "trace", "--out", ".."],
             error: "--out", kept: ["trace/requests.jsonl": nil]),
        Case(name: "a trace with a stranger's file in it", trace: true, setup: write("keep me", to: "trace/mine.txt"),
             arguments: ["generate", "scenario.yaml", "--out", "trace"], error: "(mine.txt)",
             kept: ["trace/mine.txt": "keep me"]),
        Case(name: "parent path is a file", setup: write("x", to: "file"),
             arguments: ["generate", "scenario.yaml", "--out", "file/trace"], error: "is a file, not a directory", kept: ["file": "x"]),
        Case(name: "--force replaces a foreign folder", setup: write("old", to: "old/x.txt"),
             arguments: ["generate", "scenario.yaml", "--out", "old", "--force"], status: 0),
        // Item 2: numbers never trap.
        Case(name: "duration 1e300d", setup: scenario(replacing: "duration: 6h", with: "duration: 1e300d"),
             arguments: ["validate", "scenario.yaml"], error: "duration: expected a duration of at most 100 years"),
        Case(name: "duration 9223371000000000s", setup: scenario(replacing: "duration: 6h", with: "duration: 9223371000000000s"),
             arguments: ["validate", "scenario.yaml"], error: "at most 100 years"),
        Case(name: "duration 0.0000001s", setup: scenario(replacing: "duration: 6h", with: "duration: 0.0000001s"),
             arguments: ["validate", "scenario.yaml"], error: "duration: expected a duration of at least 1s"),
        Case(name: "generate --scale 1e30", arguments: ["generate", "scenario.yaml", "--scale", "1e30"], error: "--scale: expected"),
        Case(name: "run --scale 1e30", arguments: ["run", "scenario.yaml", "--scale", "1e30"], error: "--scale: expected"),
        Case(name: "generate --scale -1", arguments: ["generate", "scenario.yaml", "--scale", "-1"], error: "--scale: expected"),
        Case(name: "generate --scale nan", arguments: ["generate", "scenario.yaml", "--scale", "nan"], error: "--scale: expected"),
        Case(name: "generate --seed -1", arguments: ["generate", "scenario.yaml", "--seed", "-1"], status: 64, error: "--seed"),
        Case(name: "generate --threads 0", arguments: ["generate", "scenario.yaml", "--threads", "0"], error: "--threads"),
        Case(name: "bench --repeats 0", arguments: ["bench", "--repeats", "0"], error: "--repeats: expected an integer from 1"),
        Case(name: "bench --repeats -1", arguments: ["bench", "--repeats", "-1"], error: "--repeats: expected an integer from 1"),
        Case(name: "audit --top -1", trace: true, arguments: ["audit", "trace", "--top", "-1"], status: 64, error: "--top must be at least 1"),
        Case(name: "evaluate --fpr-budget 2", trace: true, arguments: ["evaluate", "trace", "--fpr-budget", "2"], error: "--fpr-budget"),
        // Item 3: sizes are estimated and limited.
        Case(name: "9e18 accounts", setup: scenario(replacing: "accounts: 40", with: "accounts: 9000000000000000000"),
             arguments: ["validate", "scenario.yaml"], error: "beyond what the generator can represent"),
        Case(name: "a budget of 9e18", setup: scenario(replacing: "budget: 3000", with: "budget: 9000000000000000000"),
             arguments: ["generate", "scenario.yaml", "--allow-large"], error: "too large to generate"),
        Case(name: "duration 100000w", setup: scenario(replacing: "duration: 6h", with: "duration: 100000w"),
             arguments: ["validate", "scenario.yaml"], error: "at most 100 years"),
        Case(name: "duration 5000w", setup: scenario(replacing: "duration: 6h", with: "duration: 5000w"),
             arguments: ["generate", "scenario.yaml", "--out", "t"], error: "pass --allow-large"),
        Case(name: "generate --scale 1e6", arguments: ["generate", "scenario.yaml", "--scale", "1e6"], error: "pass --allow-large"),
        Case(name: "run --dry-run prints the estimate", arguments: ["run", "scenario.yaml", "--dry-run"], status: 0,
             check: { directory, outcome in
                 #expect(outcome.stdout.contains("accounts") && outcome.stdout.contains("requests") && outcome.stdout.contains("≈"))
                 let entries = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                 #expect(entries == ["scenario.yaml"])
             }),
        Case(name: "validate prints the estimate", arguments: ["validate", "scenario.yaml"], status: 0,
             check: { _, outcome in #expect(outcome.stdout.contains("estimated at scale 1.0: ≈")) }),
        // Item 5: evaluate checks what validate checks.
        Case(name: "evaluate: duplicate id", trace: true,
             setup: request(line: 3, replace(#""id":"[^"]*""#, with: #""id":"dup""#)) >> request(line: 4, replace(#""id":"[^"]*""#, with: #""id":"dup""#)),
             arguments: ["evaluate", "trace", "--out", "r"], error: "requests.jsonl:4: field \"id\""),
        Case(name: "evaluate: negative tokens", trace: true, setup: request(line: 2, replace(#""completion_tokens":[0-9]+"#, with: #""completion_tokens":-3"#)),
             arguments: ["evaluate", "trace", "--out", "r"], error: "requests.jsonl:2: field \"completion_tokens\""),
        // `evaluate` checks the fields it reads (issue 10): the metrics read completion tokens.
        Case(name: "evaluate: negative completion tokens", trace: true,
             setup: request(line: 2, replace(#""completion_tokens":[0-9]+"#, with: #""completion_tokens":-5"#)),
             arguments: ["evaluate", "trace", "--out", "r"], error: "requests.jsonl:2: field \"completion_tokens\""),
        Case(name: "evaluate: negative completion tokens skipped", trace: true,
             setup: request(line: 2, replace(#""completion_tokens":[0-9]+"#, with: #""completion_tokens":-5"#)),
             arguments: ["evaluate", "trace", "--out", "r", "--skip-invalid"], status: 0),
        Case(name: "evaluate: duplicate JSON key", trace: true,
             setup: request(line: 5, replace(#""completion_tokens":([0-9]+)"#, with: #""completion_tokens":$1,"completion_tokens":500"#)),
             arguments: ["evaluate", "trace", "--out", "r"], error: "requests.jsonl:5: duplicate key \"completion_tokens\""),
        // A field no running detector reads is checked to be JSON, not decoded: `validate` checks it.
        Case(name: "evaluate: status 999 in a field nothing reads", trace: true,
             setup: request(line: 2, replace(#""status":[0-9]+"#, with: #""status":999"#)),
             arguments: ["evaluate", "trace", "--out", "r", "--detectors", "volume"], status: 0),
        Case(name: "validate: status 999", trace: true, setup: request(line: 2, replace(#""status":[0-9]+"#, with: #""status":999"#)),
             arguments: ["validate", "trace"], error: "requests.jsonl:2: field \"status\""),
        Case(name: "evaluate: empty requests, manifest says more", trace: true, setup: write("", to: "trace/requests.jsonl"),
             arguments: ["evaluate", "trace", "--out", "r"], error: "manifest.json:1: field \"requests\""),
        Case(name: "evaluate: label id not in the trace", trace: true, setup: append("ghost,swarm\n", to: "trace/request_labels.csv"),
             arguments: ["evaluate", "trace", "--out", "r"], error: "request_labels.csv:"),
        // Item 6: real logs.
        Case(name: "evaluate: a requests file alone", trace: true,
             setup: remove(["trace/accounts.jsonl", "trace/manifest.json", "trace/truth.json", "trace/request_labels.csv"]),
             arguments: ["evaluate", "trace", "--out", "r"], status: 0),
        Case(name: "evaluate: duplicated account record", trace: true, setup: duplicateFirstAccount,
             arguments: ["evaluate", "trace", "--out", "r"], error: "duplicated account record"),
        Case(name: "evaluate: account missing from a present table", trace: true, setup: dropAccountOfFirstRequest,
             arguments: ["evaluate", "trace", "--out", "r"], error: "field \"account\": expected an account of accounts.jsonl"),
        // Item 7: control characters never reach the terminal.
        Case(name: "escape sequence in an account id, audited", trace: true, setup: renameFirstAccount(to: #"\u001b]0;pwned\u0007\u001b[31m"#),
             arguments: ["audit", "trace"], status: 0),
        Case(name: "escape sequence in an account id, evaluated", trace: true, setup: renameFirstAccount(to: #"\u001b[2J"#),
             arguments: ["evaluate", "trace", "--out", "r"], status: 0),
        Case(name: "formula and comma in an account id", trace: true, setup: renameFirstAccount(to: #"=HYPERLINK(\"http://x\",\"y\")"#),
             arguments: ["evaluate", "trace", "--out", "r"], status: 0,
             check: { directory, _ in
                 let scores = try String(contentsOf: directory.appending(path: "r/scores/volume.csv"), encoding: .utf8)
                 #expect(scores.contains(#""'=HYPERLINK(""http://x"",""y"")""#))
                 #expect(scores.split(separator: "\n").allSatisfy { $0.first != "=" })
             }),
        Case(name: "escape sequence in an error", setup: scenario(replacing: "persona: research-lab", with: "persona: \"\\e[2J\""),
             arguments: ["validate", "scenario.yaml"], error: "\\u{1b}[2J"),
        // Item 8: clear errors.
        Case(name: "truth.json broken", trace: true, setup: append("{", to: "trace/truth.json"),
             arguments: ["evaluate", "trace", "--out", "r"], error: "truth.json:"),
        Case(name: "truth.json with a duplicate key", trace: true,
             setup: { directory in
                 let url = directory.appending(path: "trace/truth.json")
                 let text = try String(contentsOf: url, encoding: .utf8)
                 let first = try #require(text.range(of: "\"label\" : "))
                 try Data(text.replacingCharacters(in: first, with: "\"label\" : \"adversarial\", \"label\" : ").utf8).write(to: url)
             },
             arguments: ["evaluate", "trace", "--out", "r"], error: "duplicate key \"label\""),
        Case(name: "evaluate a FIFO", setup: fifo, arguments: ["evaluate", "fifo-trace", "--out", "r"], error: "not a regular file"),
        // Item 9: CLI edge cases.
        Case(name: "--detectors \"\"", trace: true, arguments: ["evaluate", "trace", "--detectors", "", "--out", "r"], error: "empty list"),
        Case(name: "--detectors volume,volume", trace: true, arguments: ["evaluate", "trace", "--detectors", "volume,volume", "--out", "r"],
             error: "listed twice"),
        Case(name: "run --seeds \"\"", arguments: ["run", "scenario.yaml", "--seeds", ""], error: "--seeds: expected one or more seeds"),
        Case(name: "run --seeds 1,1", arguments: ["run", "scenario.yaml", "--seeds", "1,1"], error: "--seeds: seed 1 is listed twice"),
        Case(name: "tuning seeds = evaluation seeds", arguments: ["run", "scenario.yaml", "--seeds", "1,2", "--tune-seeds", "2"],
             error: "--allow-tune-on-eval"),
        Case(name: "tuning on evaluation seeds, allowed and marked",
             arguments: ["run", "scenario.yaml", "--seeds", "1", "--tune-seeds", "1", "--allow-tune-on-eval", "--detectors", "volume", "--out", "r"],
             status: 0,
             check: { directory, outcome in
                 let manifest = try String(contentsOf: directory.appending(path: "r/manifest.json"), encoding: .utf8)
                 #expect(manifest.contains("\"tuned_on_eval\" : true"))
                 #expect(outcome.stdout.contains("tuned_on_eval"))
             }),
        Case(name: "campaign of 0 accounts with a budget", setup: scenario(replacing: "accounts: 1, budget: 3000", with: "accounts: 0, budget: 3000"),
             arguments: ["validate", "scenario.yaml"], error: "campaigns[0].accounts: expected at least 1 account"),
    ]

    static func append(_ text: String, to path: String) -> @Sendable (URL) throws -> Void {
        { directory in
            let handle = try FileHandle(forWritingTo: directory.appending(path: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
    }

    /// Renames the account of the first request to `id` (as written inside a JSON string) in
    /// every JSON file of the trace.
    static func renameFirstAccount(to id: String) -> @Sendable (URL) throws -> Void {
        { directory in
            let requests = try String(contentsOf: directory.appending(path: "trace/requests.jsonl"), encoding: .utf8)
            let first = try #require(requests.split(separator: "\n").first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            let account = try #require(object["account"] as? String)
            for file in ["requests.jsonl", "accounts.jsonl", "truth.json"] {
                let url = directory.appending(path: "trace/\(file)")
                let text = try String(contentsOf: url, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "\"\(account)\"", with: "\"\(id)\"").utf8).write(to: url)
            }
        }
    }

    static func remove(_ paths: [String]) -> @Sendable (URL) throws -> Void {
        { directory in
            for path in paths { try FileManager.default.removeItem(at: directory.appending(path: path)) }
        }
    }

    @Sendable static func duplicateFirstAccount(_ directory: URL) throws {
        let url = directory.appending(path: "trace/accounts.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first)
        try Data((text + first + "\n").utf8).write(to: url)
    }

    @Sendable static func dropAccountOfFirstRequest(_ directory: URL) throws {
        let requests = try String(contentsOf: directory.appending(path: "trace/requests.jsonl"), encoding: .utf8)
        let first = try #require(requests.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let account = try #require(object["account"] as? String)
        let url = directory.appending(path: "trace/accounts.jsonl")
        let kept = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.contains("\"\(account)\"") }
        try Data((kept.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    @Sendable static func fifo(_ directory: URL) throws {
        let trace = directory.appending(path: "fifo-trace")
        try FileManager.default.createDirectory(at: trace, withIntermediateDirectories: true)
        #expect(mkfifo(trace.appending(path: "requests.jsonl").path, 0o600) == 0)
    }

    /// A generated trace shared by the cases that need one (copied into each case's directory).
    static let sharedTrace: Result<URL, any Error> = Result {
        let directory = try CLI.temporaryDirectory()
        let scenario = try CLI.writeScenario(CLI.scenario, in: directory)
        let trace = directory.appending(path: "trace")
        let outcome = try CLI.run(["generate", scenario, "--out", trace.path])
        guard outcome.status == 0 else { throw CommandFailure(stderr: outcome.stderr) }
        return trace
    }

    struct CommandFailure: Error { var stderr: String }

    @Test(arguments: cases)
    func hostileInput(_ hostile: Case) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.writeScenario(CLI.scenario, in: directory)
        if hostile.trace {
            try FileManager.default.copyItem(at: try Self.sharedTrace.get(), to: directory.appending(path: "trace"))
        }
        try hostile.setup(directory)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        let outcome = try CLI.run(hostile.arguments, in: directory)
        #expect(outcome.status == hostile.status, "status \(outcome.status), stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("Fatal error"))
        #expect(!outcome.stderr.unicodeScalars.contains("\u{1B}"), "an escape character reached the terminal")
        #expect(!outcome.stdout.unicodeScalars.contains("\u{1B}"), "an escape character reached the terminal")
        if let error = hostile.error {
            let lines = outcome.stderr.split(separator: "\n")
            #expect(lines.count == 1, "stderr: \(outcome.stderr)")
            #expect(outcome.stderr.contains(error), "stderr: \(outcome.stderr)")
            // A refusal writes nothing: the directory holds what it held.
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == before)
        }
        for (path, content) in hostile.kept {
            let url = directory.appending(path: path)
            #expect(FileManager.default.fileExists(atPath: url.path), "\(path) was deleted")
            if let content { #expect(try String(contentsOf: url, encoding: .utf8) == content) }
        }
        try hostile.check(directory, outcome)
        // No hidden temporary is ever left behind.
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    // MARK: - Item 4: interrupted work

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedGenerateLeavesNothing(signal number: Int32) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: CLI.root.appending(path: "Scenarios/quickstart.yaml"), to: directory.appending(path: "scenario.yaml"))
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["generate", "scenario.yaml", "--out", "trace", "--threads", "1"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary directory holds some requests.
        let deadline = Date().addingTimeInterval(60)
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".trace.tmp-") }
        }
        while Date() < deadline, process.isRunning {
            if let temporary = try temporaries().first,
                let size = try? FileManager.default.attributesOfItem(
                    atPath: directory.appending(path: "\(temporary)/requests.jsonl").path)[.size] as? Int, size > 0
            {
                break
            }
            usleep(20_000)
        }
        try #require(process.isRunning, "generation ended before it could be interrupted")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + number)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["scenario.yaml"])
    }

    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.writeScenario(CLI.scenario, in: directory)
        // A process id above Linux's largest (2^22) cannot be running; our own pid is.
        let dead = directory.appending(path: ".trace.tmp-2147483600-1")
        let live = directory.appending(path: ".trace.tmp-\(getpid())-1")
        let unrelated = directory.appending(path: ".trace.tmp-mine")
        for url in [dead, live, unrelated] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url.appending(path: "requests.jsonl"))
        }
        let outcome = try CLI.run(["generate", "scenario.yaml", "--out", "trace"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            == ["scenario.yaml", "trace", live.lastPathComponent, unrelated.lastPathComponent])
    }

    @Test func regeneratingIntoItsOwnTraceAndResultsReplacesThem() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.writeScenario(CLI.scenario, in: directory)
        for _ in 0..<2 {
            let generated = try CLI.run(["generate", "scenario.yaml", "--out", "trace"], in: directory)
            #expect(generated.status == 0, "\(generated.stderr)")
            let evaluated = try CLI.run(["evaluate", "trace", "--out", "results", "--detectors", "volume"], in: directory)
            #expect(evaluated.status == 0, "\(evaluated.stderr)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["scenario.yaml", "trace", "results"])
    }
}

/// Runs one setup after another.
func >> (
    first: @escaping @Sendable (URL) throws -> Void, second: @escaping @Sendable (URL) throws -> Void
) -> @Sendable (URL) throws -> Void {
    { try first($0); try second($0) }
}
