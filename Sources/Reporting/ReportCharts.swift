import Charts
import Evaluation
import ResultsModel

/// The report's charts, drawn from a results folder (issue 11). Each detector keeps its colour
/// index — its position in the leaderboard — in every chart.
struct ReportCharts {
    let folder: ResultsFolder

    /// Points per curve at most (sweeps hold up to 2,000 thresholds per detector).
    static let curvePoints = 400

    var detectors: [DetectorResult] { folder.summary.detectors }

    /// The operating points marked on curves: kind, label, marker shape.
    static let marked: [(kind: OperatingPoint.Kind, label: String, shape: MarkerShape)] = [
        (.default, "default", .circle), (.fprBudget, "FPR budget", .square), (.tuned, "tuned", .triangle),
    ]

    /// A curve of `y` against `x` from each detector's sweep, operating points marked.
    func curve(
        id: String, title: String, description: String, x: (column: String, axis: ChartAxis),
        y: (column: String, axis: ChartAxis), xOf: (Metrics) -> Double?, yOf: (Metrics) -> Double?, diagonal: String? = nil
    ) -> ChartNode? {
        var series: [LineChart.Series] = []
        for (index, result) in detectors.enumerated() {
            guard let sweep = folder.sweep(of: result.report.name), let xs = sweep.values(x.column),
                let ys = sweep.values(y.column)
            else { continue }
            var points: [ChartPoint] = []
            for (xValue, yValue) in zip(xs, ys) {
                guard let xValue, let yValue, x.axis.accepts(xValue), y.axis.accepts(yValue) else { continue }
                points.append(ChartPoint(x: xValue, y: yValue))
            }
            let markers = Self.marked.compactMap { mark -> LineChart.Marker? in
                guard let point = result.report.operatingPoint(mark.kind), let px = xOf(point.metrics), let py = yOf(point.metrics),
                    x.axis.accepts(px), y.axis.accepts(py)
                else { return nil }
                return LineChart.Marker(
                    x: px, y: py, label: mark.label, shape: mark.shape,
                    note: "\(result.report.name) at \(mark.label) threshold \(FigureFormat.value(point.threshold))")
            }
            guard !points.isEmpty || !markers.isEmpty else { continue }
            series.append(LineChart.Series(name: result.report.name, colourIndex: index, points: Self.thinned(points), markers: markers))
        }
        guard !series.isEmpty else { return nil }
        return LineChart(
            id: id, title: title, description: description, xAxis: x.axis, yAxis: y.axis, series: series, diagonalLabel: diagonal
        ).render()
    }

    /// Precision against recall.
    var precisionRecall: ChartNode? {
        curve(
            id: "pr", title: "Precision–recall",
            description: "Precision against recall of each detector over every threshold of its sweep (accounts as units); "
                + "circles mark the default threshold, squares the FPR-budget threshold, triangles the tuned one.",
            x: ("recall", ChartAxis(label: "recall (share of positive accounts flagged)", range: 0...1)),
            y: ("precision", ChartAxis(label: "precision", range: 0...1)), xOf: { $0.recall }, yOf: { $0.precision })
    }

    /// Recall against FPR.
    var roc: ChartNode? {
        curve(
            id: "roc", title: "ROC",
            description: "True-positive rate against false-positive rate of each detector over its sweep; "
                + "the diagonal is chance. Operating points marked as in the precision–recall chart.",
            x: ("fpr", ChartAxis(label: "false-positive rate (benign accounts flagged)", range: 0...1)),
            y: ("recall", ChartAxis(label: "true-positive rate", range: 0...1)), xOf: { $0.falsePositiveRate },
            yOf: { $0.recall }, diagonal: "chance")
    }

    /// Extraction prevented against benign FPR (log).
    var preventionTradeOff: ChartNode? {
        curve(
            id: "tradeoff-prevented", title: "Extraction prevented vs benign FPR",
            description: "Share of the campaigns' completion tokens not served because their accounts were flagged first, "
                + "against the share of benign accounts flagged (log scale: thresholds flagging no benign account are left out).",
            x: ("fpr", ChartAxis(label: "benign false-positive rate (log)", scale: .log)),
            y: ("extraction_prevented", ChartAxis(label: "extraction prevented (share of tokens)", range: 0...1)),
            xOf: { $0.falsePositiveRate }, yOf: { $0.extractionPrevented })
    }

    /// Campaign recall against collateral requests (log).
    var collateralTradeOff: ChartNode? {
        curve(
            id: "tradeoff-collateral", title: "Campaign recall vs customers blocked",
            description: "Share of campaigns with at least one member flagged, against the benign requests that would be "
                + "refused after their accounts' flags (log scale: thresholds blocking none are left out).",
            x: ("collateral_requests", ChartAxis(label: "benign requests blocked (log)", scale: .log)),
            y: ("campaign_recall", ChartAxis(label: "campaign recall", range: 0...1)),
            xOf: { Double($0.collateralRequests) }, yOf: { $0.campaignRecall })
    }

    /// Each campaign's time to detection at the default threshold, per detector.
    var timeToDetection: ChartNode? {
        let rows = detectors.enumerated().compactMap { index, result -> StripChart.Row? in
            guard let point = result.report.operatingPoint(.default) else { return nil }
            let detected = point.metrics.campaigns.compactMap { campaign in campaign.timeToDetection.map { (campaign, $0) } }
            return StripChart.Row(
                name: result.report.name, colourIndex: index, values: detected.map { max(1, $0.1) },
                valueLabels: detected.map { "\($0.0.id): \(FigureFormat.duration($0.1))" },
                notDetected: point.metrics.campaigns.count - detected.count)
        }
        return StripChart(
            id: "ttd", title: "Time to detection per campaign",
            description: "One dot per campaign: seconds from its start to its first member's flag (log scale; "
                + "a campaign detected at its start is drawn at 1 s). The tick is the median; the count at the end "
                + "of a row is the campaigns never detected.",
            axis: ChartAxis(label: "time to detection (s, log)", scale: .log), rows: rows
        ).render()
    }

