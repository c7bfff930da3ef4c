import Foundation
import Testing

/// Experiment files through the binary: `run EXPERIMENT.yaml`, `--shard I/N` and `merge` give
/// exactly what one `run` writes (timings aside); merge refuses what it must; an interrupted
/// shard leaves nothing merge accepts.
@Suite(.serialized)
struct ExperimentCommandTests {
    /// The tool without CommandLineTests' default detectors (an experiment file names its own).
    static func tool(_ arguments: [String]) throws -> CommandLineTests.Outcome {
        let process = try start(arguments)
        let out = process.standardOutput as? Pipe
        let err = process.standardError as? Pipe
        let stdout = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let stderr = err?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return .init(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func start(_ arguments: [String]) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the tool first")
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.currentDirectoryURL = CommandLineTests.root
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    static let secondScenario = """
        name: tiny-b
        seed: 9
        start: 2026-03-02T08:00:00Z
        duration: 4h
        models:
          - {name: m-large, family: large, released: 2025-09-01T00:00:00Z}
        populations:
          - {persona: developer, accounts: 30}
          - {persona: chat-app, accounts: 1, params: {requests_per_day: 2000}}
        campaigns:
          - {id: harvest, tactic: bulk-harvest, accounts: 2, budget: 1500}
          - {id: swarm, tactic: hydra, accounts: 12, budget: 300}
        """

    /// Two tiny scenarios, three evaluation seeds, a tuning seed, a grid of three volume configurations.
    static func experiment(in folder: URL, seeds: String = "[1, 2, 3]", scale: Double = 1) throws -> String {
        _ = try CommandLineTests.writeScenario(CommandLineTests.scenario, in: folder, name: "a.yaml")
        _ = try CommandLineTests.writeScenario(secondScenario, in: folder, name: "b.yaml")
        return try CommandLineTests.writeScenario(
            """
            experiment: e2e-grid
            scenarios:
              - a.yaml
              - {path: b.yaml, scale: 0.5}
            scale: \(scale)
            seeds: \(seeds)
            tune_seeds: [11]
            fpr_budget: 0.02
            detectors:
              volume: {request_limit: [100, 300, 600]}
              hydra: {}
            """, in: folder, name: "experiment.yaml")
    }

    static let timingKeys: Set<String> = ["throughput_rps", "pipe_throughput_rps", "peak_memory_mib", "machine"]

    /// JSON with the timing keys removed, re-encoded canonically.
    static func withoutTimings(_ url: URL) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !timingKeys.contains($0.key) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        let data = try JSONSerialization.data(withJSONObject: strip(object), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    /// A leaderboard without its throughput column (CSV: `throughput_rps`; Markdown: `throughput`).
    static func withoutThroughput(_ url: URL, separator: Character, column: String) throws -> String {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first?.split(separator: separator, omittingEmptySubsequences: false),
            let index = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == column })
        else { return lines.joined(separator: "\n") }
        return lines.map { line in
            var cells = line.split(separator: separator, omittingEmptySubsequences: false)
            if cells.count == header.count { cells.remove(at: index) }
            return cells.joined(separator: String(separator))
        }.joined(separator: "\n")
    }

    static func files(under url: URL) -> [String] {
        let paths = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { !(url.appending(path: $0).hasDirectoryPath) && !FileManager.default.isDirectory(url.appending(path: $0)) }.sorted()
    }

    @Test func mergedShardsEqualOneRun() throws {
        let folder = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = try Self.experiment(in: folder)
        let single = folder.appending(path: "single")
        let run = try Self.tool(["run", experiment, "--out", single.path])
        try #require(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Best configuration per detector"))
        var partials: [String] = []
        for shard in 1...3 {
            let part = folder.appending(path: "part-\(shard)").path
            let outcome = try Self.tool(["run", experiment, "--shard", "\(shard)/3", "--out", part])
            try #require(outcome.status == 0, "\(outcome.stderr)")
            partials.append(part)
        }
        let merged = folder.appending(path: "merged")
        // Any order of the partials.
        let merge = try Self.tool(["merge", partials[2], partials[0], partials[1], "--out", merged.path])
        try #require(merge.status == 0, "\(merge.stderr)")

        let singleFiles = Self.files(under: single)
        #expect(singleFiles == Self.files(under: merged))
        #expect(singleFiles.contains("sweep/volume(request_limit=100).csv") || singleFiles.contains { $0.hasPrefix("sweep/volume") })
        for file in singleFiles {
            let left = single.appending(path: file)
            let right = merged.appending(path: file)
            switch file {
            case "summary.json", "manifest.json":
                #expect(try Self.withoutTimings(left) == Self.withoutTimings(right), "\(file)")
            case "leaderboard.csv":
                #expect(
                    try Self.withoutThroughput(left, separator: ",", column: "throughput_rps")
                        == Self.withoutThroughput(right, separator: ",", column: "throughput_rps"))
            case "leaderboard.md":
                #expect(
                    try Self.withoutThroughput(left, separator: "|", column: "throughput")
                        == Self.withoutThroughput(right, separator: "|", column: "throughput"))
            case "report.html":
                continue  // It shows the throughput figures; rendered from the files compared here.
            default:
                #expect(try Data(contentsOf: left) == Data(contentsOf: right), "\(file) differs")
            }
        }
        let summary = try String(contentsOf: merged.appending(path: "summary.json"), encoding: .utf8)
        #expect(summary.contains("\"best\""))
        #expect(summary.contains("\"label\" : \"tiny-b/seed-3\""))
        // summary.json differs in nothing but the timing keys: the stripped JSON must not be trivially equal.
        #expect(try Self.withoutTimings(single.appending(path: "summary.json")).count > 10_000)

