import Foundation
import Testing

/// `--detector-exec` on the command line: a working and a failing program beside built-in
/// detectors in `evaluate`, a hanging one in `run`; their status in `summary.json`, the manifest
/// and the leaderboard, and the built-in detectors' files byte-identical to a run without them.
struct ExternalDetectorCommandTests {
    static let example = CommandLineTests.root.appending(path: "examples/detectors/logprob_share.py").path

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func evaluateRecordsEachProgramsStatusAndKeepsTheOthersExact() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try CommandLineTests.writeScenario(CommandLineTests.scenario, in: directory)
        let trace = directory.appending(path: "trace").path
        #expect(try CommandLineTests.run(["generate", scenario, "--out", trace, "--scale", "0.5"]).status == 0)
        let failing = #"python3 -c 'import sys; sys.stderr.write("model file missing\n"); sys.exit(2)'"#
        let with = directory.appending(path: "with")
        let without = directory.appending(path: "without")
        let outcome = try CommandLineTests.run([
            "evaluate", trace, "--detectors", "volume,parameter-abuse", "--out", with.path,
            "--detector-exec", "python3 \(Self.example) --min-requests 5", "--detector-exec", failing,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("warning: detector exec-2: error:"))
        #expect(try CommandLineTests.run(["evaluate", trace, "--detectors", "volume,parameter-abuse", "--out", without.path]).status == 0)

        let detectors = try #require(try Self.json(with.appending(path: "summary.json"))["detectors"] as? [[String: Any]])
        #expect(detectors.map { $0["name"] as? String } == ["volume", "parameter-abuse", "logprob-share-py", "exec-2"])
        #expect(detectors.map { $0["status"] as? String } == ["ok", "ok", "ok", "error"])
        #expect(detectors[0]["failure"] is NSNull)
        let failure = try #require(detectors[3]["failure"] as? String)
        #expect(failure.contains(#"exited with status 2"#) && failure.contains(#"first stderr line: "model file missing""#), "\(failure)")
        #expect((detectors[2]["throughput_rps"] as? Double ?? 0) > 0)
        #expect((detectors[2]["pipe_throughput_rps"] as? Double ?? 0) > 0)
        #expect(detectors[0]["pipe_throughput_rps"] is NSNull)
        let manifest = try #require(try Self.json(with.appending(path: "manifest.json"))["detectors"] as? [[String: Any]])
        let parameters = try #require(manifest[2]["parameters"] as? [String: Any])
        #expect(parameters["version"] as? String == "1.0" && (parameters["command"] as? String)?.contains("logprob_share.py") == true)
        #expect(manifest[3]["status"] as? String == "error")

        let leaderboard = try String(contentsOf: with.appending(path: "leaderboard.csv"), encoding: .utf8).split(separator: "\n")
        #expect(leaderboard[0].hasSuffix(",status"))
        #expect(leaderboard[1].hasSuffix(",ok") && leaderboard[4].hasPrefix("exec-2,") && leaderboard[4].hasSuffix(",error"))
        for file in ["scores/volume.csv", "scores/parameter-abuse.csv", "sweep/volume.csv", "sweep/parameter-abuse.csv"] {
            #expect(
                try Data(contentsOf: with.appending(path: file)) == Data(contentsOf: without.appending(path: file)), "\(file) differs")
        }
        #expect(FileManager.default.fileExists(atPath: with.appending(path: "scores/logprob-share-py.csv").path))
    }

    @Test func runRecordsATimeout() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try CommandLineTests.writeScenario(CommandLineTests.scenario, in: directory)
        let out = directory.appending(path: "results")
        let start = Date()
        let outcome = try CommandLineTests.run([
            "run", scenario, "--scale", "0.5", "--detectors", "volume", "--out", out.path,
            "--detector-exec", #"sh -c 'echo "{\"name\":\"sleepy\",\"version\":\"1\",\"default_threshold\":1}"; sleep 30'"#,
            "--detector-timeout", "1",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Date().timeIntervalSince(start) < 25)
        let detectors = try #require(try Self.json(out.appending(path: "summary.json"))["detectors"] as? [[String: Any]])
        #expect(detectors.map { $0["status"] as? String } == ["ok", "timeout"])
        #expect((detectors[1]["failure"] as? String)?.contains("--detector-timeout 1 s") == true)
        #expect(detectors[1]["name"] as? String == "sleepy")
    }

    @Test func badExternalOptionsAreRefusedBeforeAnyWork() throws {
        for (arguments, message) in [
            (["--detector-exec", "prog 'unterminated"], "unterminated '"),
            (["--detector-timeout", "0"], "--detector-timeout"),
            (["--detector-features", "minhash"], "expected none or embedding"),
        ] {
            let outcome = try CommandLineTests.run(["evaluate", "/nonexistent-trace"] + arguments)
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
    }
}
