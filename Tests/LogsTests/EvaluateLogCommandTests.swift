import Foundation
import Testing

/// `distillbench evaluate LOG --map MAP` run as a user runs it, in a subprocess.
struct EvaluateLogCommandTests {
    static let executable = LogFixtures.root.appending(path: ".build/debug/distillbench")
    static let detectors = ["--detectors", "volume,hydra,parameter-abuse"]

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the tool first: swift build")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = LogFixtures.root
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

    @Test func liteLLMLogIsRankedOnTheTerminalAndInTheResultsFolder() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appending(path: "results")
        let result = try Self.run(
            ["evaluate", LogFixtures.fixture("litellm_spendlogs.csv").path, "--map", "maps/litellm-spendlogs.yaml",
             "--accounts", LogFixtures.fixture("litellm_users.csv").path, "--out", out.path, "--top", "2"] + Self.detectors)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("volume (default threshold 1.0): 1 accounts scored, 0 flagged"))
        #expect(result.stdout.contains("harvester@mail.example"))
        #expect(result.stdout.contains("metrics unavailable"))
        for name in ["ranking.json", "ranking.md", "summary.json", "manifest.json", "scores/volume.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appending(path: name).path), "\(name)")
        }
        let ranking = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appending(path: "ranking.json"))) as? [String: Any]
        #expect(ranking?["requests"] as? Int == 26)
        #expect((ranking?["metrics"] as? String)?.hasPrefix("unavailable") == true)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appending(path: "manifest.json"))) as? [String: Any]
        #expect((manifest?["log"] as? [String: Any])?["map"] as? String == "maps/litellm-spendlogs.yaml")
        #expect((manifest?["log"] as? [String: Any])?["accounts_not_in_table"] as? Int == 1)
    }

    @Test func badInputIsOneLineAndNothingIsWritten() throws {
        let directory = try LogFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appending(path: "results")
        let badMap = try LogFixtures.write("fields:\n  ts: t\n  acount: u\n", "bad.yaml", in: directory)
        let log = try LogFixtures.write("t,u\n1,a\n3,b\n2,a\nx,c\n", "log.csv", in: directory)
        let goodMap = try LogFixtures.write("fields:\n  ts: {from: t, timestamp: epoch_s}\n  account: u\n", "good.yaml", in: directory)
        let cases: [([String], String)] = [
            (["--map", badMap.path], "\(badMap.path):3: fields.acount: unknown field"),
            (["--map", goodMap.path], "\(log.path):4: out of order: ts 2000"),
            (["--map", goodMap.path, "--sort"], "\(log.path):5: field \"t\": expected a timestamp (epoch_s) for ts, found \"x\""),
            (["--accounts", log.path], "--accounts, --truth, --sort and several logs go with --map"),
        ]
        for (arguments, expected) in cases {
            let result = try Self.run(["evaluate", log.path, "--out", out.path] + arguments + Self.detectors)
            #expect(result.status != 0)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 || result.stderr.contains("Usage"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
        let skipped = try Self.run(
            ["evaluate", log.path, "--out", out.path, "--map", goodMap.path, "--sort", "--skip-invalid"] + Self.detectors)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("warning: skipped 1 invalid requests"))
        #expect(skipped.stderr.contains("1 bad_timestamp (bad timestamp); first: \(log.path):5:"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appending(path: "manifest.json"))) as? [String: Any]
        #expect((manifest?["log"] as? [String: Any])?["skipped_invalid_by_kind"] as? [String: Int] == ["bad_timestamp": 1])
        #expect((manifest?["log"] as? [String: Any])?["sorted_runs"] as? Int == 1)
    }
}
