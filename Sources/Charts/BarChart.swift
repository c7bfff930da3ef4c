/// Grouped bars: categories (tactics, personas, detectors) × groups (series, each in its
/// palette colour), optionally stacked in named segments (leaked and prevented tokens), on a
/// linear or log value axis (throughput).
public struct BarChart: Sendable {
    /// Which way the bars run.
    public enum Orientation: Sendable, Equatable {
        /// Categories along x, values up.
        case vertical
        /// Categories down the left, values to the right: room for long names.
        case horizontal
    }

    /// A category; a `marked` one is drawn on a hatched band with the chart's mark tag ("decoy").
    public struct Category: Sendable, Equatable {
        public var name: String
        public var marked: Bool
        /// When the categories are detectors (throughput), their palette index: their bars take
        /// that colour instead of the group's.
        public var colourIndex: Int?

        public init(name: String, marked: Bool = false, colourIndex: Int? = nil) {
            self.name = name
            self.marked = marked
            self.colourIndex = colourIndex
        }
    }

    /// One bar's value: a single segment, or one value per named segment when stacked.
    public struct Value: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        public var segments: [Double]

        public init(_ value: Double) { segments = [value] }
        public init(segments: [Double]) { self.segments = segments }
        public init(floatLiteral value: Double) { self.init(value) }
        public init(integerLiteral value: Int) { self.init(Double(value)) }

