import ArgumentParser
import Foundation
import Reporting
import ResultsModel
import Traffic

/// `distillbench report`: the HTML report of a results folder (written by `run` and `evaluate` too).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write report.html of a results folder: one self-contained page with the leaderboard and charts.",
        discussion: """
            `run` and `evaluate` write it themselves; this command renders the folder's readable views
            again from summary.json — report.html, leaderboard.md and leaderboard.csv — e.g. for a
            folder written by an older version. With --out, only the page, written there. The page
            loads nothing from the network.
            """)

    @Argument(help: "The results folder.")
    var results: String

    @Option(parsing: .unconditional, help: "Write the page here instead of RESULTS/report.html (an existing file needs --force).")
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func run() throws {
        let folder = try ResultsFolder(url: URL(filePath: results))
        let target = out.map { URL(filePath: $0) } ?? folder.url.appending(path: ReportPage.fileName)
        if let out, FileManager.default.fileExists(atPath: out), !force {
            throw CommandError("--out \(out) exists; pass --force to replace it")
        }
        try ReportPage.write(folder, to: target)
        if out == nil {
            for (name, data) in ResultsWriter.leaderboardFiles(folder.summary) {
                try AtomicFile.write(data, to: folder.url.appending(path: name))
            }
        }
        print("wrote \(Terminal.escaped(target.path))")
    }
}
