import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `generate --shard I/N` and `merge-traces` through the binary: merged partitions are the
/// trace one `generate` writes, byte for byte; bad sets of partitions are refused on one line;
/// an interrupted shard leaves nothing `merge-traces` accepts.
struct TraceShardTests {
    typealias CLI = CommandLineTests

    /// Every file of `directory` by name, with its bytes.
    static func files(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appending(path: name))
        }
        return files
    }

    static func succeed(_ arguments: [String], in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try CLI.run(arguments, in: directory)
        try #require(outcome.status == 0, "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var scenario: String
        var scale: String
        var format: String
        var testDescription: String { "\(scenario) at \(scale), \(format)" }
    }

    /// Quickstart, and the campaign-heaviest catalogue scenario (four campaigns, one of them a
    /// reseller account with two actors; half its accounts adversarial at this scale) cut to its
    /// first day, at small scales, in both formats.
    static let cases = ["jsonl", "csv"].flatMap { format in
        [Case(scenario: "quickstart", scale: "0.03", format: format), Case(scenario: "hydra-2026", scale: "0.0005", format: format)]
    }

    @Test(arguments: cases)
    func mergedPartitionsAreThePlainTrace(_ test: Case) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: CLI.root.appending(path: "Scenarios/\(test.scenario).yaml"), encoding: .utf8)
        let scenario = try CLI.writeScenario(text.replacingOccurrences(of: "\nduration: 14d", with: "\nduration: 1d"), in: directory)
        let common = [scenario, "--scale", test.scale, "--format", test.format]
        try Self.succeed(["generate"] + common + ["--out", "plain", "--threads", "2"], in: directory)
        let plain = try Self.files(directory.appending(path: "plain"))
        #expect(Set(plain.keys).isSuperset(of: ["requests.\(test.format)", "accounts.\(test.format)", "truth.json", "manifest.json", "request_labels.csv"]))
        var partitionRequests: [Int: [Int]] = [:]
        for count in 1...3 {
            var parts: [String] = []
            for index in 1...count {
                let part = "part-\(index)-of-\(count)"
                // Thread counts differ between partitions: they must not matter.
                try Self.succeed(["generate"] + common + ["--shard", "\(index)/\(count)", "--out", part, "--threads", "\(index)"], in: directory)
                let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appending(path: "\(part)/part.json"))) as? [String: Any]
                partitionRequests[count, default: []].append(manifest?["requests"] as? Int ?? -1)
                parts.append(part)
            }
            // Any order of arguments.
            try Self.succeed(["merge-traces"] + parts.reversed() + ["--out", "merged-\(count)"], in: directory)
            let merged = try Self.files(directory.appending(path: "merged-\(count)"))
            #expect(merged.keys.sorted() == plain.keys.sorted())
            for (name, bytes) in plain {
                #expect(merged[name] == bytes, "\(name) differs after merging \(count) partitions")
            }
        }
        // Every partition holds some of the requests, and a balanced share.
        for count in 2...3 {
            let shares = try #require(partitionRequests[count])
            #expect(shares.allSatisfy { $0 > 0 }, "\(shares)")
            #expect(shares.reduce(0, +) == partitionRequests[1]?.first)
        }
    }

    // MARK: - Refusals

    static func expectRefusal(
        _ arguments: [String], in directory: URL, mentioning mention: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let outcome = try CLI.run(arguments + ["--out", "merged"], in: directory)
        #expect(outcome.status != 0, sourceLocation: sourceLocation)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.contains(mention), "\(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "merged").path), sourceLocation: sourceLocation)
    }

    @Test func mismatchedMissingAndDuplicatePartitionsAreRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CLI.writeScenario(CLI.scenario, in: directory)
        _ = try CLI.writeScenario(CLI.scenario.replacingOccurrences(of: "accounts: 40", with: "accounts: 41"), in: directory, name: "other.yaml")
        for (arguments, out) in [
            (["scenario.yaml", "--shard", "1/2"], "a"), (["scenario.yaml", "--shard", "2/2"], "b"),
            (["scenario.yaml", "--shard", "2/2", "--seed", "6"], "b-seed"), (["scenario.yaml", "--shard", "2/3"], "b-of-3"),
            (["other.yaml", "--shard", "2/2"], "b-other"), (["scenario.yaml", "--shard", "2/2", "--format", "csv"], "b-csv"),
            (["scenario.yaml", "--scale", "0.5", "--shard", "2/2"], "b-scale"), (["scenario.yaml"], "trace"),
        ] {
            try Self.succeed(["generate"] + arguments + ["--out", out], in: directory)
        }
        try FileManager.default.copyItem(at: directory.appending(path: "a"), to: directory.appending(path: "a-copy"))
        try FileManager.default.copyItem(at: directory.appending(path: "b"), to: directory.appending(path: "b-version"))
        let versioned = directory.appending(path: "b-version/part.json")
        let text = try String(contentsOf: versioned, encoding: .utf8)
        try text.replacingOccurrences(of: "\"harness_version\" : \"", with: "\"harness_version\" : \"0.0.1-old-").write(
            to: versioned, atomically: true, encoding: .utf8)

        try Self.expectRefusal(["merge-traces", "a"], in: directory, mentioning: "partition 2/2 is missing")
        try Self.expectRefusal(["merge-traces", "a", "b", "a-copy"], in: directory, mentioning: "a and a-copy are both partition 1/2")
        try Self.expectRefusal(["merge-traces", "a", "b-seed"], in: directory, mentioning: "b-seed: a partition of another trace: seed 6")
        try Self.expectRefusal(["merge-traces", "a", "b-of-3"], in: directory, mentioning: "shard count 3")
        try Self.expectRefusal(["merge-traces", "a", "b-other"], in: directory, mentioning: "scenario tiny")
        try Self.expectRefusal(["merge-traces", "a", "b-csv"], in: directory, mentioning: "format csv")
        try Self.expectRefusal(["merge-traces", "a", "b-scale"], in: directory, mentioning: "scale 0.5")
        try Self.expectRefusal(["merge-traces", "a", "b-version"], in: directory, mentioning: "harness version 0.0.1-old-")
        try Self.expectRefusal(["merge-traces", "a", "trace"], in: directory, mentioning: "trace: not a trace partition")
        try FileManager.default.copyItem(at: directory.appending(path: "b"), to: directory.appending(path: "b-zero"))
        let zero = directory.appending(path: "b-zero/part.json")
        try String(contentsOf: zero, encoding: .utf8).replacingOccurrences(of: "\"shards\" : 2", with: "\"shards\" : 0").write(
            to: zero, atomically: true, encoding: .utf8)
        try Self.expectRefusal(["merge-traces", "b-zero", "a"], in: directory, mentioning: "b-zero: not a trace partition: part.json: partition 2/0")
        // A damaged partition: a request line lost.
        try FileManager.default.copyItem(at: directory.appending(path: "b"), to: directory.appending(path: "b-short"))
        let requests = directory.appending(path: "b-short/requests.jsonl")
        let lines = try String(contentsOf: requests, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.dropFirst().joined(separator: "\n")).write(to: requests, atomically: true, encoding: .utf8)
        try Self.expectRefusal(["merge-traces", "a", "b-short"], in: directory, mentioning: "b-short: damaged partition")
        // A partition is no trace: validate and evaluate send the user to merge-traces.
        for command in [["validate", "a"], ["evaluate", "a", "--out", "results", "--detectors", "volume"]] {
            let outcome = try CLI.run(command, in: directory)
            #expect(outcome.status != 0 && outcome.stderr.contains("merge-traces"), "\(command): \(outcome.stderr)")
        }
        // The good pair merges; a partition directory can be regenerated in place.
        try Self.succeed(["merge-traces", "b", "a", "--out", "merged"], in: directory)
        try Self.succeed(["generate", "scenario.yaml", "--shard", "1/2", "--out", "a"], in: directory)
        for shard in ["0/2", "3/2", "2", "1/0", "a/b"] {
            let outcome = try CLI.run(["generate", "scenario.yaml", "--shard", shard, "--out", "x"], in: directory)
            #expect(outcome.status != 0 && outcome.stderr.contains("--shard"), "\(shard): \(outcome.stderr)")
        }
    }

    // MARK: - Interrupted work

    @Test(arguments: [SIGKILL, SIGTERM])
    func interruptedShardLeavesNothingMergeAccepts(signal number: Int32) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: CLI.root.appending(path: "Scenarios/quickstart.yaml"), to: directory.appending(path: "scenario.yaml"))
        try Self.succeed(["generate", "scenario.yaml", "--shard", "2/2", "--scale", "0.02", "--out", "b"], in: directory)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["generate", "scenario.yaml", "--shard", "1/2", "--out", "a", "--threads", "1"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".a.tmp-") }
        }
        let deadline = Date().addingTimeInterval(60)
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
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "a").path))
        let left = try temporaries()
        if number == SIGKILL {
            // Killed outright, the temporary stays, but it is no partition.
            let temporary = try #require(left.first)
            try Self.expectRefusal(["merge-traces", temporary, "b"], in: directory, mentioning: "not a trace partition")
        } else {
            #expect(left.isEmpty)
        }
        try Self.expectRefusal(["merge-traces", "a", "b"], in: directory, mentioning: "not a trace partition")
    }
}
