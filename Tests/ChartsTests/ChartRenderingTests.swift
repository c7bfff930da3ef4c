import Foundation
import Plot
import Testing

@testable import Charts

/// What every chart draws: marks, nil for no data, the same bytes for the same input.
struct ChartRenderingTests {
    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    @Test func everyExampleHasMarksAndADescription() throws {
        for (name, chart) in ChartExamples.all() {
            let html = try #require(chart, "\(name)").render()
            #expect(html.contains("class=\"mark"), "\(name)")
            #expect(html.contains("Data: "), "\(name): no data summary in <desc>")
            #expect(html.contains("viewBox=\"0 0 "), "\(name)")
            // Readable in print: no text under 11 px.
            let sizes = html.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
            #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 11 }, "\(name): \(Set(sizes))")
        }
    }

    @Test func renderingIsDeterministic() throws {
        let first = ChartExamples.all().map { $0.1?.render() }
        let second = ChartExamples.all().map { $0.1?.render() }
        #expect(first == second)
    }

    /// When CHARTS_EXAMPLE_OUT names a file, the example page is written there to look at.
    @Test func writesExamplePageWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["CHARTS_EXAMPLE_OUT"] else { return }
        try ChartExamples.page(ChartExamples.all()).write(toFile: path, atomically: true, encoding: .utf8)
        let hostile = ChartExamples.all { $0 + " <script>alert(1)</script>\u{1B}[31m \"'" + String(repeating: "long ", count: 2_000) }
        try ChartExamples.page(hostile).write(toFile: path + ".hostile.html", atomically: true, encoding: .utf8)
    }

    @Test func emptyInputGivesNil() {
        let axis = ChartAxis(label: "x")
        let log = ChartAxis(label: "x", scale: .log)
        #expect(LineChart(id: "a", title: "t", description: "d", xAxis: axis, yAxis: axis, series: []).render() == nil)
        #expect(
            LineChart(
                id: "a", title: "t", description: "d", xAxis: log, yAxis: axis,
                series: [.init(name: "s", colourIndex: 0, points: [.init(x: 0, y: 1), .init(x: -1, y: 2), .init(x: .nan, y: 1)])]
            ).render() == nil)
        #expect(BarChart(id: "b", title: "t", description: "d", categories: [], groups: [], valueAxis: axis).render() == nil)
        #expect(
            BarChart(
                id: "b", title: "t", description: "d", categories: [.init(name: "c")],
                groups: [.init(name: "g", colourIndex: 0, values: [nil])], valueAxis: axis
            ).render() == nil)
        #expect(
            BarChart(
                id: "b", title: "t", description: "d", categories: [.init(name: "c")],
                groups: [.init(name: "g", colourIndex: 0, values: [0])], valueAxis: log
            ).render() == nil)
        #expect(StripChart(id: "s", title: "t", description: "d", axis: log, rows: [.init(name: "r", colourIndex: 0, values: [0, -3])]).render() == nil)
        #expect(
            TimelineChart(id: "t", title: "t", description: "d", xAxis: axis, yAxis: axis, binWidth: 1, counts: [0, 0]).render() == nil)
        #expect(
            TimelineChart(id: "t", title: "t", description: "d", xAxis: axis, yAxis: axis, binWidth: 0, counts: [3]).render() == nil)
    }

    @Test func aStripOfOnlyUndetectedCampaignsStillShowsTheCount() throws {
        let chart = StripChart(
            id: "s", title: "t", description: "d", axis: ChartAxis(label: "s", scale: .log),
            rows: [.init(name: "null", colourIndex: 0, values: [], notDetected: 7)])
        let html = try #require(chart.render()).render()
        #expect(html.contains("class=\"mark not-detected\""))
        #expect(html.contains(">7 not detected</text>"))
    }

    @Test func logAxesDropNonPositiveValues() throws {
        let points = [ChartPoint(x: 0, y: 0.5), ChartPoint(x: -2, y: 0.5), ChartPoint(x: 0.01, y: 0.5), ChartPoint(x: 0.1, y: 0.7)]
        let line = LineChart(
            id: "l", title: "t", description: "d", xAxis: ChartAxis(label: "fpr", scale: .log), yAxis: ChartAxis(label: "y"),
            series: [.init(name: "s", colourIndex: 0, points: points, style: .dots)])
        let html = try #require(line.render()).render()
        #expect(Self.count("class=\"mark dot\"", in: html) == 2)
        #expect(html.contains("2 values not drawable"))

        let strip = StripChart(
            id: "s", title: "t", description: "d", axis: ChartAxis(label: "s", scale: .log),
            rows: [.init(name: "r", colourIndex: 0, values: [0, -1, 5, 50, 500])])
        let stripHTML = try #require(strip.render()).render()
        #expect(Self.count("class=\"mark dot\"", in: stripHTML) == 3)
        #expect(stripHTML.contains("2 off scale"))

        let bars = BarChart(
            id: "b", title: "t", description: "d", categories: [.init(name: "a"), .init(name: "b")],
            groups: [.init(name: "g", colourIndex: 0, values: [0, 1000])], valueAxis: ChartAxis(label: "rps", scale: .log))
        let barHTML = try #require(bars.render()).render()
        #expect(Self.count("class=\"mark bar\"", in: barHTML) == 1)
        #expect(barHTML.contains(">n/a</text>"))
    }

    @Test func barsCountSegmentsAndMissingValues() throws {
        let html = try #require(ChartExamples.leaked().render()).render()
        #expect(Self.count("class=\"mark bar\"", in: html) == 4 * 3 * 2)
        let fp = try #require(ChartExamples.falsePositives().render()).render()
        #expect(Self.count(">n/a</text>", in: fp) == 1)
        #expect(Self.count("class=\"marked-band\"", in: fp) == 2)
        #expect(fp.contains("<pattern id=\"chart-fp-persona-hatch\""))
        // Throughput bars take their detector's colour.
        let throughput = try #require(ChartExamples.throughput().render()).render()
        #expect(throughput.contains("fill=\"\(ChartPalette.colour(at: 1))\""))
        #expect(!throughput.contains("fill=\"\(ChartPalette.colour(at: 4))\""))
    }

    @Test func lineChartsDrawMarkersAndTheDiagonal() throws {
        let html = try #require(ChartExamples.roc().render()).render()
        #expect(Self.count("class=\"mark line\"", in: html) == 4)
        #expect(Self.count("class=\"mark marker\"", in: html) == 4)
        #expect(Self.count("class=\"reference\"", in: html) == 1)
        let pr = try #require(ChartExamples.precisionRecall().render()).render()
        #expect(Self.count("<polygon class=\"mark marker\"", in: pr) == 3)  // triangles
        #expect(Self.count("<rect class=\"mark marker\"", in: pr) == 3)  // squares
    }

    @Test func stepPathsKeepOnlyCorners() {
        // 1000 points on one horizontal line, then one vertical line: four corners at most.
        var points: [(x: Double, y: Double)] = (0..<1000).map { (x: Double($0) * 0.3, y: 10) }
        points += (0..<1000).map { (x: 300, y: 10 + Double($0) * 0.2) }
        #expect(PathData.polyline(points) == "M0 10L300 10L300 209.8")
        #expect(PathData.polyline([]) == "")
    }

    @Test func smoothCurvesAreSimplifiedWithinTolerance() {
        let points = (0...20_000).map { i -> (x: Double, y: Double) in
            let t = Double(i) / 20_000
            return (x: 50 + 550 * t, y: 300 - 260 * t.squareRoot())
        }
        let kept = PathData.simplified(PathData.thinned(points))
        #expect(kept.count < 300, "\(kept.count) points")
        #expect(kept.first?.x == 50 && kept.last?.x == 600)
        // Every original point lies within tolerance (plus the 0.1 px rounding) of the kept line.
        func distance(_ p: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
            let dx = b.x - a.x
            let dy = b.y - a.y
            let t = min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0), 1)
            return ((a.x + t * dx - p.x) * (a.x + t * dx - p.x) + (a.y + t * dy - p.y) * (a.y + t * dy - p.y)).squareRoot()
        }
        var worst = 0.0
        for point in points.enumerated() where point.offset % 7 == 0 {
            let nearest = (0..<(kept.count - 1)).map { distance(point.element, kept[$0], kept[$0 + 1]) }.min() ?? .infinity
            worst = max(worst, nearest)
        }
        #expect(worst <= PathData.tolerance + 0.1, "\(worst)")
        let d = PathData.polyline(points)
        #expect(d.utf8.count < 5_000)
    }

    /// Eight detectors with 10,000 thresholds each (sweeps here have about 2,000): the chart stays small.
    @Test func largeSweepsStaySmall() throws {
        let series = (0..<8).map { index in
            LineChart.Series(
                name: "detector-\(index)", colourIndex: index,
                points: (0..<10_000).map { i in
                    let recall = Double(i) / 10_000
                    return ChartPoint(x: recall, y: 1 - 0.5 * pow(recall, 1 + Double(index) / 3) + 0.01 * sin(Double(i) / 37))
                }, style: .step)
        }
        let chart = LineChart(
            id: "big", title: "t", description: "d", xAxis: ChartAxis(label: "recall", range: 0...1),
            yAxis: ChartAxis(label: "precision", range: 0...1), series: series)
        let clock = ContinuousClock()
        let start = clock.now
        let node = try #require(chart.render())
        let middle = clock.now
        let html = node.render()
        print("build \(middle - start), Plot render \(clock.now - middle)")
        let elapsed = clock.now - start
        print("8 × 10,000 points: \(html.utf8.count) bytes in \(elapsed)")
        #expect(html.utf8.count < 200_000)
    }

    /// Extreme values and sizes draw something or nothing, and never trap.
    @Test(arguments: [
        [-1e308, 1e308], [1e-300, 2e-300], [5e307, 1.7e308], [1e18, 1e18 + 4096], [.infinity, 3], [-0.0, 0], [7, 7],
    ])
    func extremeValuesDoNotTrap(_ values: [Double]) throws {
        for scale in [ChartAxis.Scale.linear, .log] {
            let axis = ChartAxis(label: "v", scale: scale)
            var line = LineChart(
                id: "x", title: "t", description: "d", xAxis: axis, yAxis: axis,
                series: [.init(name: "s", colourIndex: 0, points: values.map { ChartPoint(x: $0, y: $0) })])
            line.width = .nan
            line.plotHeight = -5
            var bars = BarChart(
                id: "b", title: "t", description: "d", categories: values.indices.map { .init(name: "c\($0)") },
                groups: [.init(name: "g", colourIndex: 0, values: values.map { BarChart.Value($0) })], valueAxis: axis)
            bars.width = .infinity
            let strip = StripChart(id: "s", title: "t", description: "d", axis: axis, rows: [.init(name: "r", colourIndex: 0, values: values)])
            let timeline = TimelineChart(
                id: "t", title: "t", description: "d", xAxis: axis, yAxis: axis, start: values[0], binWidth: 1, counts: values,
                flags: values.map { .init(x: $0, label: "f", colourIndex: 0) })
            for chart in [line.render(), bars.render(), strip.render(), timeline.render()] {
                guard let chart else { continue }
                let html = chart.render()
                #expect(html.contains("class=\"mark"))
                #expect(!html.contains("nan") && !html.contains("inf"))
            }
        }
    }

    @Test func zeroBarsShowAsStubsAndTitlesCanBeLeftOut() throws {
        var chart = BarChart(
            id: "z", title: "Visible title", description: "d", categories: [.init(name: "a"), .init(name: "b")],
            groups: [.init(name: "g", colourIndex: 0, values: [0, 0])], valueAxis: ChartAxis(label: "accounts"))
        let html = try #require(chart.render()).render()
        #expect(Self.count("class=\"mark bar\"", in: html) == 2)
        #expect(!html.contains("width=\"0\" height"))
        #expect(Self.count("Visible title", in: html) == 2)
        chart.showsTitle = false
        let untitled = try #require(chart.render()).render()
        #expect(Self.count("Visible title", in: untitled) == 1)  // the <title> only
    }

    @Test func paletteCyclesWithNewDashes() {
        #expect(ChartPalette.colour(at: 0) == "#E69F00")
        #expect(ChartPalette.colour(at: 8) == ChartPalette.colour(at: 0))
        #expect(ChartPalette.dash(at: 8) != ChartPalette.dash(at: 0))
        let pairs = (0..<88).map { ChartPalette.colour(at: $0) + ChartPalette.dash(at: $0) }
        #expect(Set(pairs).count == 88)
        #expect(Set(ChartPalette.dashes).count == ChartPalette.dashes.count)
        #expect(ChartPalette.colour(at: -3) == "#E69F00")
    }
}
