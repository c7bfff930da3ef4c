import Detection
import Evaluation
import ExternalDetection
import Features
import Foundation
import Testing
import Traffic

/// External detectors over a pipe (issue 10): real subprocesses speaking protocol version 1.
/// A working program's updates land on its board exactly; each way a program can fail is an
/// outcome (`error` or `timeout`, with its first stderr line) while the in-process detectors
/// beside it keep exactly the results they have without it; a program that stops reading meets
/// bounded buffering and the timeout.
struct ExternalDetectorTests {
    // MARK: - Fixtures

    /// Three accounts; account `c` asks for log-probabilities. `batches × 250` requests, 1 ms
    /// apart, with prompts of a few hundred bytes (so that a few batches overflow a pipe).
    static func replay(batches: Int = 4) -> MemoryReplay {
        let ids = ["a", "b", "c"]
        let names = Interner(ids)
        let symbols = Interner()
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 12)
        let list = (0..<batches).map { index in
            var batch = RequestBatch(symbols: symbols, accountNames: names)
            for row in 0..<250 {
                let ts = Int64(1_700_000_000_000 + index * 250 + row)
                let account = ids[(row * 7 + index) % 3]
                batch.append(
                    Request(
                        id: "r\(ts)", ts: ts, account: account, key: "k-\(account)", ip: "10.0.\(row % 5).0/24", asn: 64_512,
                        ua: "python-sdk/1.52.0", model: "m-large", prompt: "prompt \(row % 40) \"quoted\" \(filler)",
                        promptTokens: 120, completionTokens: Int32(200 + row), temperature: 0.7, logprobs: account == "c",
                        topLogprobs: account == "c" ? 5 : 0))
            }
            return batch
        }
        let accounts = ids.map {
            Account(
                id: $0, org: "org-\($0)", created: 1_690_000_000_000, tier: .tier1, payment: "card-\($0)", emailDomain: "example.com",
                country: "DE", signupIP: "10.9.\($0.utf8.first ?? 0).0/24")
        }
        return MemoryReplay(batches: list, accounts: accounts)
    }

    /// A temporary directory of test programs.
    static let programs: URL = {
        let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-external-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// `python3 <file>` for a script with `source` (the header helper `header()` predefined).
    static func python(_ source: String, name: String = UUID().uuidString) throws -> String {
        let prelude = """
            import json, sys, time
            def header(name="ext", threshold=1.0):
                print(json.dumps({"name": name, "version": "t", "default_threshold": threshold}), flush=True)

            """
        let url = programs.appending(path: "\(name).py")
        try Data((prelude + source).utf8).write(to: url)
        return "python3 \(url.path)"
    }

    /// The in-process detectors every failure test runs beside the external program.
    static func inProcess() throws -> [any Detector] { try DetectorCatalog.detectors("volume,parameter-abuse,null") }

    /// Runs the in-process detectors with and without `external`; checks the in-process results
    /// are the same and returns the external program's run.
    static func runBeside(_ external: ExternalDetector, replay: MemoryReplay = replay()) throws -> DetectorRun {
        let alone = try DetectorRunner.run(inProcess(), replay: replay, threads: 2)
        let runs = try DetectorRunner.run(try inProcess() + [external], replay: replay, threads: 2)
        #expect(runs.count == alone.count + 1)
        for (with, without) in zip(runs, alone) {
            #expect(with.name == without.name)
            #expect(with.status == .ok && with.failure == nil)
            #expect(with.board.changePoints == without.board.changePoints, "\(with.name) changed beside the external program")
        }
        return try #require(runs.last)
    }

    // MARK: - Command words

    @Test func commandsSplitLikeShellWordsWithoutAShell() throws {
        #expect(try CommandWords.split("python3 det.py --k 5") == ["python3", "det.py", "--k", "5"])
        #expect(try CommandWords.split(#"prog 'a b' "c \"d\" \$x" e\ f '' "#) == ["prog", "a b", #"c "d" $x"#, "e f", ""])
        #expect(try CommandWords.split("prog $HOME *.py | cat") == ["prog", "$HOME", "*.py", "|", "cat"])
        #expect(throws: CommandWords.SplitError.self) { try CommandWords.split("prog 'open") }
        #expect(throws: CommandWords.SplitError.self) { try CommandWords.split("   ") }
        #expect(throws: DetectorError.self) { try ExternalDetector(command: #"prog "open"#) }
    }

    // MARK: - A working program

    @Test func aWorkingProgramReadsTheTraceLinesAndItsUpdatesLandOnTheBoardInOrder() throws {
        let received = Self.programs.appending(path: "received-\(UUID().uuidString).jsonl")
        // Scores each account by its request count at every 10th request; copies its input.
        let command = try Self.python(
            """
            header("count-py", 20)
            counts = {}
            with open(sys.argv[1], "w") as copy:
                for line in sys.stdin:
                    copy.write(line)
                    r = json.loads(line)
                    counts[r["account"]] = counts.get(r["account"], 0) + 1
                    if counts[r["account"]] % 10 == 0:
                        print(json.dumps({"account": r["account"], "ts": r["ts"], "score": counts[r["account"]] / 10}))
            """) + " " + received.path
        let replay = Self.replay()
        let run = try Self.runBeside(try ExternalDetector(command: command, timeout: 30))
        #expect(run.status == .ok, "\(run.failure ?? "")")
        #expect(run.name == "count-py" && run.defaultThreshold == 20)
        // The same updates, computed here.
        var expected = ScoreBoard(accounts: 3)
        var counts = [0, 0, 0]
        try replay.replay { batch, _ in
            for row in 0..<batch.count {
                let account = Int(batch.accounts[row])
                counts[account] += 1
                if counts[account] % 10 == 0 {
                    expected.record(account: UInt32(account), time: batch.timestamps[row], score: Double(counts[account]) / 10)
                }
            }
        }
        #expect(run.board.changePoints == expected.changePoints)
        #expect(run.board.changePoints.count == 99)  // 334, 333 and 333 requests

        // Each line is the requests.jsonl line, plus the account's record on its first request.
        let trace = Self.programs.appending(path: "requests-\(UUID().uuidString).jsonl")
        let writer = try JSONLRequestWriter(url: trace)
        try replay.replay { batch, _ in try writer.write(batch) }
        try writer.close()
        let lines = try String(contentsOf: received, encoding: .utf8).split(separator: "\n").map(String.init)
        let reference = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 1_000 && reference.count == 1_000)
        var introduced: [String] = []
        for (line, expectedLine) in zip(lines, reference) {
            guard let cut = line.range(of: #","account_record":"#) else {
                #expect(line == expectedLine)
                continue
            }
            #expect(String(line[..<cut.lowerBound]) + "}" == expectedLine)
            let record = String(line[cut.upperBound...].dropLast())
            let account = try #require(replay.accounts.first { record.contains(#""account":"\#($0.id)""#) })
            introduced.append(account.id)
            let encoded = String(decoding: AccountCodec.encode([account], as: .jsonl), as: UTF8.self)
            #expect(record + "\n" == encoded)
        }
        #expect(introduced == ["a", "b", "c"])
    }

    @Test func updatesWrittenAfterTheInputClosesCount() throws {
        // Reads everything first (a batch-style program, buffered output), then scores each
        // account by its request count at its last request.
        let command = try Self.python(
            """
            header("at-the-end")
            last, counts = {}, {}
            for line in sys.stdin:
                r = json.loads(line)
                last[r["account"]] = r["ts"]
                counts[r["account"]] = counts.get(r["account"], 0) + 1
            for account in sorted(last):
                print(json.dumps({"account": account, "ts": last[account], "score": counts[account]}))
            """)
        let run = try Self.runBeside(try ExternalDetector(command: command, timeout: 30))
        #expect(run.status == .ok, "\(run.failure ?? "")")
        #expect(run.board.maxScores == [334, 333, 333])
        var last = [Int64](repeating: 0, count: 3)
        try Self.replay().replay { batch, _ in
            for row in 0..<batch.count { last[Int(batch.accounts[row])] = batch.timestamps[row] }
        }
        #expect(run.board.changePoints.map(\.time) == last)
    }

    @Test func theEmbeddingIsSentWhenAskedAndReadsBackAsTheSameFloats() throws {
        let received = Self.programs.appending(path: "embedding-\(UUID().uuidString).jsonl")
        let command = try Self.python(
            """
            header()
            with open(sys.argv[1], "w") as copy:
                for line in sys.stdin:
                    copy.write(json.dumps(json.loads(line)["embedding"]) + "\\n")
            """) + " " + received.path
        let replay = Self.replay(batches: 1)
        let settings = PromptFeatureSettings(embeddingDimension: 64)
        let run = try DetectorRunner.run(
            [try ExternalDetector(command: command, timeout: 30, features: .embedding)], replay: replay, features: settings)
        #expect(run[0].status == .ok, "\(run[0].failure ?? "")")
        let batch = try #require(replay.batches.first)
        let features = PromptFeatures(of: batch, needs: .embedding, settings: settings)
        let lines = try String(contentsOf: received, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == batch.count)
        for (row, line) in lines.enumerated() {
            let values = try JSONDecoder().decode([Double].self, from: Data(line.utf8))
            #expect(values.map(Float.init) == Array(features.embedding(row)))
        }
    }

    /// Whether `python3` can import `module` here.
    static func pythonHas(_ module: String) -> Bool {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }

    @Test(.enabled(if: pythonHas("jsonschema"), "python3 with jsonschema is not installed here: pip install -r requirements.txt"))
    func bothDirectionsFollowTheVersionedSchema() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = root.appending(path: "schemas/detector-protocol-v1.json")
        let copies = Self.programs.appending(path: "schema-\(UUID().uuidString)")
        // Copies what it reads and what it writes, one file each.
        let command = try Self.python(
            """
            out = open(sys.argv[1] + ".out", "w")
            def say(obj):
                out.write(json.dumps(obj) + "\\n"); print(json.dumps(obj))
            say({"name": "schema-check", "version": "1", "default_threshold": 2.5, "protocol": 1})
            with open(sys.argv[1] + ".in", "w") as copy:
                for line in sys.stdin:
                    copy.write(line)
                    r = json.loads(line)
                    say({"account": r["account"], "ts": r["ts"], "score": 0.5, "evidence": "extra keys are ignored"})
            out.close()
            """) + " " + copies.path
        let run = try DetectorRunner.run(
            [try ExternalDetector(command: command, timeout: 30, features: .embedding)], replay: Self.replay(batches: 1),
            features: PromptFeatureSettings(embeddingDimension: 16))
        #expect(run[0].status == .ok, "\(run[0].failure ?? "")")
        let check = Process()
        check.executableURL = URL(filePath: "/usr/bin/env")
        check.arguments = [
            "python3", "-c",
            """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            def validator(name):
                return jsonschema.Draft202012Validator({"$ref": "#/$defs/" + name, "$defs": schema["$defs"]})
            lines = open(sys.argv[2] + ".in").read().splitlines()
            outs = [json.loads(l) for l in open(sys.argv[2] + ".out").read().splitlines()]
            for line in lines: validator("request").validate(json.loads(line))
            validator("header").validate(outs[0])
            for o in outs[1:]: validator("update").validate(o)
            # Negative checks: the schema can fail.
            bad = json.loads(lines[0]); del bad["ts"]
            assert not validator("request").is_valid(bad)
            assert not validator("update").is_valid({"account": "a", "ts": 1.5, "score": 1})
            assert not validator("update").is_valid({"account": "a", "ts": 1, "score": -1})
            assert not validator("header").is_valid({"name": "Bad Name", "version": "1", "default_threshold": 1})
            print(len(lines), len(outs))
            """,
            schema.path, copies.path,
        ]
        let output = Pipe()
        check.standardOutput = output
        try check.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "250 251")
    }

    // MARK: - Failures are outcomes

    /// A program that misbehaves in one way, and what its failure must say.
    struct Misbehaviour: Sendable, CustomTestStringConvertible {
        var label: String
        var source: String
        var status: DetectorRun.Status
        var message: String
        var testDescription: String { label }
    }

    static let misbehaviours: [Misbehaviour] = [
        Misbehaviour(
            label: "non-zero exit", source: "header()\nfor line in sys.stdin: pass\nprint('model file missing: x.bin', file=sys.stderr)\nsys.exit(3)",
            status: .error, message: #"exited with status 3; first stderr line: "model file missing: x.bin""#),
        Misbehaviour(
            label: "crash mid-stream", source: "header()\nsys.stdin.readline()\nraise SystemExit('gave up after one line')",
            status: .error, message: #"first stderr line: "gave up after one line""#),
        Misbehaviour(
            label: "non-JSON line", source: "header()\nprint('hello there', flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: #"output line 2 is not a score update"#),
        Misbehaviour(
            label: "non-JSON header", source: "print('starting up')\nfor line in sys.stdin: pass",
            status: .error, message: "output line 1 must be the header"),
        Misbehaviour(
            label: "unsafe name", source: "header('My Detector')\nfor line in sys.stdin: pass",
            status: .error, message: "is not 1–64 of a–z"),
        Misbehaviour(
            label: "built-in name", source: "header('volume')\nfor line in sys.stdin: pass",
            status: .error, message: "taken by a built-in detector"),
        Misbehaviour(
            label: "unknown account",
            source: "header()\nr = json.loads(sys.stdin.readline())\nprint(json.dumps({'account': 'nobody', 'ts': r['ts'], 'score': 1}), flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: #"account "nobody": unknown account"#),
        Misbehaviour(
            label: "negative score",
            source: "header()\nr = json.loads(sys.stdin.readline())\nprint(json.dumps({'account': r['account'], 'ts': r['ts'], 'score': -0.5}), flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: "score -0.5 is not a finite number ≥ 0"),
        Misbehaviour(
            label: "NaN score",
            source: "header()\nr = json.loads(sys.stdin.readline())\nprint(json.dumps({'account': r['account'], 'ts': r['ts'], 'score': float('nan')}), flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: "NaN and Infinity are not JSON numbers"),
        Misbehaviour(
            label: "fractional ts",
            source: "header()\nr = json.loads(sys.stdin.readline())\nprint(json.dumps({'account': r['account'], 'ts': r['ts'] + 0.5, 'score': 1}), flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: #"key "ts" must be an integer (Unix epoch milliseconds)"#),
        Misbehaviour(
            label: "update from the future",
            source: "header()\nr = json.loads(sys.stdin.readline())\nprint(json.dumps({'account': r['account'], 'ts': r['ts'] + 10**9, 'score': 1}), flush=True)\nfor line in sys.stdin: pass",
            status: .error, message: "updates cannot come from the future"),
        Misbehaviour(
            label: "no header", source: "for line in sys.stdin: pass",
            status: .error, message: "exited with status 0 without writing its header line"),
        Misbehaviour(
            label: "hangs after its input", source: "header()\nfor line in sys.stdin: pass\ntime.sleep(60)",
            status: .timeout, message: "did not exit within --detector-timeout 3 s; killed with its process group"),
    ]

    @Test(arguments: misbehaviours)
    func aMisbehavingProgramIsRecordedAndTheOthersAreExact(_ case_: Misbehaviour) throws {
        let command = try Self.python(case_.source)
        let clock = ContinuousClock()
        let start = clock.now
        let run = try Self.runBeside(try ExternalDetector(command: command, timeout: 3))
        #expect(run.status == case_.status)
        let failure = try #require(run.failure)
        #expect(failure.contains(case_.message), "\(failure)")
        #expect(failure.contains(command), "the message names the command")
        #expect(clock.now - start < .seconds(10))
    }

    @Test func aProgramThatCannotStartIsAnError() throws {
        let missing = try Self.runBeside(try ExternalDetector(command: "no-such-detector-program --flag"))
        #expect(missing.status == .error && missing.name == "exec-1")
        #expect(missing.failure?.contains(#"cannot start "no-such-detector-program": no such program in PATH"#) == true)
        let notExecutable = try Self.runBeside(try ExternalDetector(command: Self.programs.path + "/nothing-here.py"))
        #expect(notExecutable.failure?.contains("no executable file there") == true)
    }

    @Test func twoProgramsCannotTakeOneName() throws {
        let command = try Self.python("header('twin')\nfor line in sys.stdin: pass")
        let names = ExternalNames(inProcess: [])
        let runs = try DetectorRunner.run(
            [try ExternalDetector(command: command, slot: 0, names: names), try ExternalDetector(command: command, slot: 1, names: names)],
            replay: Self.replay(batches: 2))
        #expect(runs.map(\.status) == [.ok, .error])
        #expect(runs[1].failure?.contains("taken by --detector-exec number 1") == true)
    }

    // MARK: - Backpressure and timeouts

    @Test func aProgramThatNeverReadsMeetsBoundedBufferingAndTheTimeout() throws {
        // Prints its header, then sleeps (in a child of its own, killed with the group).
        let command = #"sh -c 'echo "{\"name\":\"sleeper\",\"version\":\"1\",\"default_threshold\":1}"; sleep 60 & wait'"#
        let limit = 200_000
        var detector = try ExternalDetector(command: command, timeout: 1.5, maxQueuedBatches: 2, maxQueuedBytes: limit)
        let replay = Self.replay(batches: 40)  // ≈ 4 MB of lines: far more than the pipe and the queue hold
        let clock = ContinuousClock()
        let start = clock.now
        let run = try Self.runBeside(detector, replay: replay)
        #expect(clock.now - start < .seconds(12))
        #expect(run.status == .timeout)
        #expect(run.failure?.contains("did not read its input within --detector-timeout 1.5 s") == true, "\(run.failure ?? "")")
        // The queue never held more than its limit (one batch of ≈ 100 kB always fits).
        var board = ScoreBoard(accounts: 3)
        try detector.begin(accounts: replay.accounts)
        var timedOut = false
        for batch in replay.batches {
            do {
                try detector.observe(batch, features: .none, board: &board)
            } catch DetectorError.timedOut {
                timedOut = true
                break
            }
        }
        #expect(timedOut)
        #expect(detector.peakQueuedBytes > 0 && detector.peakQueuedBytes <= limit)
    }

    @Test func theProgramIsKilledWithItsProcessGroup() throws {
        let marker = Self.programs.appending(path: "child-\(UUID().uuidString).pid")
        // The program starts a child that would outlive it, then hangs.
        let command = try Self.python(
            """
            import subprocess
            header()
            child = subprocess.Popen(["sleep", "60"])
            open(sys.argv[1], "w").write(str(child.pid))
            for line in sys.stdin: pass
            time.sleep(60)
            """) + " " + marker.path
        let run = try Self.runBeside(try ExternalDetector(command: command, timeout: 1.5), replay: Self.replay(batches: 1))
        #expect(run.status == .timeout)
        let pid = try #require(Int32(try String(contentsOf: marker, encoding: .utf8)))
        // Gone (or a zombie of the dead program, reaped by init): no longer running `sleep`.
        Thread.sleep(forTimeInterval: 0.3)
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        #expect(status.isEmpty || status.contains("State:\tZ"), "child \(pid) still alive")
    }
}
