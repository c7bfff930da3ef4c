import Foundation
import Testing
import Traffic

/// The `distillbench` executable run as a user runs it, in a subprocess: what it writes, and
/// how it fails on bad input (one line on standard error, a non-zero exit, nothing left behind).
struct CommandLineTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug build of the tool (`swift build --build-tests` builds it with the tests).
    static let executable = root.appending(path: ".build/debug/distillbench")

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The detectors `run` and `evaluate` get when a test names none: the debug build's
    /// embedding-distance detectors (`prada`, `knn-stateful`, `window-mmd`) are tens of times
    /// slower than the release build, too slow for every subprocess test; DetectionTests test them.
    static let debugDetectors = "null,volume,parameter-abuse,cot-elicitation,near-duplicate,coverage,hydra,temporal"

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        var arguments = arguments
        if ["run", "evaluate"].contains(arguments.first), !arguments.contains("--detectors") {
            arguments += ["--detectors", debugDetectors]
        }
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "build the tool first: swift build (looked for \(executable.path))")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let scenario = """
        name: tiny
        seed: 5
        start: 2026-03-02T08:00:00Z
        duration: 6h
        models:
          - {name: m-large, family: large, released: 2025-09-01T00:00:00Z}
          - {name: m-embed, family: embedding, released: 2025-09-01T00:00:00Z}
        populations:
          - {persona: developer, accounts: 40}
          - {persona: chat-app, accounts: 1, params: {requests_per_day: 3000}}
          - {persona: research-lab, accounts: 3}
        campaigns:
          - {id: probe, tactic: logit-harvest, accounts: 1, budget: 3000}
          - {id: swarm, tactic: hydra, accounts: 20, budget: 400}
        """

    static func writeScenario(_ text: String, in directory: URL, name: String = "scenario.yaml") throws -> String {
        let url = directory.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: - Generating

    @Test(arguments: ["jsonl", "csv"])
    func generateWritesAValidTrace(format: String) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let out = directory.appending(path: "trace")
        let generated = try Self.run(["generate", scenario, "--out", out.path, "--format", format])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("wrote"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(files == ["requests.\(format)", "accounts.\(format)", "truth.json", "manifest.json", "request_labels.csv"])
        let manifest = try TraceManifest.read(from: out.appending(path: "manifest.json"))
        #expect(manifest.scenario == "tiny" && manifest.seed == 5 && manifest.accounts == 65 && manifest.requests > 100)
        #expect(manifest.format == format)

        let validated = try Self.run(["validate", out.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("valid trace") && validated.stdout.contains("\(manifest.requests) requests"))
    }

    @Test func sameCommandTwiceGivesIdenticalFilesAndThreadsDoNotMatter() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        for (name, threads) in [("a", "1"), ("b", "2"), ("c", "1")] {
            let result = try Self.run(["generate", scenario, "--out", directory.appending(path: name).path, "--threads", threads])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for file in ["requests.jsonl", "accounts.jsonl", "truth.json", "manifest.json", "request_labels.csv"] {
            let a = try Data(contentsOf: directory.appending(path: "a/\(file)"))
            #expect(a == (try Data(contentsOf: directory.appending(path: "b/\(file)"))), "\(file) differs across threads")
            #expect(a == (try Data(contentsOf: directory.appending(path: "c/\(file)"))), "\(file) differs across runs")
        }
        let other = try Self.run(["generate", scenario, "--out", directory.appending(path: "d").path, "--seed", "6"])
        #expect(other.status == 0)
        #expect(
            (try Data(contentsOf: directory.appending(path: "a/requests.jsonl")))
                != (try Data(contentsOf: directory.appending(path: "d/requests.jsonl"))))
    }

    @Test func generatedJSONLReadAndWrittenAgainIsIdentical() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let out = directory.appending(path: "trace")
        #expect(try Self.run(["generate", scenario, "--out", out.path]).status == 0)
        let original = out.appending(path: "requests.jsonl")
        let copy = directory.appending(path: "copy.jsonl")
        let reader = try JSONLRequestReader(url: original, symbols: Interner(), accountNames: Interner())
        let writer = try JSONLRequestWriter(url: copy)
        while let batch = try reader.next() { try writer.write(batch) }
        try writer.close()
        #expect(try Data(contentsOf: original) == Data(contentsOf: copy))
    }

    // MARK: - Bad input

    /// Expects a failure: non-zero exit, one line on standard error naming `mention`.
    static func expectFailure(_ outcome: Outcome, mentioning mention: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status != 0, sourceLocation: sourceLocation)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(mention), "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(!outcome.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("persona: research-lab", "persona: botnet", "populations[2].persona: unknown persona \"botnet\""),
        ("accounts: 40", "accounts: -3", "populations[0].accounts: expected an integer ≥ 0, found -3"),
        ("seed: 5\n", "", "seed: missing required key"),
        ("accounts: 40", "accounts: forty", "populations[0].accounts: expected an integer, found \"forty\""),
        ("duration: 6h", "duration: 6 hours", "duration: expected a positive duration"),
    ])
    func badScenarioFailsWithoutOutput(from: String, to: String, mention: String) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario.replacingOccurrences(of: from, with: to), in: directory)
        let out = directory.appending(path: "trace")
        Self.expectFailure(try Self.run(["generate", scenario, "--out", out.path]), mentioning: mention)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        Self.expectFailure(try Self.run(["validate", scenario]), mentioning: mention)
        // No temporary directory is left either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["scenario.yaml"])
    }

    @Test func emptyScenarioFileFails() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario("", in: directory)
        Self.expectFailure(try Self.run(["generate", scenario]), mentioning: "the file is empty")
    }

    @Test func unwritableOutputLeavesNothingBehind() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let blocker = directory.appending(path: "file")
        try Data("x".utf8).write(to: blocker)
        let outcome = try Self.run(["generate", scenario, "--out", blocker.appending(path: "trace").path])
        #expect(outcome.status != 0)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["scenario.yaml", "file"])
    }

    /// A generated trace, then one file of it damaged by `damage`.
    static func damagedTrace(_ damage: (inout Data) -> Void) throws -> (directory: URL, trace: URL) {
        let directory = try temporaryDirectory()
        let scenario = try writeScenario(scenario, in: directory)
        let trace = directory.appending(path: "trace")
        #expect(try run(["generate", scenario, "--out", trace.path]).status == 0)
        let requests = trace.appending(path: "requests.jsonl")
        var data = try Data(contentsOf: requests)
        damage(&data)
        try data.write(to: requests)
        return (directory, trace)
    }

    @Test func truncatedLineIsReportedWithItsLineNumber() throws {
        let (directory, trace) = try Self.damagedTrace { data in
            // Cut the third line in half.
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            var rebuilt = lines[0] + [UInt8(ascii: "\n")] + lines[1] + [UInt8(ascii: "\n")]
            rebuilt += lines[2].prefix(lines[2].count / 2) + [UInt8(ascii: "\n")]
            rebuilt += lines[3...].joined(separator: [UInt8(ascii: "\n")])
            data = Data(rebuilt)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.expectFailure(try Self.run(["validate", trace.path]), mentioning: "requests.jsonl:3:")
    }

    @Test func nonUTF8BytesAreReportedWithTheirLine() throws {
        let (directory, trace) = try Self.damagedTrace { data in
            let second = data.firstIndex(of: UInt8(ascii: "\n"))! + 1
            let prompt = data[second...].range(of: Data("\"prompt\":\"".utf8))!.upperBound
            data.replaceSubrange(prompt..<(prompt + 2), with: [0xC3, 0x28])
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.expectFailure(try Self.run(["validate", trace.path]), mentioning: "requests.jsonl:2:")
    }

    @Test func emptyRequestsFileContradictsTheManifest() throws {
        let (directory, trace) = try Self.damagedTrace { $0 = Data() }
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.expectFailure(try Self.run(["validate", trace.path]), mentioning: "manifest.json")
    }

    @Test func missingTraceDirectoryFails() throws {
        Self.expectFailure(try Self.run(["validate", "/nonexistent/trace"]), mentioning: "/nonexistent/trace")
    }

    @Test func helpExplainsTheCommands() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        for command in ["generate", "validate", "run", "evaluate", "detectors", "audit", "bench"] {
            #expect(help.stdout.contains(command))
        }
    }

    // MARK: - Evaluating

    static func summary(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appending(path: "summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `summary.json` without timings, for comparing runs.
    static func withoutTimings(_ folder: URL) throws -> String {
        let text = try String(contentsOf: folder.appending(path: "summary.json"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.contains("throughput_rps") && !$0.contains("peak_memory_mib") }.joined(separator: "\n")
    }

    @Test func evaluateWritesExactMetricsAndReproducesThem() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let trace = directory.appending(path: "trace")
        #expect(try Self.run(["generate", scenario, "--out", trace.path]).status == 0)
        let first = directory.appending(path: "results-1")
        let second = directory.appending(path: "results-2")
        for out in [first, second] {
            let result = try Self.run(["evaluate", trace.path, "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("parameter-abuse"))
        }
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: first.path))
        for file in ["manifest.json", "summary.json", "leaderboard.csv", "leaderboard.md", "scores/volume.csv", "sweep/parameter-abuse.csv"] {
            #expect(files.contains(file), "\(file) missing")
        }
        #expect(try Self.withoutTimings(first) == Self.withoutTimings(second))
        let detectors = try #require(try Self.summary(first)["detectors"] as? [[String: Any]])
        #expect(detectors.map { $0["name"] as? String } == Self.debugDetectors.split(separator: ",").map { String($0) })
        for detector in detectors {
            for key in ["ap", "roc_auc", "throughput_rps", "operating_points"] { #expect(detector[key] != nil, "\(key)") }
            let points = try #require(detector["operating_points"] as? [[String: Any]])
            #expect(Set(points.compactMap { $0["kind"] as? String }).isSuperset(of: ["default", "best_f1", "fpr_budget"]))
            for point in points {
                for key in ["threshold", "precision", "recall", "f1", "fpr", "campaign_recall", "leaked_tokens",
                            "extraction_prevented", "median_time_to_detection_s"] {
                    #expect(point.keys.contains(key), "\(key)")
                }
            }
        }
        // The logit prober is parameter-abuse's to catch: it tops that detector's scores.
        let truth = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: trace.appending(path: "truth.json"))) as? [String: Any])
        let campaigns = try #require(truth["campaigns"] as? [[String: Any]])
        let prober = try #require(campaigns.first { $0["id"] as? String == "probe" }?["accounts"] as? [String])
        let rows = try String(contentsOf: first.appending(path: "scores/parameter-abuse.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let top = try #require(rows.max { Double($0[1]) ?? 0 < Double($1[1]) ?? 0 })
        #expect(prober == [String(top[0])])
    }

    /// Issue 10: every metric recomputable from what the run writes. A short independent script
    /// (`scripts/recompute_from_changes.py`) recomputes leaked tokens, extraction prevented and
    /// the median time to detection at each default threshold from `changes/`, `requests.jsonl`
    /// and `truth.json`, and finds the values of `summary.json`.
    @Test func changesRecomputeTheSummary() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let trace = directory.appending(path: "trace")
        #expect(try Self.run(["generate", scenario, "--out", trace.path]).status == 0)
        let results = directory.appending(path: "results")
        let evaluated = try Self.run(["evaluate", trace.path, "--out", results.path, "--detectors", "volume,parameter-abuse,hydra,temporal"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let header = try String(contentsOf: results.appending(path: "changes/parameter-abuse.csv"), encoding: .utf8)
        #expect(header.hasPrefix("account,ts,score\n"))
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appending(path: "scripts/recompute_from_changes.py").path, results.path, trace.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        let lines = report.split(separator: "\n")
        #expect(lines.count == 4 && lines.allSatisfy { $0.hasPrefix("ok ") }, "\(report)")
        // Not vacuous: the logit prober is caught at parameter-abuse's default threshold.
        let caught = try #require(lines.first { $0.contains("parameter-abuse") })
        #expect(!caught.contains("'median_time_to_detection_s': None"), "\(caught)")
    }

    @Test func evaluateWithoutTruthStillRanksAccounts() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let trace = directory.appending(path: "trace")
        #expect(try Self.run(["generate", scenario, "--out", trace.path]).status == 0)
        try FileManager.default.removeItem(at: trace.appending(path: "truth.json"))
        try FileManager.default.removeItem(at: trace.appending(path: "request_labels.csv"))
        let out = directory.appending(path: "results")
        let result = try Self.run(["evaluate", trace.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("metrics unavailable"))
        let detectors = try #require(try Self.summary(out)["detectors"] as? [[String: Any]])
        #expect(detectors.allSatisfy { $0["available"] as? Bool == false })
        let scores = try String(contentsOf: out.appending(path: "scores/volume.csv"), encoding: .utf8)
        #expect(scores.split(separator: "\n").count == 66)
    }

    @Test func runTunesOnTuningSeedsAndSummarisesSeeds() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let out = directory.appending(path: "results")
        let result = try Self.run(["run", scenario, "--seeds", "1,2", "--tune-seeds", "3", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try Self.summary(out)
        let detectors = try #require(summary["detectors"] as? [[String: Any]])
        let points = try #require(detectors.last?["operating_points"] as? [[String: Any]])
        #expect(points.contains { $0["kind"] as? String == "tuned" })
        #expect((summary["evaluations"] as? [Any])?.count == 2)
        #expect((summary["over_seeds"] as? [Any])?.count == 1)
        Self.expectFailure(try Self.run(["run", scenario, "--seeds", "x"]), mentioning: "--seeds")
        Self.expectFailure(try Self.run(["run", scenario, "--detectors", "oracle"]), mentioning: "unknown detector")
    }

    /// Issue 9, item 2: configured detectors on the command line, side by side, keyed by a
    /// stable configured name that becomes a safe file name, recorded in the manifest; bad specs
    /// are one-line errors before anything is written.
    @Test func detectorSpecsConfigureRunsAndNameTheirFiles() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let out = directory.appending(path: "results")
        let result = try Self.run([
            "run", scenario, "--out", out.path, "--embedding-dimension", "64",
            "--detectors", "volume, volume(request_limit=100,window_ms=600000), parameter-abuse(min_requests=50)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appending(path: "sweep").path).sorted()
        #expect(files == ["parameter-abuse__min_requests-50.csv", "volume.csv", "volume__window_ms-600000__request_limit-100.csv"])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appending(path: "manifest.json"))) as? [String: Any]
        let detectors = try #require(manifest?["detectors"] as? [[String: Any]])
        #expect(detectors.map { $0["name"] as? String } == ["volume", "volume(window_ms=600000,request_limit=100)", "parameter-abuse(min_requests=50)"])
        let parameters = try #require(detectors[1]["parameters"] as? [String: Any])
        #expect(parameters["request_limit"] as? Int == 100 && parameters["token_limit"] as? Int == 400_000)
        #expect((manifest?["prompt_features"] as? [String: Any])?["embedding_dimension"] as? Int == 64)
        #expect(result.stdout.contains("volume(window_ms=600000,request_limit=100)"))

        let refused = directory.appending(path: "refused")
        for (spec, mention) in [
            ("oracle(delta=2)", "unknown detector \"oracle\""),
            ("volume(request_limit=zero)", "detector \"volume\": parameter \"request_limit\": expected a number above 0, found \"zero\""),
            ("volume(limit=3)", "detector \"volume\": unknown parameter \"limit\""),
            ("volume,volume(request_limit=600)", "\"volume\" is listed twice"),
        ] {
            Self.expectFailure(try Self.run(["run", scenario, "--detectors", spec, "--out", refused.path]), mentioning: mention)
            #expect(!FileManager.default.fileExists(atPath: refused.path))
        }
        let listing = try Self.run(["detectors"])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("request_limit = 600"))
    }

    @Test func auditListsSeparatingFeatures() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try Self.writeScenario(Self.scenario, in: directory)
        let trace = directory.appending(path: "trace")
        #expect(try Self.run(["generate", scenario, "--out", trace.path]).status == 0)
        let audit = try Self.run(["audit", trace.path, "--json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        // Issue 7: account-table fields under the rule, silent positives, per-tactic AUCs, the probe.
        #expect((document["raw_fields"] as? [String])?.contains("payment") == true)
        #expect(document["silent_positives"] is Int)
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.allSatisfy { $0["by_tactic"] is [String: Any] && $0["group"] is String })
        let probe = try #require(document["probe"] as? [String: Any])
        let overall = try #require(probe["overall"] as? [String: Any])
        #expect(overall["ap"] is Double && overall["roc_auc"] is Double)
        #expect((overall["recall_at_fpr"] as? [[String: Any]])?.compactMap { $0["budget"] as? Double } == [0.001, 0.01])
        for key in ["by_tactic", "by_level", "by_tactic_and_level", "leave_one_tactic_out", "fits"] {
            #expect(probe[key] is [Any], "\(key)")
        }
        let table = try Self.run(["audit", trace.path, "--top", "5"])
        #expect(table.status == 0, "\(table.stderr)")
        for text in ["silent positives", "difficulty probe", "left out of training", "best separate each tactic"] {
            #expect(table.stdout.contains(text), "\(text)")
        }
        let listed = try Self.run(["detectors"])
        #expect(listed.stdout.contains("volume") && listed.stdout.contains("parameter-abuse") && listed.stdout.contains("null"))
    }
}
