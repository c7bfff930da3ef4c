import Detection
import Evaluation
import Foundation
import ResultsModel
import Traffic

/// Writes a results folder (DESIGN §6) atomically: `manifest.json`, `summary.json`,
/// `leaderboard.csv`, `leaderboard.md`, `scores/<detector>.csv`, `changes/<detector>.csv` (or
/// `.csv.gz` above ``changesGzipBytes``), `sweep/<detector>.csv` and `report.html`.
public enum ResultsWriter {
    /// What one results folder reports.
    public struct Run: Sendable {
        /// What ran: scenarios or trace, seeds, detector configurations, version, machine.
        public var manifest: ResultsManifest
        /// Per detector, the reports of the headline evaluation (first scenario, first seed).
        public var headline: DetectorEvaluation
        /// Every evaluation: label (e.g. `quickstart/seed-1`) and its outcomes.
        public var evaluations: [(label: String, evaluation: DetectorEvaluation)]
        /// Summaries over seeds: label (scenario) and one summary per detector.
        public var summaries: [(label: String, summaries: [MetricsSummary])]
        /// Peak resident memory of the run, MiB (a timing-like figure: not reproduced exactly).
        public var peakMemoryMiB: Int?
        /// More files for the folder (name → bytes), written in the same atomic step (e.g. `ranking.json`).
        public var attachments: [String: Data] = [:]
        /// What the headline's top accounts are ranked over (the trace, or the scenario and seed).
        public var source: String
        /// Accounts per detector kept in `summary.json`'s top accounts.
        public var topAccounts = 10

        public init(
            manifest: ResultsManifest, headline: DetectorEvaluation,
            evaluations: [(label: String, evaluation: DetectorEvaluation)], summaries: [(label: String, summaries: [MetricsSummary])],
            source: String
        ) {
            self.manifest = manifest
            self.headline = headline
            self.evaluations = evaluations
            self.summaries = summaries
            self.source = source
        }

        /// The typed `summary.json`.
        public var summary: ResultsSummary {
            ResultsSummary(
                detectors: headline.outcomes.map(ResultsWriter.result),
                evaluations: evaluations.map { ResultsSummary.Evaluation(label: $0.label, detectors: $0.evaluation.outcomes.map(ResultsWriter.result)) },
                overSeeds: summaries.map { ResultsSummary.OverSeeds(label: $0.label, detectors: $0.summaries) },
                peakMemoryMiB: peakMemoryMiB, composition: headline.composition, activity: headline.activity,
                topAccounts: AccountRanking(source: source, evaluation: headline, traffic: headline.traffic, top: topAccounts).detectors)
        }
    }

    /// Writes `run` into `directory`, replacing a previous folder only once complete; the report
    /// (`report.html`) is rendered from the folder as written, exactly as `distillbench report` does.
    @discardableResult
    public static func write(_ run: Run, to directory: URL) throws -> ResultsSummary {
        let summary = run.summary
        try write(manifest: run.manifest, summary: summary, files: headlineFiles(run.headline).merging(run.attachments) { $1 }, to: directory)
        return summary
    }

    /// Writes a results folder from its parts: the manifest, the summary, and more files by
    /// relative path (the headline's ``headlineFiles(_:)``, attachments); `report.html` is
    /// rendered from the folder as written. Replaces `directory` only once complete.
    public static func write(manifest: ResultsManifest, summary: ResultsSummary, files: [String: Data], to directory: URL) throws {
        try AtomicDirectory.write(to: directory) { folder in
            try ResultsFolder.encode(manifest).write(to: folder.appending(path: "manifest.json"))
            try ResultsFolder.encode(summary).write(to: folder.appending(path: "summary.json"))
            for (name, data) in leaderboardFiles(summary) { try data.write(to: folder.appending(path: name)) }
            for name in ["scores", "sweep", "changes"] {
                try FileManager.default.createDirectory(at: folder.appending(path: name), withIntermediateDirectories: true)
            }
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                let url = folder.appending(path: name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            try ReportPage.write(ResultsFolder(url: folder), to: folder.appending(path: ReportPage.fileName))
        }
    }

    /// `leaderboard.csv` and `leaderboard.md` of `summary`, by name (also what `distillbench report` renders again).
    public static func leaderboardFiles(_ summary: ResultsSummary) -> [String: Data] {
        ["leaderboard.csv": Data(Leaderboard.csv(summary).utf8), "leaderboard.md": Data(Leaderboard.markdown(summary).utf8)]
    }

    /// The headline evaluation's files by relative path: `scores/<detector>.csv`,
    /// `changes/<detector>.csv` (or `.csv.gz`) and `sweep/<detector>.csv`.
    public static func headlineFiles(_ headline: DetectorEvaluation) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for outcome in headline.outcomes {
            let name = DetectorFileName.of(outcome.run.name)
            files["scores/\(name).csv"] = Data(scoreCSV(outcome, accounts: headline.accounts).utf8)
            let stream = Data(changesCSV(outcome, accounts: headline.accounts).utf8)
            if stream.count > changesGzipBytes {
                files["changes/\(name).csv.gz"] = try Gzip.compress(stream)
            } else {
                files["changes/\(name).csv"] = stream
            }
            if let sweep = outcome.sweep { files["sweep/\(name).csv"] = Data(sweep.csv().utf8) }
        }
        return files
    }

    /// `scores/<detector>.csv`: account, max score, time of its first rise, number of rises.
    /// Account ids come from the trace: they are quoted and neutralised (``CSVCell/text(_:)``).
    static func scoreCSV(_ outcome: DetectorEvaluation.Outcome, accounts: [Account]) -> String {
        var lines = ["account,score,first_rise_ms,rises"]
        let scores = outcome.scores
        for (index, account) in accounts.enumerated() {
            let points = scores.changePoints(of: index)
            let first = points.isEmpty ? "" : "\(scores.times[points.lowerBound])"
            lines.append(CSVCell.row([CSVCell.text(account.id), "\(scores.maxScores[index])", first, "\(points.count)"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Above this many bytes a `changes/` file is written gzipped.
    public static let changesGzipBytes = 1 << 20

    /// `changes/<detector>.csv`: every rise of every account's running maximum score,
    /// `account,ts,score`, in time order (ties by account code, then rise): the stream an
    /// external detector sends (issue 10), from which any threshold's flags, flag times, leaked
    /// tokens and times to detection can be recomputed with `requests.jsonl` and `truth.json`.
    static func changesCSV(_ outcome: DetectorEvaluation.Outcome, accounts: [Account]) -> String {
        let scores = outcome.scores
        var rows: [(time: Int64, account: Int, index: Int)] = []
        rows.reserveCapacity(scores.changePointCount)
        for account in accounts.indices {
            for index in scores.changePoints(of: account) { rows.append((scores.times[index], account, index)) }
        }
        rows.sort { ($0.time, $0.account, $0.index) < ($1.time, $1.account, $1.index) }
        var lines = ["account,ts,score"]
        lines.reserveCapacity(rows.count + 1)
        for row in rows {
            lines.append(CSVCell.row([CSVCell.text(accounts[row.account].id), "\(row.time)", "\(scores.scores[row.index])"]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A detector's entry of `summary.json`: its report, status and failure.
    public static func result(_ outcome: DetectorEvaluation.Outcome) -> DetectorResult {
        DetectorResult(report: outcome.report, status: outcome.run.status.rawValue, failure: outcome.run.failure)
    }
}
