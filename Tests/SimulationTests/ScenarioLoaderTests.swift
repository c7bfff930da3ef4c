import Foundation
import Simulation
import Testing

/// Scenario files: what loads, and the one-line error (file, line, key path, expectation)
/// for what does not (issue 2, "Bad inputs").
struct ScenarioLoaderTests {
    static let valid = TestScenarios.allPersonas()

    @Test func validScenarioLoads() throws {
        let scenario = try TestScenarios.load(Self.valid)
        #expect(scenario.name == "all-personas")
        #expect(scenario.seed == 7)
        #expect(scenario.duration == 12 * 3_600_000)
        #expect(scenario.models.count == 5)
        #expect(scenario.populations.map(\.persona) == Persona.allCases)
        #expect(scenario.populations[0].profile.arrival.requestsPerDay == 2_000)
        #expect(scenario.contentHash.count == 64)
    }

    @Test func contentHashIsSHA256OfTheBytes() throws {
        let a = try TestScenarios.load(Self.valid)
        let b = try TestScenarios.load(Self.valid + "\n# comment")
        #expect(a.contentHash != b.contentHash)
        let expected = try Self.sha256sum(Self.valid)
        #expect(a.contentHash == expected)
    }

    /// `sha256sum` of `text`, the independent implementation.
    static func sha256sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(printed.prefix(64))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var from: String
        var to: String
        var expected: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "unknown persona", from: "persona: router", to: "persona: hacker",
                expected: "test.yaml:19: populations[7].persona: unknown persona \"hacker\"; expected one of chat-app"),
        BadCase(name: "negative count", from: "accounts: 60", to: "accounts: -5",
                expected: "test.yaml:14: populations[2].accounts: expected an integer ≥ 0, found -5"),
        BadCase(name: "missing key", from: "seed: 7\n", to: "",
                expected: "test.yaml: seed: missing required key"),
        BadCase(name: "wrong type", from: "accounts: 60", to: "accounts: many",
                expected: "test.yaml:14: populations[2].accounts: expected an integer, found \"many\""),
        BadCase(name: "unknown key", from: "seed: 7", to: "seed: 7\nsede: 8",
                expected: "test.yaml:3: sede: unknown key; expected one of campaigns, description, duration, models, name, populations, seed, start"),
        BadCase(name: "bad duration", from: "duration: 12h", to: "duration: 12 hours",
                expected: "test.yaml:4: duration: expected a positive duration such as 90s, 45m, 36h, 7d or 2w, found \"12 hours\""),
        BadCase(name: "bad time", from: "start: 2026-03-02T06:00:00Z", to: "start: yesterday",
                expected: "test.yaml:3: start: expected an ISO 8601 time such as 2026-03-02T00:00:00Z, found \"yesterday\""),
        BadCase(name: "unknown parameter", from: "requests_per_day: 800", to: "requests_per_hour: 800",
                expected: "test.yaml:15: populations[3].params.requests_per_hour: unknown parameter; expected one of"),
        BadCase(name: "parameter out of range", from: "{requests_per_day: 800}", to: "{requests_per_day: 800, stream_share: 1.5}",
                expected: "test.yaml:15: populations[3].params.stream_share: expected a number ≤ 1.0, found 1.5"),
        BadCase(name: "unknown model family", from: "family: reasoning", to: "family: huge",
                expected: "test.yaml:8: models[2].family: unknown model family \"huge\"; expected one of large, small, reasoning, embedding"),
        BadCase(name: "list instead of a value", from: "duration: 12h", to: "duration: [12h]",
                expected: "test.yaml:4: duration: expected a string, found a list"),
        BadCase(name: "YAML syntax", from: "seed: 7", to: "seed: [7",
                expected: "test.yaml:"),
    ]

    @Test(arguments: badCases)
    func badScenarioGivesOneLineError(_ bad: BadCase) throws {
        let yaml = Self.valid.replacingOccurrences(of: bad.from, with: bad.to)
        #expect(yaml != Self.valid, "the case does not change the scenario")
        do {
            _ = try TestScenarios.load(yaml)
            Issue.record("\(bad.name) was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix(bad.expected), "got: \(message)")
            #expect(!message.contains("\n"))
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: ScenarioError.self) { try TestScenarios.load("") }
        do {
            _ = try TestScenarios.load("   \n")
        } catch {
            #expect(String(describing: error) == "test.yaml: the file is empty")
        }
    }

    @Test func nonUTF8IsAnError() {
        var bytes = Data(Self.valid.utf8)
        bytes.append(contentsOf: [0xff, 0xfe, 0x80])
        #expect(throws: ScenarioError(file: "bad.yaml", line: nil, keyPath: "", message: "not UTF-8 text")) {
            try ScenarioLoader.parse(bytes, file: "bad.yaml")
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/scenario.yaml") }
    }

    @Test func shippedScenariosLoad() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appending(path: "Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.contains("quickstart.yaml"))
        for file in files {
            _ = try ScenarioLoader.load(path: directory.appending(path: file).path)
        }
    }
}
