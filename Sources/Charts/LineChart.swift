/// Curves of several series on two value axes, with marked operating points: precision–recall,
/// ROC (with the chance diagonal) and threshold trade-offs.
public struct LineChart: Sendable {
    /// How a series is drawn.
    public enum Style: Sendable, Equatable {
        /// Straight segments between the points, in the caller's order.
        case line
        /// Step after each point: horizontal to the next x, then vertical.
        case step
        /// A dot per point.
        case dots
    }

    /// An operating point marked on a series ("default", "budget", "tuned").
    public struct Marker: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// The kind of point, shown in the marker legend with its shape.
        public var label: String
        public var shape: MarkerShape
        /// Extra tooltip text, such as the threshold.
        public var note: String?

        public init(x: Double, y: Double, label: String, shape: MarkerShape, note: String? = nil) {
            self.x = x
            self.y = y
            self.label = label
            self.shape = shape
            self.note = note
        }
    }

    /// One series: a detector's curve.
    public struct Series: Sendable, Equatable {
        public var name: String
        /// Index into ``ChartPalette`` (colour and dash), fixed per detector across the report.
        public var colourIndex: Int
        public var points: [ChartPoint]
        public var style: Style
        public var markers: [Marker]

        public init(name: String, colourIndex: Int, points: [ChartPoint], style: Style = .line, markers: [Marker] = []) {
            self.name = name
            self.colourIndex = colourIndex
            self.points = points
            self.style = style
            self.markers = markers
        }
    }

    /// Caller's id; the chart's element ids derive from it.
    public var id: String
    public var title: String
    /// The text alternative; a one-line data summary is appended to it in `<desc>`.
    public var description: String
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    public var series: [Series]
    /// When set, the diagonal y = x is drawn and named so in the legend ("chance").
    public var diagonalLabel: String?
    /// Width of the whole chart and height of its plot area, in px.
    public var width: Double
    /// Whether the title is also drawn at the chart's top (it is always the `<title>`).
    public var showsTitle = true
    public var plotHeight: Double

    public init(
        id: String, title: String, description: String, xAxis: ChartAxis, yAxis: ChartAxis, series: [Series],
        diagonalLabel: String? = nil, width: Double = 640, plotHeight: Double = 280
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.diagonalLabel = diagonalLabel
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The chart, or `nil` when no series has a drawable point or marker.
    public func render() -> ChartNode? {
        let width = ChartFrame.size(self.width, fallback: 640)
        let plotHeight = ChartFrame.size(self.plotHeight, fallback: 260)
        let drawable = series.map { series in
            var copy = series
            copy.points = series.points.filter { xAxis.accepts($0.x) && yAxis.accepts($0.y) }
            copy.markers = series.markers.filter { xAxis.accepts($0.x) && yAxis.accepts($0.y) }
            return copy
        }
        let dropped = zip(series, drawable).reduce(0) {
            $0 + $1.0.points.count - $1.1.points.count + $1.0.markers.count - $1.1.markers.count
        }
        guard drawable.contains(where: { !$0.points.isEmpty || !$0.markers.isEmpty }) else { return nil }
        let xs = drawable.flatMap { $0.points.map(\.x) + $0.markers.map(\.x) }
        let ys = drawable.flatMap { $0.points.map(\.y) + $0.markers.map(\.y) }
        guard let xScale = AxisScale(axis: xAxis, values: xs, tickCount: Int(width / 90)),
            let yScale = AxisScale(axis: yAxis, values: ys, tickCount: Int(plotHeight / 55))
        else { return nil }

        let left = max(AxisDrawing.leftMargin(yScale) + 10, 56)
        let area = PlotArea(left: left, top: ChartFrame.plotTop(showsTitle: showsTitle), width: width - left - 24, height: plotHeight)
        let legend = Legend(items: legendItems(drawable))
        let legendTop = area.bottom + 50
        let height = legendTop + legend.height(width: width - 24) + 10

        let (xGrid, xAxisNodes) = AxisDrawing.bottom(xScale, area: area)
        let (yGrid, yAxisNodes) = AxisDrawing.left(yScale, area: area)
        var marks: [ChartNode] = []
        if let diagonalLabel {
            let low = max(xScale.lower, yScale.lower)
            let high = min(xScale.upper, yScale.upper)
            if high > low {
                marks.append(
                    SVG.line(
                        x1: area.x(xScale.fraction(low)), y1: area.y(yScale.fraction(low)),
                        x2: area.x(xScale.fraction(high)), y2: area.y(yScale.fraction(high)),
                        colour: "#999999", width: 1.5, dash: "5 4", className: "reference",
                        children: [SVG.tooltip(diagonalLabel + ": y = x")]))
            }
        }
        for series in drawable { marks += curve(series, area: area, x: xScale, y: yScale) }
        for series in drawable {
            for marker in series.markers {
                var tip = "\(ChartFrame.tip(series.name)), \(ChartFrame.tip(marker.label)): x = \(ChartNumberFormat.exact(marker.x)), y = \(ChartNumberFormat.exact(marker.y))"
                if let note = marker.note { tip += ", " + ChartFrame.tip(note) }
                marks.append(
                    marker.shape.node(
                        x: area.x(xScale.fraction(marker.x)), y: area.y(yScale.fraction(marker.y)), size: 12,
                        fill: ChartPalette.colour(at: series.colourIndex), className: "mark marker",
                        children: [SVG.tooltip(tip)]))
            }
        }
        let frame = ChartFrame(
            identifier: ChartIdentifier(id), title: title, description: description,
            summary: summary(drawable, dropped: dropped), width: width, height: height, showsTitle: showsTitle)
        return frame.render(layers: [
            SVG.group("grid", xGrid + yGrid), SVG.group("axes", xAxisNodes + yAxisNodes), SVG.group("marks", marks),
        ] + legend.render(left: 12, top: legendTop, width: width - 24))
    }

    private func curve(_ series: Series, area: PlotArea, x: AxisScale, y: AxisScale) -> [ChartNode] {
        let colour = ChartPalette.colour(at: series.colourIndex)
        let pixels = series.points.map { (x: area.x(x.fraction($0.x)), y: area.y(y.fraction($0.y))) }
        guard let first = series.points.first else { return [] }
        if series.style == .dots || series.points.count == 1 {
            var seen = Set<String>()
            var dots: [ChartNode] = []
            for (point, pixel) in zip(series.points, pixels) {
                let key = ChartNumberFormat.pixel(pixel.x) + "," + ChartNumberFormat.pixel(pixel.y)
                guard seen.insert(key).inserted else { continue }
                dots.append(
                    SVG.circle(
                        cx: pixel.x, cy: pixel.y, r: 3.5, fill: colour, className: "mark dot",
                        extra: [("stroke", ChartPalette.text), ("stroke-width", "0.5")],
                        children: [SVG.tooltip("\(ChartFrame.tip(series.name)): x = \(ChartNumberFormat.exact(point.x)), y = \(ChartNumberFormat.exact(point.y))")]))
            }
            return dots
        }
        var path = pixels
        if series.style == .step {
            path = []
            for (index, pixel) in pixels.enumerated() {
                if let previous = path.last, index > 0 { path.append((x: pixel.x, y: previous.y)) }
                path.append(pixel)
            }
        }
        let xs = series.points.map(\.x)
        let ys = series.points.map(\.y)
        let tip = "\(ChartFrame.tip(series.name)): \(series.points.count) points, from (\(ChartNumberFormat.exact(first.x)), \(ChartNumberFormat.exact(first.y)))"
            + " to (\(ChartNumberFormat.exact(xs.last ?? first.x)), \(ChartNumberFormat.exact(ys.last ?? first.y)))"
        return [
            SVG.element(
                "path",
                [
                    ("class", "mark line"), ("d", PathData.polyline(path)), ("fill", "none"), ("stroke", colour),
                    ("stroke-width", "2.25"), ("stroke-dasharray", ChartPalette.dash(at: series.colourIndex)),
                    ("stroke-linejoin", "round"),
                ],
                [SVG.tooltip(tip)])
        ]
    }

    private func legendItems(_ drawable: [Series]) -> [Legend.Item] {
        var items = drawable.filter { !$0.points.isEmpty || !$0.markers.isEmpty }.map { series in
            let colour = ChartPalette.colour(at: series.colourIndex)
            return Legend.Item(
                swatch: series.style == .dots ? .dot(colour: colour) : .line(colour: colour, dash: ChartPalette.dash(at: series.colourIndex)),
                label: series.name)
        }
        var seen: [(MarkerShape, String)] = []
        for marker in drawable.flatMap(\.markers) where !seen.contains(where: { $0.0 == marker.shape && $0.1 == marker.label }) {
            seen.append((marker.shape, marker.label))
        }
        items += seen.map { Legend.Item(swatch: .shape($0.0), label: $0.1) }
        if let diagonalLabel { items.append(Legend.Item(swatch: .line(colour: "#999999", dash: "5 4"), label: diagonalLabel)) }
        return items
    }

    private func summary(_ drawable: [Series], dropped: Int) -> String {
        let parts = drawable.filter { !$0.points.isEmpty || !$0.markers.isEmpty }.map { series -> String in
            var text = ChartFrame.short(series.name) + ": \(series.points.count) points"
            if let minX = series.points.map(\.x).min(), let maxX = series.points.map(\.x).max(),
                let minY = series.points.map(\.y).min(), let maxY = series.points.map(\.y).max()
            {
                text += ", x \(ChartNumberFormat.compact(minX))–\(ChartNumberFormat.compact(maxX))"
                text += ", y \(ChartNumberFormat.compact(minY))–\(ChartNumberFormat.compact(maxY))"
            }
            for marker in series.markers {
                text += ", \(ChartFrame.short(marker.label)) at (\(ChartNumberFormat.compact(marker.x)), \(ChartNumberFormat.compact(marker.y)))"
            }
            return text
        }
        var summary = "Data: \(parts.count) series. " + ChartFrame.list(parts) + "."
        if dropped > 0 { summary += " \(dropped) values not drawable on these axes (non-positive on a log axis, or not finite) left out." }
        return summary
    }
}
