/// Counts over equal time bins (one campaign's requests per hour) with vertical flag lines, one
/// per detector, at the time it flagged.
public struct TimelineChart: Sendable {
    /// A flag drawn as a vertical line in its series' colour and dash.
    public struct Flag: Sendable, Equatable {
        /// The time, in the x axis' unit.
        public var x: Double
        /// Who flagged (detector name).
        public var label: String
        /// Index into ``ChartPalette``, fixed per detector across the report.
        public var colourIndex: Int
        /// Extra tooltip text (the account flagged, the score).
        public var note: String?

        public init(x: Double, label: String, colourIndex: Int, note: String? = nil) {
            self.x = x
            self.label = label
            self.colourIndex = colourIndex
            self.note = note
        }
    }

    public var id: String
    public var title: String
    /// The text alternative; a one-line data summary is appended to it in `<desc>`.
    public var description: String
    /// Time axis, unit in its label ("time since trace start (h)"); always drawn linear.
    public var xAxis: ChartAxis
    /// Count axis ("requests per hour"); always drawn linear from 0.
    public var yAxis: ChartAxis
    /// Start of the first bin and width of every bin, in the x axis' unit.
    public var start: Double
    public var binWidth: Double
    /// One count per bin.
    public var counts: [Double]
    /// What is counted, for tooltips and the legend ("requests").
    public var valueName: String
    public var flags: [Flag]
    public var width: Double
    /// Whether the title is also drawn at the chart's top (it is always the `<title>`).
    public var showsTitle = true
    public var plotHeight: Double

    public init(
        id: String, title: String, description: String, xAxis: ChartAxis, yAxis: ChartAxis, start: Double = 0,
        binWidth: Double, counts: [Double], valueName: String = "requests", flags: [Flag] = [], width: Double = 640,
        plotHeight: Double = 220
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.start = start
        self.binWidth = binWidth
        self.counts = counts
        self.valueName = valueName
        self.flags = flags
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The chart, or `nil` when no bin holds a positive count.
    public func render() -> ChartNode? {
        let width = ChartFrame.size(self.width, fallback: 640)
        let plotHeight = ChartFrame.size(self.plotHeight, fallback: 260)
        guard start.isFinite, binWidth.isFinite, binWidth > 0,
            counts.contains(where: { $0.isFinite && $0 > 0 })
        else { return nil }
        let end = start + Double(counts.count) * binWidth
        let flags = self.flags.filter { $0.x.isFinite }
        var timeAxis = xAxis
        timeAxis.scale = .linear
        var countAxis = yAxis
        countAxis.scale = .linear
        countAxis.includesZero = true
        if counts.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) { countAxis.wholeNumbers = true }
        guard let xScale = AxisScale(axis: timeAxis, values: [start, end] + flags.map(\.x), tickCount: Int(width / 90)),
            let yScale = AxisScale(axis: countAxis, values: counts.filter(\.isFinite), tickCount: Int(plotHeight / 50))
        else { return nil }

        let left = max(AxisDrawing.leftMargin(yScale) + 10, 56)
        let area = PlotArea(left: left, top: ChartFrame.plotTop(showsTitle: showsTitle), width: width - left - 24, height: plotHeight)
        var items = [Legend.Item(swatch: .box(fill: ChartPalette.neutralFill, opacity: 1), label: valueName + " per bin")]
        items += flags.map {
            Legend.Item(
                swatch: .line(colour: ChartPalette.colour(at: $0.colourIndex), dash: ChartPalette.dash(at: $0.colourIndex)),
                label: Escaping.truncated($0.label, to: 24) + " at " + ChartNumberFormat.compact($0.x))
        }
        let legend = Legend(items: items)
        let legendTop = area.bottom + 50
        let height = legendTop + legend.height(width: width - 24) + 10
        let (xGrid, xAxisNodes) = AxisDrawing.bottom(xScale, area: area)
        let (yGrid, yAxisNodes) = AxisDrawing.left(yScale, area: area)

        var bins: [ChartNode] = []
        let base = area.y(yScale.fraction(0))
        for (index, count) in counts.enumerated() where count.isFinite && count > 0 {
            let low = start + Double(index) * binWidth
            let high = low + binWidth
            let x0 = area.x(xScale.fraction(low))
            let x1 = area.x(xScale.fraction(high))
            let gap = x1 - x0 > 4 ? 1.0 : 0
            let top = area.y(yScale.fraction(count))
            bins.append(
                SVG.rect(
                    x: x0 + gap / 2, y: top, width: max(x1 - x0 - gap, 0.5), height: base - top, fill: ChartPalette.neutralFill,
                    className: "mark bin",
                    children: [SVG.tooltip("\(ChartNumberFormat.exact(low))–\(ChartNumberFormat.exact(high)): \(ChartNumberFormat.exact(count)) \(ChartFrame.tip(valueName))")]))
        }
        var lines: [ChartNode] = []
        for flag in flags {
            let x = area.x(xScale.fraction(flag.x))
            var tip = "\(ChartFrame.tip(flag.label)): flagged at \(ChartNumberFormat.exact(flag.x))"
            if let note = flag.note { tip += ", " + ChartFrame.tip(note) }
            lines.append(
                SVG.line(
                    x1: x, y1: area.top, x2: x, y2: area.bottom, colour: ChartPalette.colour(at: flag.colourIndex), width: 2.5,
                    dash: ChartPalette.dash(at: flag.colourIndex), className: "mark flag", children: [SVG.tooltip(tip)]))
        }
        let total = counts.filter { $0.isFinite && $0 > 0 }.reduce(0, +)
        let peak = counts.filter(\.isFinite).max() ?? 0
        var summary = "Data: \(counts.count) bins of \(ChartNumberFormat.compact(binWidth)) from \(ChartNumberFormat.compact(start)),"
            + " \(ChartNumberFormat.compact(total)) \(ChartFrame.short(valueName)) in all, at most \(ChartNumberFormat.compact(peak)) in one bin."
        if flags.isEmpty {
            summary += " No flags."
        } else {
            summary += " Flags: " + ChartFrame.list(flags.map { ChartFrame.short($0.label) + " at " + ChartNumberFormat.compact($0.x) }) + "."
        }
        let frame = ChartFrame(
            identifier: ChartIdentifier(id), title: title, description: description, summary: summary, width: width,
            height: height, showsTitle: showsTitle)
        return frame.render(layers: [
            SVG.group("grid", xGrid + yGrid), SVG.group("marks", bins + lines), SVG.group("axes", xAxisNodes + yAxisNodes),
        ] + legend.render(left: 12, top: legendTop, width: width - 24))
    }
}
