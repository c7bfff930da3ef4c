import Charts
import Evaluation
import Foundation
import Plot
import ResultsModel

/// The report's tables: leaderboard, campaigns, composition, manifest and top accounts.
struct ReportTables {
    let folder: ResultsFolder

    typealias Cell = ReportMarkup.Cell
    var summary: ResultsSummary { folder.summary }

    /// The sortable leaderboard, each detector's colour beside its name.
    var leaderboard: Node<HTML.BodyContext> {
        let rows = zip(summary.detectors.indices, Leaderboard.cells(summary)).map { index, row -> [Cell] in
            let result = summary.detectors[index]
            let seeds = summary.overSeeds(of: result.report.name)
            let values = Leaderboard.columns.enumerated().map { column, definition -> Cell in
                let sort = seeds.flatMap { definition.overSeeds?($0)?.mean } ?? definition.exact(result)
                return Cell(row.cells[column], sort: sort)
            }
            return [Cell(result.report.name, swatch: ChartPalette.colour(at: index))] + values
                + [Cell(row.status, title: result.failure)]
        }
        return ReportMarkup.table(
            id: "leaderboard-table", header: ["detector"] + Leaderboard.titles + ["status"], rows: rows, sortable: true)
    }

    /// Per campaign: its tactic and, per detector, the time to detection and requests served first.
    var campaigns: Node<HTML.BodyContext>? {
        guard let first = summary.detectors.first(where: { $0.report.operatingPoint(.default) != nil }),
            let campaigns = first.report.operatingPoint(.default)?.metrics.campaigns, !campaigns.isEmpty
        else { return nil }
        let rows = campaigns.map { campaign -> [Cell] in
            [Cell(campaign.id), Cell(campaign.tactic), Cell(FigureFormat.count(campaign.accounts), sort: Double(campaign.accounts)),
             Cell(FigureFormat.count(campaign.requests), sort: Double(campaign.requests))]
                + summary.detectors.map { result in
                    guard let outcome = result.report.operatingPoint(.default)?.metrics.campaigns.first(where: { $0.id == campaign.id }),
                        let seconds = outcome.timeToDetection
                    else { return Cell("not detected", sort: .infinity) }
                    return Cell(
                        "\(FigureFormat.duration(seconds)) · \(FigureFormat.count(outcome.requestsBeforeDetection)) req",
                        sort: seconds)
                }
        }
        return ReportMarkup.table(
            id: "campaigns-table", caption: "Time to detection at the default threshold · requests served before it",
            header: ["campaign", "tactic", "accounts", "requests"] + summary.detectors.map(\.report.name), rows: rows, sortable: true)
    }

    /// The trace's composition: size, span, personas and campaigns.
    var composition: [Node<HTML.BodyContext>] {
        guard let composition = summary.composition else {
            return [ReportMarkup.element("p", [ReportMarkup.text("This results folder predates the composition record.")])]
        }
        var facts: [[Cell]] = [
            [Cell("subject"), Cell(folder.manifest.subject)],
            [Cell("accounts"), Cell(FigureFormat.count(composition.accounts))],
            [Cell("requests"), Cell(FigureFormat.count(composition.requests))],
        ]
        if let first = composition.firstMs, let last = composition.lastMs {
            facts.append([Cell("time span"), Cell("\(Self.iso(first)) to \(Self.iso(last)) (\(FigureFormat.duration(Double(last - first) / 1000)))")])
        }
        var nodes = [ReportMarkup.table(header: ["", "value"], rows: facts)]
        if !composition.personas.isEmpty {
            nodes.append(ReportMarkup.table(
                caption: "Benign personas", header: ["persona", "accounts", "decoy"],
                rows: composition.personas.map { [Cell($0.persona), Cell(FigureFormat.count($0.accounts), sort: Double($0.accounts)), Cell($0.decoy ? "decoy" : "")] },
                sortable: true))
        }
        if !composition.campaigns.isEmpty {
            nodes.append(ReportMarkup.table(
                caption: "Campaigns", header: ["campaign", "tactic", "accounts", "requests"],
                rows: composition.campaigns.map {
                    [Cell($0.id), Cell($0.tactic), Cell(FigureFormat.count($0.accounts), sort: Double($0.accounts)),
                     Cell(FigureFormat.count($0.requests), sort: Double($0.requests))]
                }, sortable: true))
        }
        return nodes
    }

