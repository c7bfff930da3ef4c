import Detection
import Evaluation
import Features
import Foundation
import GroundTruth
import Reporting
import ResultsModel
import Testing
import Traffic

/// Issue 11: hostile strings fed through every place a string reaches the page — account ids,
/// persona, campaign and tactic names, a detector's name, its evidence and failure, the trace's
/// path, log notes — are written to a real results folder by ``ResultsWriter`` and never survive
/// unescaped in `report.html` or the comparison page.
struct HostileReportTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "</svg><img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)\" x='",
        "&lt;script&gt;&amp;",
        "\u{1B}[31mred\u{1B}[0m",
        "nul\u{0}del\u{7F}c1\u{85}sep\u{2028}bidi\u{202E}",
        String(repeating: "<a\"'&>", count: 1_750),  // about 10 KB
    ]

    /// Scores each account by its request count and holds a hostile text against it.
    struct HostileDetector: ExplainingDetector {
        let name: String
        let defaultThreshold = 3.0
        var configuration: any DetectorConfiguration { NoParameters() }
        var reads: Set<RequestField> { [.account, .ts] }
        var counts: [Double] = []

        mutating func observe(_ batch: RequestBatch, features: Features.PromptFeatures, board: inout ScoreBoard) throws {
            if counts.count < batch.accountNames.count { counts += Array(repeating: 0, count: batch.accountNames.count - counts.count) }
            for i in 0..<batch.count {
                let account = batch.accounts[i]
                counts[Int(account)] += 1
                board.record(account: account, time: batch.timestamps[i], score: counts[Int(account)])
            }
        }

        func evidence(account: Int, accountIDs: [String]) -> [String: String] {
            [name: accountIDs[account]]
        }
    }

    /// A small labelled trace whose every name is `bad` (with a suffix where names must differ).
    static func replay(_ bad: String) -> MemoryReplay {
        let ids = (0..<6).map { "\(bad)#\($0)" }
        let names = Interner(ids)
        var batches: [RequestBatch] = []
        for index in 0..<4 {
            var batch = RequestBatch(symbols: Interner(), accountNames: names)
            for row in 0..<30 {
                let ts = Int64(1_700_000_000_000 + (index * 30 + row) * 60_000)
                let account = ids[row % (row % 2 == 0 ? 6 : 2)]
                batch.append(Request(id: "r\(index)-\(row)", ts: ts, account: account, prompt: bad, promptTokens: 10, completionTokens: 100))
            }
            batches.append(batch)
        }
        let truth = GroundTruth(
            accounts: ids.enumerated().map { index, id in
                index < 2
                    ? AccountTruth(account: id, label: .adversarial, tactic: bad, campaign: bad)
                    : AccountTruth(account: id, label: .benign, persona: "\(bad)-\(index % 2)", decoy: index % 2 == 0)
            },
            campaigns: [
                CampaignTruth(id: bad, tactic: bad, accounts: Array(ids.prefix(2)), start: 1_700_000_000_000, end: 1_700_007_200_000, requested: 0)
            ])
        return MemoryReplay(batches: batches, accounts: ids.map { Account.unknown(id: $0) }, truth: truth)
    }

    /// Writes a results folder of `bad` through the real writer and returns it, read back.
    static func folder(_ bad: String, in directory: URL) throws -> ResultsFolder {
        let detectors: [any Detector] = [HostileDetector(name: bad), try DetectorCatalog.detectors("volume")[0]]
        var evaluation = try DetectorEvaluation(detectors: detectors, replay: replay(bad))
        evaluation.outcomes[0].run.failure = bad
        var manifest = ResultsManifest(
            command: "evaluate", fprBudget: 0.001,
            detectors: evaluation.outcomes.map {
                .init(name: $0.run.name, parameters: ["command": .string(bad)], defaultThreshold: 1, features: [bad], status: "ok", failure: bad)
            },
            harnessVersion: bad, machine: ["os": bad])
        manifest.trace = bad
        manifest.log = ["map": .string(bad), "logs": .array([.string(bad)])]
        manifest.scenarios = [.init(name: bad, sha256: bad)]
        let run = ResultsWriter.Run(
            manifest: manifest, headline: evaluation, evaluations: [(bad, evaluation)],
            summaries: [(bad, evaluation.outcomes.map { MetricsSummary(name: $0.run.name, reports: [$0.report, $0.report]) })],
            source: bad)
        let target = directory.appending(path: "results")
        try ResultsWriter.write(run, to: target)
        return try ResultsFolder(url: target)
    }

    @Test(arguments: hostile.indices)
    func hostileStringsStayText(_ index: Int) throws {
        let bad = Self.hostile[index]
        let directory = FileManager.default.temporaryDirectory.appending(path: "hostile-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try Self.folder(bad, in: directory)
        let page = try String(contentsOf: folder.url.appending(path: ReportPage.fileName), encoding: .utf8)
        #expect(page == ReportPage.html(folder), "the written page is the command's page")
        let comparison = ComparisonReport.html(try ResultsComparison(before: folder, after: folder))
        for (name, html) in [("report", page), ("compare", comparison)] {
            try PageGrammar.check(html, page: name)
            #expect(PageGrammar.count("<script", in: html.lowercased()) == 1, "\(name): only the sort script")
            #expect(!html.contains("<img"), "\(name)")
            #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(name): raw control character")
        }
        // The names are there, escaped: the page shows them as text.
        let escaped = bad.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        if !bad.contains("\u{1B}"), !bad.contains("\u{0}"), bad.count < 100 {
            #expect(page.contains(escaped.replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")))
        }
    }

    /// Every kind of place carries the string: a mutation that drops escaping in one of them fails.
    @Test func everyPlaceIsReached() throws {
        let marker = "<b>marker</b>"
        let directory = FileManager.default.temporaryDirectory.appending(path: "hostile-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try Self.folder(marker, in: directory)
        let page = ReportPage.html(folder)
        let shown = "&lt;b&gt;marker&lt;/b&gt;"
        #expect(!page.contains(marker))
        // Detector, account, persona, campaign and tactic names, evidence, failure, manifest and notes.
        #expect(PageGrammar.count(shown, in: page) > 40, "\(PageGrammar.count(shown, in: page)) escaped copies")
        for place in ["\(shown)#0", "\(shown)-1", "map", "harness version"] { #expect(page.contains(place), "\(place)") }
    }
}
