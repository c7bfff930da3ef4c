/// Grid lines, tick labels and axis titles for a fitted ``AxisScale``.
///
/// Tick labels that would overlap are left out: major ticks (decades on a log axis) are placed
/// first, then minor ones wherever they fit.
enum AxisDrawing {
    static let tickFont = 11.0
    static let titleFont = 12.0

    /// Grid (behind the data) and axis (labels, line, title) of a horizontal axis under `area`.
    static func bottom(_ scale: AxisScale, area: PlotArea, grid: Bool = true) -> (grid: [ChartNode], axis: [ChartNode]) {
        var gridNodes: [ChartNode] = []
        var axisNodes: [ChartNode] = []
        let positions = scale.ticks.map { area.x(scale.fraction($0.value)) }
        let shown = placeLabels(scale.ticks, positions: positions) { TextMetrics.width($0, size: tickFont) + 8 }
        for (index, tick) in scale.ticks.enumerated() {
            let x = positions[index]
            if grid {
                gridNodes.append(
                    SVG.line(x1: x, y1: area.top, x2: x, y2: area.bottom,
                        colour: tick.isMajor ? ChartPalette.grid : ChartPalette.minorGrid))
            }
            axisNodes.append(
                SVG.line(x1: x, y1: area.bottom, x2: x, y2: area.bottom + (tick.isMajor ? 5 : 3), colour: ChartPalette.axis))
            if shown[index] {
                axisNodes.append(
                    SVG.label(tick.label, x: x, y: area.bottom + 18, anchor: "middle", size: tickFont))
            }
        }
        axisNodes.append(SVG.line(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, colour: ChartPalette.axis))
        let title = Escaping.truncated(scale.axis.label, to: TextMetrics.characters(fitting: area.width, size: titleFont))
        axisNodes.append(
            SVG.label(title, x: area.left + area.width / 2, y: area.bottom + 38, anchor: "middle", size: titleFont,
                full: scale.axis.label))
        return (gridNodes, axisNodes)
    }

    /// Grid and axis of a vertical axis left of `area`; `margin` is the room left of the area.
    static func left(_ scale: AxisScale, area: PlotArea, grid: Bool = true) -> (grid: [ChartNode], axis: [ChartNode]) {
        var gridNodes: [ChartNode] = []
        var axisNodes: [ChartNode] = []
        let positions = scale.ticks.map { area.y(scale.fraction($0.value)) }
        let shown = placeLabels(scale.ticks, positions: positions) { _ in tickFont + 3 }
        for (index, tick) in scale.ticks.enumerated() {
            let y = positions[index]
            if grid {
                gridNodes.append(
                    SVG.line(x1: area.left, y1: y, x2: area.right, y2: y,
                        colour: tick.isMajor ? ChartPalette.grid : ChartPalette.minorGrid))
            }
            axisNodes.append(
                SVG.line(x1: area.left - (tick.isMajor ? 5 : 3), y1: y, x2: area.left, y2: y, colour: ChartPalette.axis))
            if shown[index] {
                axisNodes.append(SVG.label(tick.label, x: area.left - 8, y: y + 4, anchor: "end", size: tickFont))
            }
        }
        axisNodes.append(SVG.line(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, colour: ChartPalette.axis))
        let title = Escaping.truncated(scale.axis.label, to: TextMetrics.characters(fitting: area.height, size: titleFont))
        let x = area.left - labelWidth(scale) - 20
        axisNodes.append(
            SVG.label(title, x: x, y: area.top + area.height / 2, anchor: "middle", size: titleFont, rotate: -90,
                full: scale.axis.label))
        return (gridNodes, axisNodes)
    }

    /// The widest tick label of `scale`, in px.
    static func labelWidth(_ scale: AxisScale) -> Double {
        scale.ticks.map { TextMetrics.width($0.label, size: tickFont) }.max() ?? 0
    }

    /// The room a left axis needs: its tick labels, a gap and its rotated title.
    static func leftMargin(_ scale: AxisScale) -> Double {
        labelWidth(scale) + 36
    }

    /// Which tick labels to draw so that none overlaps another: majors first, then minors.
    static func placeLabels(
        _ ticks: [AxisScale.Tick], positions: [Double], extent: (String) -> Double
    ) -> [Bool] {
        var shown = Array(repeating: false, count: ticks.count)
        var taken: [(Double, Double)] = []
        let order = ticks.indices.filter { ticks[$0].isMajor } + ticks.indices.filter { !ticks[$0].isMajor }
        for index in order {
            let half = extent(ticks[index].label) / 2
            let span = (positions[index] - half, positions[index] + half)
            if taken.allSatisfy({ span.1 <= $0.0 || span.0 >= $0.1 }) {
                taken.append(span)
                shown[index] = true
            }
        }
        return shown
    }
}
