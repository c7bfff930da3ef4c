import Charts
import Foundation
import Plot

/// One example of each chart, shaped like the report's data. Every string the chart shows comes
/// through `text`, so a test can swap them all for hostile strings.
enum ChartExamples {
    static let detectors = ["volume", "prompt-entropy", "coverage-sweep", "null"]

    static func all(_ text: (String) -> String = { $0 }) -> [(String, ChartNode?)] {
        [
            ("precision-recall", precisionRecall(text).render()),
            ("roc", roc(text).render()),
            ("trade-off", tradeOff(text).render()),
            ("leaked", leaked(text).render()),
            ("false-positives", falsePositives(text).render()),
            ("throughput", throughput(text).render()),
            ("vertical-bars", verticalBars(text).render()),
            ("time-to-detection", timeToDetection(text).render()),
            ("timeline", timeline(text).render()),
        ]
    }

    static func precisionRecall(_ text: (String) -> String = { $0 }) -> LineChart {
        let series = detectors.prefix(3).enumerated().map { index, name in
            let k = Double(index + 1)
            let points = (0...400).map { step -> ChartPoint in
                let recall = Double(step) / 400
                return ChartPoint(x: recall, y: max(0.05, 1 - 0.6 * pow(recall, 3 / k) + 0.02 * sin(Double(step))))
            }
            return LineChart.Series(
                name: text(name), colourIndex: index, points: points, style: .step,
                markers: [
                    .init(x: points[120].x, y: points[120].y, label: text("default"), shape: .circle, note: text("τ = 0.5")),
                    .init(x: points[200].x, y: points[200].y, label: text("budget"), shape: .square),
                    .init(x: points[260].x, y: points[260].y, label: text("tuned"), shape: .triangle),
                ])
        }
        return LineChart(
            id: text("pr"), title: text("Precision–recall per detector"),
            description: text("Precision against recall over every threshold of each detector."),
            xAxis: ChartAxis(label: text("recall (accounts)"), range: 0...1),
            yAxis: ChartAxis(label: text("precision"), range: 0...1), series: series)
    }

    static func roc(_ text: (String) -> String = { $0 }) -> LineChart {
        let series = detectors.prefix(4).enumerated().map { index, name in
            let points = (0...100).map { step -> ChartPoint in
                let fpr = Double(step) / 100
                return ChartPoint(x: fpr, y: pow(fpr, 1 / Double(index + 1)))
            }
            return LineChart.Series(
                name: text(name), colourIndex: index, points: points,
                markers: [.init(x: points[10].x, y: points[10].y, label: text("default"), shape: .circle)])
        }
        return LineChart(
            id: text("roc"), title: text("ROC"), description: text("True positive rate against false positive rate."),
            xAxis: ChartAxis(label: text("false positive rate"), range: 0...1),
            yAxis: ChartAxis(label: text("true positive rate"), range: 0...1), series: series, diagonalLabel: text("chance"))
    }

    static func tradeOff(_ text: (String) -> String = { $0 }) -> LineChart {
        let series = detectors.prefix(3).enumerated().map { index, name in
            var points = [ChartPoint(x: 0, y: 0.1)]
            points += (0...60).map { step in
                let fpr = pow(10, -4 + Double(step) / 15)
                return ChartPoint(x: fpr, y: min(1, 0.3 + 0.12 * Double(index + 1) * (4 + log10(fpr)) / 2))
            }
            return LineChart.Series(
                name: text(name), colourIndex: index, points: points,
                markers: [
                    .init(x: 1e-3, y: 0.5, label: text("budget"), shape: .square),
                    .init(x: 2e-3 * Double(index + 1), y: 0.55, label: text("tuned"), shape: .triangle),
                ])
        }
        return LineChart(
            id: text("trade-off"), title: text("Extraction prevented against benign false positive rate"),
            description: text("What each threshold costs in falsely flagged customers."),
            xAxis: ChartAxis(label: text("benign false positive rate"), scale: .log),
            yAxis: ChartAxis(label: text("extraction prevented (share of tokens)"), range: 0...1), series: series)
    }

    static func leaked(_ text: (String) -> String = { $0 }) -> BarChart {
        let tactics = ["broad-sweep", "slow-drip", "persona-rotation", "chain-of-thought-harvest"]
        let groups = detectors.prefix(3).enumerated().map { index, name in
            BarChart.Group(
                name: text(name), colourIndex: index,
                values: tactics.indices.map { t in
                    BarChart.Value(segments: [Double(200_000 * (t + 1) / (index + 1)), Double(900_000 - 150_000 * t)])
                })
        }
        return BarChart(
            id: text("leaked"), title: text("Leaked and prevented completion tokens per tactic"),
            description: text("Tokens served before the flag (leaked) and after it (prevented)."),
            categories: tactics.map { .init(name: text($0)) }, groups: groups,
            valueAxis: ChartAxis(label: text("completion tokens")), segmentNames: [text("leaked"), text("prevented")])
    }

