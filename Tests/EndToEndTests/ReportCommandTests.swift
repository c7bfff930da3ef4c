import Foundation
import Testing

/// Issue 11 through the binary: `run` writes report.html; `report` renders it again, byte for byte;
/// `compare` reads two folders, writes Markdown and HTML, and refuses different scenarios.
struct ReportCommandTests {
    typealias CLI = CommandLineTests

    @Test func runWritesTheReportAndCompareReadsTwoRuns() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try CLI.writeScenario(CLI.scenario, in: directory)
        let first = directory.appending(path: "first")
        let second = directory.appending(path: "second")
        for (out, seeds) in [(first, "1,2"), (second, "3,4")] {
            let result = try CLI.run(["run", scenario, "--seeds", seeds, "--detectors", "volume,hydra,null", "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("± "), "several seeds: figures with intervals")
        }
        let page = try Data(contentsOf: first.appending(path: "report.html"))
        let text = String(decoding: page, as: UTF8.self)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.contains("Content-Security-Policy"))
        #expect(text.contains("<svg class=\"chart\""))
        let addresses = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!addresses.contains("http://") && !addresses.contains("https://"), "nothing to load from the network")

        // `report` renders the same page into another file; an existing file needs --force.
        let again = directory.appending(path: "again.html")
        #expect(try CLI.run(["report", first.path, "--out", again.path]).status == 0)
        #expect(try Data(contentsOf: again) == page)
        CLI.expectFailure(try CLI.run(["report", first.path, "--out", again.path]), mentioning: "--force")
        CLI.expectFailure(try CLI.run(["report", directory.path]), mentioning: "manifest.json")

        let compared = directory.appending(path: "compared")
        let comparison = try CLI.run(["compare", first.path, second.path, "--out", compared.path])
        #expect(comparison.status == 0, "\(comparison.stderr)")
        #expect(comparison.stdout.contains("| volume | AP |"))
        #expect(FileManager.default.fileExists(atPath: compared.appending(path: "compare.html").path))
        let markdown = try String(contentsOf: compared.appending(path: "compare.md"), encoding: .utf8)
        #expect(markdown == comparison.stdout.components(separatedBy: "wrote ").first)

        // A results folder of another scenario is refused in one line, unless --force.
        let other = try CLI.writeScenario(CLI.scenario.replacingOccurrences(of: "name: tiny", with: "name: other"), in: directory, name: "other.yaml")
        let third = directory.appending(path: "third")
        #expect(try CLI.run(["run", other, "--detectors", "volume", "--out", third.path]).status == 0)
        CLI.expectFailure(try CLI.run(["compare", first.path, third.path]), mentioning: "different scenarios")
        #expect(try CLI.run(["compare", first.path, third.path, "--force"]).status == 0)
    }
}
