import ArgumentParser
import Foundation
import Reporting
import ResultsModel
import Traffic

/// `distillbench compare`: which detectors got better or worse between two results folders.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two results folders of the same scenario: which detectors got better or worse, on which metrics.",
        discussion: """
            A difference is marked real only when the two 95 % seed intervals do not overlap (run with
            several --seeds for intervals). Results of different scenarios are refused unless --force.
            """)

    @Argument(help: "The earlier results folder (A).")
    var before: String

    @Argument(help: "The later results folder (B).")
    var after: String

    @Option(parsing: .unconditional, help: "Also write compare.md and compare.html into this folder (created; replaced with --force).")
    var out: String?

    @Flag(help: "Compare results of different scenarios, and replace --out.")
    var force = false

    func run() throws {
        let a = try ResultsFolder(url: URL(filePath: before))
        let b = try ResultsFolder(url: URL(filePath: after))
        let comparison = try ResultsComparison(before: a, after: b, force: force)
        let markdown = ComparisonReport.markdown(comparison)
        print(Terminal.escapedKeepingLines(markdown), terminator: "")
        guard let out else { return }
        let directory = try CommandSupport.outputDirectory(out, fallback: out, inputs: [before, after], force: force)
        try AtomicDirectory.write(to: directory) { folder in
            try Data(markdown.utf8).write(to: folder.appending(path: "compare.md"))
            try Data(ComparisonReport.html(comparison).utf8).write(to: folder.appending(path: "compare.html"))
        }
        print("wrote \(Terminal.escaped(out))")
    }
}