        /// The bar's length: the sum of its segments.
        public var total: Double { segments.reduce(0, +) }
    }

    /// A series of bars, one value per category (`nil`: no value, shown as "n/a").
    public struct Group: Sendable, Equatable {
        public var name: String
        /// Index into ``ChartPalette``, fixed per detector across the report.
        public var colourIndex: Int
        public var values: [Value?]

        public init(name: String, colourIndex: Int, values: [Value?]) {
            self.name = name
            self.colourIndex = colourIndex
            self.values = values
        }
    }

    public var id: String
    public var title: String
    /// The text alternative; a one-line data summary is appended to it in `<desc>`.
    public var description: String
    public var categories: [Category]
    public var groups: [Group]
    public var valueAxis: ChartAxis
    public var orientation: Orientation
    /// Names of the stacked segments ("leaked", "prevented"); empty for plain bars.
    public var segmentNames: [String]
    /// The tag of marked categories, also their legend entry.
    public var markLabel: String
    public var width: Double
    /// Whether the title is also drawn at the chart's top (it is always the `<title>`).
    public var showsTitle = true
    /// Height of the plot area of a vertical chart (a horizontal one grows with its categories).
    public var plotHeight: Double

    public init(
        id: String, title: String, description: String, categories: [Category], groups: [Group], valueAxis: ChartAxis,
        orientation: Orientation = .horizontal, segmentNames: [String] = [], markLabel: String = "decoy",
        width: Double = 640, plotHeight: Double = 260
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.categories = categories
        self.groups = groups
        self.valueAxis = valueAxis
        self.orientation = orientation
        self.segmentNames = segmentNames
        self.markLabel = markLabel
        self.width = width
        self.plotHeight = plotHeight
    }

    /// Opacity of each stacked segment in turn.
    static let segmentOpacity = [1.0, 0.3, 0.65, 0.15]

    /// The chart, or `nil` when no bar can be drawn.
    public func render() -> ChartNode? {
        let width = ChartFrame.size(self.width, fallback: 640)
        let plotHeight = ChartFrame.size(self.plotHeight, fallback: 260)
        guard !categories.isEmpty, !groups.isEmpty else { return nil }
        let stacked = segmentNames.count >= 2
        var totals: [Double] = []
        for group in groups {
            for value in group.values.prefix(categories.count) {
                if let value, let bar = drawable(value, stacked: stacked) { totals += bar }
            }
        }
        guard !totals.isEmpty else { return nil }
        var axis = valueAxis
        if axis.scale == .linear { axis.includesZero = true }
        let identifier = ChartIdentifier(id)
        let horizontal = orientation == .horizontal
        let groupCount = Double(groups.count)
        let thickness = groups.count <= 3 ? 18.0 : 13.0
        let band = groupCount * thickness + 14

        let nameLimit = horizontal ? 28 : 0
        let labelWidth = horizontal
            ? (categories.map { TextMetrics.width(Escaping.truncated($0.name, to: nameLimit), size: 12) }.max() ?? 0) + 16
            : 0
        let top = ChartFrame.plotTop(showsTitle: showsTitle)
        let probe = AxisScale(axis: axis, values: totals, tickCount: horizontal ? Int(width / 90) : Int(plotHeight / 55))
        guard let scale = probe else { return nil }
        let area: PlotArea
        if horizontal {
            let left = max(labelWidth, 56)
            area = PlotArea(left: left, top: top, width: width - left - 56, height: Double(categories.count) * band)
        } else {
            let left = max(AxisDrawing.leftMargin(scale) + 10, 56)
            area = PlotArea(left: left, top: top, width: width - left - 24, height: plotHeight)
        }
        let categoryBand = horizontal ? band : area.width / Double(categories.count)
        let barThickness = horizontal ? thickness : max(min((categoryBand - 12) / groupCount, 40), 2)

        var legendItems: [Legend.Item] = []
        if groups.count > 1 {
            legendItems += groups.map { Legend.Item(swatch: .box(fill: ChartPalette.colour(at: $0.colourIndex), opacity: 1), label: $0.name) }
        }
        if stacked {
            legendItems += segmentNames.enumerated().map { index, name in
                Legend.Item(swatch: .box(fill: "#555555", opacity: Self.segmentOpacity[index % Self.segmentOpacity.count]), label: name)
            }
        }
        let anyMarked = categories.contains(where: \.marked)
        if anyMarked { legendItems.append(Legend.Item(swatch: .pattern(id: identifier.hatch), label: markLabel)) }
        let legend = Legend(items: legendItems)
        let labelRoom = horizontal ? 50.0 : 64.0
        let legendTop = area.bottom + labelRoom
        let height = legendTop + legend.height(width: width - 24) + 10

        var bands: [ChartNode] = []
        var marks: [ChartNode] = []
        var notes: [ChartNode] = []
        var categoryLabels: [ChartNode] = []
        let base = axis.scale == .linear ? scale.fraction(0) : 0
        for (categoryIndex, category) in categories.enumerated() {
            let bandStart = horizontal ? area.top + Double(categoryIndex) * band : area.left + Double(categoryIndex) * categoryBand
            let bandLength = horizontal ? band : categoryBand
            if category.marked {
                bands.append(
                    horizontal
                        ? SVG.rect(x: area.left, y: bandStart, width: area.width, height: bandLength, fill: "url(#\(identifier.hatch))", className: "marked-band")
                        : SVG.rect(x: bandStart, y: area.top, width: bandLength, height: area.height, fill: "url(#\(identifier.hatch))", className: "marked-band"))
            }
            categoryLabels += label(category, bandStart: bandStart, bandLength: bandLength, area: area)
            let firstBar = bandStart + (bandLength - groupCount * barThickness) / 2
            for (groupIndex, group) in groups.enumerated() {
                let offset = firstBar + Double(groupIndex) * barThickness
                let colour = ChartPalette.colour(at: category.colourIndex ?? group.colourIndex)
                let value = categoryIndex < group.values.count ? group.values[categoryIndex] : nil
                let who = "\(ChartFrame.tip(group.name)), \(ChartFrame.tip(category.name))"
                guard let value, let cumulative = drawable(value, stacked: stacked) else {
                    let tip = value.map { who + ": \(describe($0, stacked: stacked)) (not drawable on this axis)" } ?? who + ": no value"
                    notes.append(barNote("n/a", at: offset, thickness: barThickness, base: base, area: area, tip: tip))
                    continue
                }
                let tip = who + ": " + describe(value, stacked: stacked)
                var start = base
                // A bar of 0 is drawn as a thin stub, so that it shows; empty stacked segments are left out.
                let visible = cumulative.contains { scale.fraction($0) != base }
                for (segment, end) in cumulative.enumerated() {
                    let endFraction = scale.fraction(end)
                    let opacity = stacked ? Self.segmentOpacity[segment % Self.segmentOpacity.count] : 1
                    var low = min(start, endFraction)
                    var high = max(start, endFraction)
                    if high == low {
                        guard !visible, segment == 0 else {
                            start = endFraction
                            continue
                        }
                        let stub = 2 / (horizontal ? area.width : area.height)
                        if high + stub <= 1 { high += stub } else { low -= stub }
                    }
                    let extra: [SVG.Attribute] = [
                        ("fill-opacity", opacity < 1 ? ChartNumberFormat.fixed(opacity, decimals: 2) : ""),
                        ("stroke", stacked ? colour : ""), ("stroke-width", stacked ? "1" : ""),
                    ]
                    let segmentTip = stacked ? tip + " — this segment: \(ChartFrame.tip(segmentNames[segment % segmentNames.count]))" : tip
                    marks.append(
                        horizontal
                            ? SVG.rect(x: area.x(low), y: offset + 1, width: (high - low) * area.width, height: barThickness - 2,
                                fill: colour, className: "mark bar", extra: extra, children: [SVG.tooltip(segmentTip)])
                            : SVG.rect(x: offset + 1, y: area.y(high), width: barThickness - 2, height: (high - low) * area.height,
                                fill: colour, className: "mark bar", extra: extra, children: [SVG.tooltip(segmentTip)]))
                    start = endFraction
                }
                if let total = cumulative.last {
                    notes += valueLabel(total, end: scale.fraction(total), at: offset, thickness: barThickness, area: area)
                }
            }
        }
        let (grid, axisNodes) = horizontal ? AxisDrawing.bottom(scale, area: area) : AxisDrawing.left(scale, area: area)
        var baseline: [ChartNode] = []
        if axis.scale == .linear {
            baseline.append(
                horizontal
                    ? SVG.line(x1: area.x(base), y1: area.top, x2: area.x(base), y2: area.bottom, colour: ChartPalette.axis)
                    : SVG.line(x1: area.left, y1: area.y(base), x2: area.right, y2: area.y(base), colour: ChartPalette.axis))
        }
        let hatch = SVG.element(
            "pattern",
            [("id", identifier.hatch), ("patternUnits", "userSpaceOnUse"), ("width", "8"), ("height", "8"),
                ("patternTransform", "rotate(45)")],
            [SVG.line(x1: 0, y1: 0, x2: 0, y2: 8, colour: "#C4C4C4", width: 3)])
        let frame = ChartFrame(
            identifier: identifier, title: title, description: description, summary: summary(stacked: stacked),
            width: width, height: height, showsTitle: showsTitle)
        return frame.render(
            defs: anyMarked ? [hatch] : [],
            layers: [
                SVG.group("bands", bands), SVG.group("grid", grid), SVG.group("marks", marks),
                SVG.group("axes", axisNodes + baseline + categoryLabels), SVG.group("notes", notes),
            ] + legend.render(left: 12, top: legendTop, width: width - 24))
    }

    /// Cumulative segment ends of a drawable value, or `nil` (a value the axis cannot show).
    /// On a log axis a stacked bar needs non-negative segments and a positive total.
    private func drawable(_ value: Value, stacked: Bool) -> [Double]? {
        guard stacked else { return valueAxis.accepts(value.total) ? [value.total] : nil }
        let segments = Array(value.segments.prefix(segmentNames.count))
        guard !segments.isEmpty, segments.allSatisfy(\.isFinite) else { return nil }
        var ends: [Double] = []
        var sum = 0.0
        for segment in segments {
            sum += segment
            ends.append(sum)
        }
        if valueAxis.scale == .log, !(sum > 0 && segments.allSatisfy { $0 >= 0 }) { return nil }
        return ends
    }

    private func describe(_ value: Value, stacked: Bool) -> String {
        guard stacked else { return ChartNumberFormat.exact(value.total) }
        let parts = zip(segmentNames, value.segments).map { "\(ChartFrame.tip($0)) \(ChartNumberFormat.exact($1))" }
        return parts.joined(separator: ", ") + " (total \(ChartNumberFormat.exact(value.total)))"
    }

    private func label(_ category: Category, bandStart: Double, bandLength: Double, area: PlotArea) -> [ChartNode] {
        var nodes: [ChartNode] = []
        if orientation == .horizontal {
            let centre = bandStart + bandLength / 2
            let lift = category.marked ? 6.0 : 0
            nodes.append(
                SVG.label(Escaping.truncated(category.name, to: 28), x: area.left - 8, y: centre + 4 - lift, anchor: "end",
                    full: category.name))
            if category.marked {
                nodes.append(
                    SVG.label(Escaping.truncated(markLabel, to: 20), x: area.left - 8, y: centre + 4 + lift + 2, anchor: "end",
                        size: 11, colour: ChartPalette.mutedText, full: markLabel))
            }
        } else {
            let centre = bandStart + bandLength / 2
            let fit = TextMetrics.characters(fitting: bandLength - 4, size: 11)
            nodes.append(
                SVG.label(Escaping.truncated(category.name, to: fit), x: centre, y: area.bottom + 16, anchor: "middle", size: 11,
                    full: category.name))
            if category.marked {
                nodes.append(
                    SVG.label(Escaping.truncated(markLabel, to: fit), x: centre, y: area.bottom + 30, anchor: "middle", size: 11,
                        colour: ChartPalette.mutedText, full: markLabel))
            }
        }
        return nodes
    }

    private func barNote(_ text: String, at offset: Double, thickness: Double, base: Double, area: PlotArea, tip: String) -> ChartNode {
        orientation == .horizontal
            ? SVG.label(text, x: area.x(base) + 4, y: offset + thickness / 2 + 4, size: 11, colour: ChartPalette.mutedText, full: tip)
            : SVG.label(text, x: offset + thickness / 2, y: area.y(base) - 4, anchor: "middle", size: 11,
                colour: ChartPalette.mutedText, full: tip)
    }

    private func valueLabel(_ total: Double, end: Double, at offset: Double, thickness: Double, area: PlotArea) -> [ChartNode] {
        let text = ChartNumberFormat.compact(total)
        if orientation == .horizontal {
            guard thickness >= 12 else { return [] }
            return [SVG.label(text, x: area.x(end) + 4, y: offset + thickness / 2 + 4, size: 11, colour: ChartPalette.mutedText)]
        }
        guard thickness >= TextMetrics.width(text, size: 11) else { return [] }
        return [SVG.label(text, x: offset + thickness / 2, y: area.y(end) - 4, anchor: "middle", size: 11, colour: ChartPalette.mutedText)]
    }

    private func summary(stacked: Bool) -> String {
        var parts: [String] = []
        for group in groups {
            var missing = 0
            var best: (String, Double)?
            for (index, category) in categories.enumerated() {
                guard index < group.values.count, let value = group.values[index], value.total.isFinite else {
                    missing += 1
                    continue
                }
                if best == nil || value.total > (best?.1 ?? 0) { best = (category.name, value.total) }
            }
            var text = ChartFrame.short(group.name)
            if let best { text += ": largest \(ChartNumberFormat.compact(best.1)) (\(ChartFrame.short(best.0)))" }
            if missing > 0 { text += ", \(missing) without value" }
            parts.append(text)
        }
        var summary = "Data: \(categories.count) categories × \(groups.count) groups"
        if stacked { summary += ", bars stacked as " + segmentNames.map(ChartFrame.short).joined(separator: " + ") }
        summary += ". " + ChartFrame.list(parts) + "."
        let marked = categories.filter(\.marked).map { ChartFrame.short($0.name) }
        if !marked.isEmpty { summary += " Marked \(ChartFrame.short(markLabel)): " + ChartFrame.list(marked) + "." }
        return summary
    }
}