        // Refusals, one line each.
        let missing = try Self.tool(["merge", partials[0], partials[1], "--out", folder.appending(path: "m2").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("shard 3/3 is missing"), "\(missing.stderr)")
        let duplicate = try Self.tool(["merge", partials[0], partials[1], partials[2], partials[1], "--out", folder.appending(path: "m3").path])
        #expect(duplicate.status != 0)
        #expect(duplicate.stderr.contains("shard 2/3 given twice"), "\(duplicate.stderr)")
        for outcome in [missing, duplicate] { #expect(outcome.stderr.split(separator: "\n").count == 1) }
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "m2").path))

        // Another experiment: other seeds.
        let otherFolder = folder.appending(path: "other")
        try FileManager.default.createDirectory(at: otherFolder, withIntermediateDirectories: true)
        let other = try Self.experiment(in: otherFolder, seeds: "[1, 2, 4]")
        let otherPart = folder.appending(path: "other-3").path
        let otherRun = try Self.tool(["run", other, "--shard", "3/3", "--out", otherPart, "--dry-run"])
        #expect(otherRun.status == 0)
        let otherShard = try Self.tool(["run", other, "--shard", "3/3", "--out", otherPart])
        try #require(otherShard.status == 0, "\(otherShard.stderr)")
        let mixed = try Self.tool(["merge", partials[0], partials[1], otherPart, "--out", folder.appending(path: "m4").path])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("a partial of another experiment"), "\(mixed.stderr)")

        // Another version.
        let partialFile = URL(filePath: partials[2]).appending(path: "partial.json")
        let text = try String(contentsOf: partialFile, encoding: .utf8)
        let version = try #require(text.firstMatch(of: /"harness_version" : "([^"]+)"/)?.1)
        try Data(text.replacingOccurrences(of: "\"harness_version\" : \"\(version)\"", with: "\"harness_version\" : \"0.0.1\"").utf8)
            .write(to: partialFile)
        let old = try Self.tool(["merge", partials[0], partials[1], partials[2], "--out", folder.appending(path: "m5").path])
        #expect(old.status != 0)
        #expect(old.stderr.contains("written by distillbench 0.0.1"), "\(old.stderr)")
    }

    @Test func dryRunListsUnitsAndShardsCoverThemOnce() throws {
        let folder = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = try Self.experiment(in: folder)
        let all = try Self.tool(["run", experiment, "--dry-run"])
        try #require(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("8 units"))
        #expect(all.stdout.contains("volume(request_limit=100), volume(request_limit=300), volume, hydra"))
        func units(_ text: String) -> [String] { text.split(separator: "\n").filter { $0.hasPrefix("  unit ") }.map(String.init) }
        var sharded: [String] = []
        for shard in 1...3 {
            let outcome = try Self.tool(["run", experiment, "--dry-run", "--shard", "\(shard)/3"])
            #expect(outcome.status == 0)
            let again = try Self.tool(["run", experiment, "--dry-run", "--shard", "\(shard)/3"])
            #expect(outcome.stdout == again.stdout)
            sharded += units(outcome.stdout)
        }
        #expect(sharded.sorted() == units(all.stdout).sorted())
        let validate = try Self.tool(["validate", experiment])
        #expect(validate.stdout.contains("valid experiment e2e-grid: 2 scenarios, 4 detector configurations, 8 units (2 tuning, 6 evaluation)"))
        let shipped = try Self.tool(["validate", "Experiments/quickstart-grid.yaml"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        // Options an experiment file sets itself are refused; a bad shard is one line.
        let clash = try Self.tool(["run", experiment, "--seeds", "4", "--dry-run"])
        #expect(clash.status != 0)
        #expect(clash.stderr.contains("--seeds: ") && clash.stderr.contains("is an experiment file"))
        let badShard = try Self.tool(["run", experiment, "--shard", "4/3", "--dry-run"])
        #expect(badShard.status != 0)
        #expect(badShard.stderr.contains("--shard: expected I/N"))
    }

    @Test func anInterruptedShardLeavesNothingMergeAccepts() throws {
        let folder = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let experiment = try Self.experiment(in: folder, seeds: "[1, 2, 3, 4, 5, 6]", scale: 4)
        let part = folder.appending(path: "part-1")
        let process = try Self.start(["run", experiment, "--shard", "1/1", "--out", part.path])
        Thread.sleep(forTimeInterval: 1.5)
        try #require(process.isRunning, "the shard finished before it could be interrupted")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: part.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("part-1") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        let merge = try Self.tool(["merge", part.path, "--out", folder.appending(path: "merged").path])
        #expect(merge.status != 0)
        #expect(merge.stderr.contains("cannot be read"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "merged").path))
    }
}

extension FileManager {
    fileprivate func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