    /// Leaked and prevented completion tokens per tactic, per detector, at the default threshold.
    var tokensByTactic: ChartNode? {
        var tactics: [String] = []
        for result in detectors {
            for campaign in result.report.operatingPoint(.default)?.metrics.campaigns ?? [] where !tactics.contains(campaign.tactic) {
                tactics.append(campaign.tactic)
            }
        }
        tactics.sort()
        let groups = detectors.enumerated().compactMap { index, result -> BarChart.Group? in
            guard let campaigns = result.report.operatingPoint(.default)?.metrics.campaigns else { return nil }
            return BarChart.Group(name: result.report.name, colourIndex: index, values: tactics.map { tactic in
                let of = campaigns.filter { $0.tactic == tactic }
                let leaked = of.reduce(0) { $0 + $1.leakedTokens }
                let total = of.reduce(0) { $0 + $1.totalTokens }
                return BarChart.Value(segments: [Double(total - leaked) / 1e6, Double(leaked) / 1e6])
            })
        }
        return BarChart(
            id: "tokens", title: "Tokens prevented and leaked per tactic",
            description: "For each tactic and detector: the campaigns' completion tokens not served because their accounts "
                + "were flagged first (solid) and those served before (light), in millions of tokens.",
            categories: tactics.map { BarChart.Category(name: $0) }, groups: groups,
            valueAxis: ChartAxis(label: "completion tokens (millions)", includesZero: true), segmentNames: ["prevented", "leaked"]
        ).render()
    }

    /// False-positive rate per benign persona at the default threshold, decoys marked.
    var personaFalsePositives: ChartNode? {
        var personas: [(name: String, decoy: Bool)] = []
        for result in detectors {
            for row in result.report.operatingPoint(.default)?.byPersona ?? [] where !personas.contains(where: { $0.name == row.persona }) {
                personas.append((row.persona, row.decoy))
            }
        }
        personas.sort { $0.name < $1.name }
        let groups = detectors.enumerated().compactMap { index, result -> BarChart.Group? in
            guard let rows = result.report.operatingPoint(.default)?.byPersona else { return nil }
            return BarChart.Group(name: result.report.name, colourIndex: index, values: personas.map { persona in
                rows.first { $0.persona == persona.name }?.falsePositiveRate.map { BarChart.Value($0) }
            })
        }
        return BarChart(
            id: "personas", title: "False positives per benign persona",
            description: "Share of each benign persona's accounts flagged at the default threshold. Decoys — benign "
                + "customers whose traffic looks like an attack (evaluation harnesses, synthetic-data jobs, resellers, "
                + "research labs) — are marked.",
            categories: personas.map { BarChart.Category(name: $0.name, marked: $0.decoy) }, groups: groups,
            valueAxis: ChartAxis(label: "false-positive rate", range: 0...1)
        ).render()
    }

    /// Requests per second of each detector alone (log), where it does per-request work.
    var throughput: ChartNode? {
        let rows = detectors.enumerated().compactMap { index, result -> StripChart.Row? in
            guard let rps = result.report.throughputRPS, rps > 0 else { return nil }
            return StripChart.Row(
                name: result.report.name, colourIndex: index, values: [rps], valueLabels: [FigureFormat.throughput(rps)])
        }
        return StripChart(
            id: "throughput", title: "Throughput per detector",
            description: "Requests per second of each detector alone on the first 200,000 requests, shared prompt features "
                + "computed beforehand (median of three runs; log scale). Detectors doing no per-request work are left out.",
            axis: ChartAxis(label: "requests per second (log)", scale: .log), rows: rows
        ).render()
    }

    /// The activity of the campaign in `summary.activity`, with each detector's first flag of it.
    var timeline: ChartNode? {
        guard let activity = folder.summary.activity else { return nil }
        let hours = Double(activity.binMs) / 3_600_000
        let flags = detectors.enumerated().compactMap { index, result -> TimelineChart.Flag? in
            guard let outcome = result.report.operatingPoint(.default)?.metrics.campaigns.first(where: { $0.id == activity.campaign }),
                let seconds = outcome.timeToDetection
            else { return nil }
            return TimelineChart.Flag(
                x: seconds / 3_600, label: result.report.name, colourIndex: index,
                note: "\(result.report.name) flags it after \(FigureFormat.duration(seconds)), "
                    + "\(FigureFormat.count(outcome.requestsBeforeDetection)) requests served")
        }
        return TimelineChart(
            id: "timeline", title: "Campaign \(activity.campaign) (\(activity.tactic)) and first flags",
            description: "Requests of the campaign's member accounts per bin of \(FigureFormat.duration(hours * 3_600)) since "
                + "the campaign's start; a vertical line marks when each detector first flagged one of its members at its "
                + "default threshold (detectors that never did are not drawn).",
            xAxis: ChartAxis(label: "hours since the campaign's start"), yAxis: ChartAxis(label: "requests per bin", includesZero: true),
            start: 0, binWidth: hours, counts: activity.requests.map(Double.init), flags: flags
        ).render()
    }

    /// At most ``curvePoints`` points, evenly spaced in the sweep, the first and last kept.
    static func thinned(_ points: [ChartPoint]) -> [ChartPoint] {
        guard points.count > curvePoints else { return points }
        let step = Double(points.count - 1) / Double(curvePoints - 1)
        return (0..<curvePoints).map { points[Int((Double($0) * step).rounded())] }
    }
}