    static func falsePositives(_ text: (String) -> String = { $0 }) -> BarChart {
        let personas = ["student", "enterprise-batch", "researcher-decoy", "translator", "benchmark-runner-decoy"]
        let groups = detectors.prefix(3).enumerated().map { index, name in
            BarChart.Group(
                name: text(name), colourIndex: index,
                values: personas.indices.map { p in p == 1 && index == 2 ? nil : BarChart.Value(Double((p * 7 + index * 3) % 11)) })
        }
        return BarChart(
            id: text("fp-persona"), title: text("False positives per benign persona"),
            description: text("Benign accounts flagged, by persona; decoys are built to look adversarial."),
            categories: personas.map { .init(name: text($0), marked: $0.hasSuffix("decoy")) }, groups: groups,
            valueAxis: ChartAxis(label: text("falsely flagged accounts"), wholeNumbers: true), markLabel: text("decoy"))
    }

    static func throughput(_ text: (String) -> String = { $0 }) -> BarChart {
        let values: [BarChart.Value?] = [4_200_000, 350_000, 12_500, nil]
        return BarChart(
            id: text("throughput"), title: text("Throughput per detector"),
            description: text("Requests per second of each detector alone, median of repeats."),
            categories: detectors.enumerated().map { .init(name: text($1), colourIndex: $0) },
            groups: [.init(name: text("requests/s"), colourIndex: 4, values: values)],
            valueAxis: ChartAxis(label: text("throughput (requests/s)"), scale: .log))
    }

    static func verticalBars(_ text: (String) -> String = { $0 }) -> BarChart {
        let personas = ["student", "enterprise", "researcher-decoy", "translator"]
        let groups = detectors.prefix(2).enumerated().map { index, name in
            BarChart.Group(
                name: text(name), colourIndex: index,
                values: personas.indices.map { p in p == 3 && index == 0 ? nil : BarChart.Value(Double(p + index) * 0.012) })
        }
        return BarChart(
            id: text("fpr-vertical"), title: text("Benign false positive rate per persona"),
            description: text("Share of each persona's accounts flagged."),
            categories: personas.map { .init(name: text($0), marked: $0.hasSuffix("decoy")) }, groups: groups,
            valueAxis: ChartAxis(label: text("false positive rate")), orientation: .vertical, markLabel: text("decoy"))
    }

    static func timeToDetection(_ text: (String) -> String = { $0 }) -> StripChart {
        let rows = detectors.enumerated().map { index, name in
            StripChart.Row(
                name: text(name), colourIndex: index,
                values: index == 3 ? [] : (0..<(12 - 3 * index)).map { c in 30 * pow(3, Double((c * 5 + index) % 9) / 2) } + (index == 0 ? [0] : []),
                valueLabels: (0..<12).map { text("campaign-\($0)") }, notDetected: index == 3 ? 12 : index * 3)
        }
        return StripChart(
            id: text("ttd"), title: text("Time to detection per campaign"),
            description: text("Each dot is one campaign; the bar is the median."),
            axis: ChartAxis(label: text("time to detection (s)"), scale: .log), rows: rows, notDetectedLabel: text("not detected"))
    }

    static func timeline(_ text: (String) -> String = { $0 }) -> TimelineChart {
        let counts = (0..<72).map { (hour: Int) -> Double in
            let surge = hour > 30 ? 120 : 0
            let base = 40 + (hour * 37) % 90
            return hour < 6 ? 0 : Double(base + surge)
        }
        return TimelineChart(
            id: text("timeline"), title: text("Requests of campaign c-3 per hour"),
            description: text("One campaign's requests over time; vertical lines mark when each detector flagged it."),
            xAxis: ChartAxis(label: text("time since trace start (h)")), yAxis: ChartAxis(label: text("requests per hour")),
            binWidth: 1, counts: counts, valueName: text("requests"),
            flags: [
                .init(x: 9.5, label: text("volume"), colourIndex: 0, note: text("account a-17")),
                .init(x: 31.25, label: text("prompt-entropy"), colourIndex: 1),
                .init(x: 33, label: text("coverage-sweep"), colourIndex: 2),
            ])
    }

    /// A standalone page holding every example chart.
    static func page(_ charts: [(String, ChartNode?)]) -> String {
        var body = ""
        for (name, chart) in charts {
            body += "<h2>\(Escaping.html(name))</h2>\n"
            body += chart?.render() ?? "<p>no data</p>"
            body += "\n"
        }
        return """
            <!doctype html><html><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <title>charts</title><style>body{font-family:system-ui,sans-serif;margin:16px;color:#1a1a1a}svg.chart{display:block;max-width:100%;height:auto;border:1px solid #eee}</style></head><body>
            \(body)</body></html>
            """
    }
}
