@testable import ResultsModel
import Evaluation
import Foundation
import Reporting

import Testing

/// Issue 11: one typed, versioned results model writes and reads `summary.json` and
/// `manifest.json`; errors name the file and key; figures are rounded to their intervals.
struct ResultsModelTests {
    static func folder() throws -> (URL, ResultsFolder) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "results-model-\(UUID().uuidString)")
        let folder = try HostileReportTests.folder("plain", in: directory)
        return (directory, folder)
    }

    @Test func writtenFoldersReadBackToTheSameBytes() throws {
        let (directory, folder) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try Data(contentsOf: folder.url.appending(path: "summary.json"))
        let manifest = try Data(contentsOf: folder.url.appending(path: "manifest.json"))
        #expect(try ResultsFolder.encode(folder.summary) == summary)
        #expect(try ResultsFolder.encode(folder.manifest) == manifest)
        #expect(folder.summary.formatVersion == ResultsManifest.currentVersion)
        #expect(folder.summary.composition?.requests == 120)
        #expect(folder.summary.activity?.requests.reduce(0, +) == 80, "the campaign's two members send 20 of each 30 requests")
        #expect(folder.summary.topAccounts?.count == 2)
        #expect(!folder.sweeps.isEmpty)
    }

    @Test func newerVersionsAndBrokenFilesAreRefusedByName() throws {
        let (directory, folder) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = folder.url.appending(path: "summary.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 99")
        try Data(text.utf8).write(to: file)
        #expect(throws: ResultsFormatError.self) { try ResultsFolder(url: folder.url) }
        do {
            _ = try ResultsFolder(url: folder.url)
        } catch {
            #expect("\(error)".contains("summary.json: format_version: format_version 99 is newer"))
        }
        let manifest = folder.url.appending(path: "manifest.json")
        try Data(#"{"command": "run", "detectors": [], "harness_version": "x"}"#.utf8).write(to: manifest)
        do {
            _ = try ResultsFolder(url: folder.url)
            Issue.record("a manifest without fpr_budget was read")
        } catch {
            #expect("\(error)" == "\(manifest.path): fpr_budget: missing")
        }
    }

    @Test func figuresAreRoundedToTheirIntervals() {
        #expect(FigureFormat.value(0.85432) == "0.854")
        #expect(FigureFormat.value(12.34) == "12.3")
        #expect(FigureFormat.value(0.0012345) == "0.00123")
        #expect(FigureFormat.value(nil) == "—")
        #expect(FigureFormat.interval(MetricInterval(mean: 0.8543, lower: 0.8313, upper: 0.8773, n: 3, level: 0.95)) == "0.85 ± 0.02")
        #expect(FigureFormat.interval(MetricInterval(mean: 0.8543, lower: 0.4, upper: 1.3, n: 3, level: 0.95)) == "0.9 ± 0.5")
        #expect(FigureFormat.interval(MetricInterval(mean: 0.5, lower: nil, upper: nil, n: 1, level: 0.95)) == "0.5")
        #expect(FigureFormat.throughput(29_350_033_497) == "29.4G req/s")
        #expect(FigureFormat.throughput(374_123) == "374k req/s")
        #expect(FigureFormat.throughput(1_234_567) == "1.23M req/s")
        #expect(FigureFormat.throughput(nil) == "—")
        #expect(FigureFormat.duration(90) == "90 s")
        #expect(FigureFormat.duration(5_400) == "90 min")
        #expect(FigureFormat.count(1_014_266) == "1,014,266")
    }

    @Test func differencesAreRealOnlyWhenIntervalsSaySo() {
        let low = ResultsComparison.Figure(value: 0.5, interval: MetricInterval(mean: 0.5, lower: 0.45, upper: 0.55, n: 3, level: 0.95))
        let high = ResultsComparison.Figure(value: 0.7, interval: MetricInterval(mean: 0.7, lower: 0.65, upper: 0.75, n: 3, level: 0.95))
        let near = ResultsComparison.Figure(value: 0.53, interval: MetricInterval(mean: 0.53, lower: 0.5, upper: 0.56, n: 3, level: 0.95))
        let single = ResultsComparison.Figure(value: 0.9, interval: nil)
        #expect(ResultsComparison.verdict(low, high, higherIsBetter: true) == .better)
        #expect(ResultsComparison.verdict(low, high, higherIsBetter: false) == .worse)
        #expect(ResultsComparison.verdict(high, low, higherIsBetter: true) == .worse)
        #expect(ResultsComparison.verdict(low, near, higherIsBetter: true) == .overlap)
        #expect(ResultsComparison.verdict(low, single, higherIsBetter: true) == .noInterval)
        #expect(ResultsComparison.verdict(low, low, higherIsBetter: true) == .unchanged)
    }
}
