/// One row per series (detector), a dot per value (each campaign's time to detection), a tick
/// at the median, and at the row's end how many were not detected.
public struct StripChart: Sendable {
    /// One row of dots.
    public struct Row: Sendable, Equatable {
        public var name: String
        /// Index into ``ChartPalette``, fixed per detector across the report.
        public var colourIndex: Int
        public var values: [Double]
        /// Optional names of the values (campaign ids), in the same order, for the tooltips.
        public var valueLabels: [String]
        /// How many items had no value (campaigns never detected), shown as a count.
        public var notDetected: Int

        public init(name: String, colourIndex: Int, values: [Double], valueLabels: [String] = [], notDetected: Int = 0) {
            self.name = name
            self.colourIndex = colourIndex
            self.values = values
            self.valueLabels = valueLabels
            self.notDetected = notDetected
        }
    }

    public var id: String
    public var title: String
    /// The text alternative; a one-line data summary is appended to it in `<desc>`.
    public var description: String
    public var axis: ChartAxis
    public var rows: [Row]
    /// The words after the count at a row's end: "12 not detected".
    public var notDetectedLabel: String
    public var width: Double
    /// Whether the title is also drawn at the chart's top (it is always the `<title>`).
    public var showsTitle = true

    public init(
        id: String, title: String, description: String, axis: ChartAxis, rows: [Row],
        notDetectedLabel: String = "not detected", width: Double = 640
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.axis = axis
        self.rows = rows
        self.notDetectedLabel = notDetectedLabel
        self.width = width
    }

    static let rowHeight = 32.0
    /// Vertical offsets of successive dots in a row, so equal values do not hide each other.
    static let jitter = [0.0, -6, 6, -3, 3, -9, 9]

    /// The chart, or `nil` when no row has a drawable value or a not-detected count.
    public func render() -> ChartNode? {
        let width = ChartFrame.size(self.width, fallback: 640)
        let drawable = rows.map { $0.values.filter(axis.accepts) }
        guard zip(rows, drawable).contains(where: { !$1.isEmpty || $0.notDetected > 0 }) else { return nil }
        let all = drawable.flatMap { $0 }
        let fallback = ChartAxis(label: axis.label, scale: axis.scale, range: axis.range ?? (axis.scale == .log ? 1...10 : 0...1))
        guard let scale = AxisScale(axis: all.isEmpty ? fallback : axis, values: all, tickCount: Int(width / 90)) else { return nil }

        let ends = zip(rows, drawable).map { rowEnd($0.0, drawableCount: $0.1.count) }
        let rightRoom = min((ends.map { TextMetrics.width($0, size: 11) }.max() ?? 0) + 16, 180)
        let left = max((rows.map { TextMetrics.width(Escaping.truncated($0.name, to: 24), size: 12) }.max() ?? 0) + 16, 56)
        let area = PlotArea(
            left: left, top: ChartFrame.plotTop(showsTitle: showsTitle), width: width - left - max(rightRoom, 24),
            height: Double(rows.count) * Self.rowHeight)
        let height = area.bottom + 50 + 10
        let (grid, axisNodes) = AxisDrawing.bottom(scale, area: area)

        var labels: [ChartNode] = []
        var marks: [ChartNode] = []
        var separators: [ChartNode] = []
        for (rowIndex, row) in rows.enumerated() {
            let centre = area.top + (Double(rowIndex) + 0.5) * Self.rowHeight
            let colour = ChartPalette.colour(at: row.colourIndex)
            labels.append(
                SVG.label(Escaping.truncated(row.name, to: 24), x: area.left - 8, y: centre + 4, anchor: "end", full: row.name))
            if rowIndex > 0 {
                let y = area.top + Double(rowIndex) * Self.rowHeight
                separators.append(SVG.line(x1: area.left, y1: y, x2: area.right, y2: y, colour: ChartPalette.minorGrid))
            }
            var count = 0
            for (index, value) in row.values.enumerated() where axis.accepts(value) {
                let name = ChartFrame.tip(row.name) + (index < row.valueLabels.count ? ", " + ChartFrame.tip(row.valueLabels[index]) : "")
                marks.append(
                    SVG.circle(
                        cx: area.x(scale.fraction(value)), cy: centre + Self.jitter[count % Self.jitter.count], r: 4,
                        fill: colour, className: "mark dot",
                        extra: [("fill-opacity", "0.75"), ("stroke", ChartPalette.text), ("stroke-width", "0.6")],
                        children: [SVG.tooltip(name + ": " + ChartNumberFormat.exact(value))]))
                count += 1
            }
            if let median = Self.median(drawable[rowIndex]) {
                let x = area.x(scale.fraction(median))
                marks.append(
                    SVG.line(
                        x1: x, y1: centre - 12, x2: x, y2: centre + 12, colour: ChartPalette.text, width: 3, className: "mark median",
                        children: [SVG.tooltip("\(ChartFrame.tip(row.name)): median \(ChartNumberFormat.exact(median)) of \(drawable[rowIndex].count) values")]))
            }
            if !ends[rowIndex].isEmpty {
                let shown = SVG.element(
                    "text",
                    [
                        ("class", row.notDetected > 0 ? "mark not-detected" : "note"),
                        ("x", ChartNumberFormat.pixel(area.right + 8)), ("y", ChartNumberFormat.pixel(centre + 4)),
                        ("font-size", "11"), ("fill", ChartPalette.mutedText),
                    ],
                    [SVG.tooltip(ChartFrame.tip(row.name) + ": " + ends[rowIndex]), SVG.text(ends[rowIndex])])
                marks.append(shown)
            }
        }
        let frame = ChartFrame(
            identifier: ChartIdentifier(id), title: title, description: description, summary: summary(drawable),
            width: width, height: height, showsTitle: showsTitle)
        return frame.render(layers: [
            SVG.group("grid", grid + separators), SVG.group("axes", axisNodes + labels), SVG.group("marks", marks),
        ])
    }

    /// The text at a row's end: the not-detected count and values the axis cannot show.
    private func rowEnd(_ row: Row, drawableCount: Int) -> String {
        var parts: [String] = []
        if row.notDetected > 0 { parts.append("\(row.notDetected) " + Escaping.truncated(notDetectedLabel, to: 24)) }
        let hidden = row.values.count - drawableCount
        if hidden > 0 { parts.append("\(hidden) off scale") }
        if parts.isEmpty, drawableCount == 0 { parts.append("no values") }
        return parts.joined(separator: ", ")
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func summary(_ drawable: [[Double]]) -> String {
        let parts = zip(rows, drawable).map { row, values -> String in
            var text = ChartFrame.short(row.name) + ": \(values.count) values"
            if let median = Self.median(values), let low = values.min(), let high = values.max() {
                text += ", median \(ChartNumberFormat.compact(median)) (\(ChartNumberFormat.compact(low))–\(ChartNumberFormat.compact(high)))"
            }
            if row.notDetected > 0 { text += ", \(row.notDetected) \(ChartFrame.short(notDetectedLabel))" }
            if row.values.count > values.count { text += ", \(row.values.count - values.count) off scale" }
            return text
        }
        return "Data: \(rows.count) rows. " + ChartFrame.list(parts) + "."
    }
}