    /// What ran: command, subject, seeds, budget, version, machine, and each detector's configuration.
    var manifest: [Node<HTML.BodyContext>] {
        let manifest = folder.manifest
        var facts: [[Cell]] = [[Cell("command"), Cell(manifest.command)], [Cell("subject"), Cell(manifest.subject)]]
        for scenario in manifest.scenarios ?? [] { facts.append([Cell("scenario \(scenario.name)"), Cell("sha256 \(scenario.sha256)")]) }
        if let seeds = manifest.seeds { facts.append([Cell("evaluation seeds"), Cell(seeds.joined(separator: ", "))]) }
        if let tune = manifest.tuneSeeds { facts.append([Cell("tuning seeds"), Cell(tune.isEmpty ? "none" : tune.joined(separator: ", "))]) }
        if let scale = manifest.scale { facts.append([Cell("scale"), Cell(FigureFormat.value(scale))]) }
        facts.append([Cell("FPR budget"), Cell(FigureFormat.value(manifest.fprBudget))])
        if let features = manifest.promptFeatures {
            facts.append([Cell("prompt features"), Cell("embedding \(features.embeddingDimension), minhash \(features.minhashBins)")])
        }
        facts.append([Cell("harness version"), Cell(manifest.harnessVersion)])
        facts.append([Cell("machine"), Cell(manifest.machine.keys.sorted().map { "\($0) \(manifest.machine[$0] ?? "")" }.joined(separator: ", "))])
        if let peak = summary.peakMemoryMiB { facts.append([Cell("peak memory"), Cell("\(peak) MiB")]) }
        for (key, value) in (manifest.log ?? [:]).sorted(by: { $0.key < $1.key }) { facts.append([Cell(key), Cell(value.text)]) }
        let detectors = manifest.detectors.enumerated().map { index, detector -> [Cell] in
            [Cell(detector.name, swatch: ChartPalette.colour(at: index)), Cell(FigureFormat.value(detector.defaultThreshold)),
             Cell(detector.parameters.keys.sorted().map { "\($0)=\(detector.parameters[$0]?.text ?? "")" }.joined(separator: ", ")),
             Cell(detector.features.joined(separator: ", ")), Cell(detector.status, title: detector.failure)]
        }
        return [
            ReportMarkup.table(header: ["", "value"], rows: facts),
            ReportMarkup.table(caption: "Detector configurations", header: ["detector", "default τ", "parameters", "prompt features", "status"], rows: detectors),
        ]
    }

    /// Per detector, its top accounts with their evidence, folded.
    var topAccounts: [Node<HTML.BodyContext>] {
        guard let rankings = summary.topAccounts, !rankings.isEmpty else {
            return [ReportMarkup.element("p", [ReportMarkup.text("This results folder predates the top-accounts record.")])]
        }
        return rankings.enumerated().map { index, ranking in
            let rows = ranking.top.map { entry -> [Cell] in
                [Cell("\(entry.rank)", sort: Double(entry.rank)),
                 Cell(Escaping.truncated(entry.account, to: 64), title: entry.account.count > 64 ? entry.account : nil),
                 Cell(FigureFormat.value(entry.maxScore), sort: entry.maxScore),
                 Cell(FigureFormat.count(entry.requests), sort: Double(entry.requests)),
                 Cell(FigureFormat.value(entry.completionTokenShare), sort: entry.completionTokenShare),
                 Cell(entry.firstFlag ?? "not flagged"),
                 Cell((entry.evidence ?? [:]).keys.sorted().map { "\($0): \(entry.evidence?[$0] ?? "")" }.joined(separator: "; "))]
            }
            let heading = "\(ranking.detector): \(FigureFormat.count(ranking.flaggedAccounts)) accounts flagged at the default threshold"
            return ReportMarkup.element("details", [
                ReportMarkup.element("summary", [
                    ReportMarkup.element("span", [
                        ReportMarkup.attribute("class", "swatch"), ReportMarkup.attribute("style", "background:\(ChartPalette.colour(at: index))"),
                    ]),
                    ReportMarkup.text(heading),
                ]),
                ranking.top.isEmpty
                    ? ReportMarkup.element("p", [ReportMarkup.text("No account scored above 0.")])
                    : ReportMarkup.table(
                        header: ["rank", "account", "max score", "requests", "token share", "first flag", "evidence"], rows: rows,
                        sortable: true),
            ])
        }
    }

    /// Unix epoch ms as ISO 8601 UTC, to the second.
    static func iso(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(Date.ISO8601FormatStyle())
    }
}
