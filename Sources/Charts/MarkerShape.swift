/// The shape of an operating-point marker; each kind of point ("default", "budget", "tuned")
/// gets its own shape, explained in the chart's marker legend.
public enum MarkerShape: Sendable, Equatable, CaseIterable {
    case circle
    case square
    case triangle
    case diamond

    /// The shape centred on (x, y), about `size` px across.
    func node(
        x: Double, y: Double, size: Double, fill: String, stroke: String = ChartPalette.text,
        className: String = "", children: [ChartNode] = []
    ) -> ChartNode {
        let half = size / 2
        let outline: [SVG.Attribute] = [("stroke", stroke), ("stroke-width", "1.5")]
        switch self {
        case .circle:
            return SVG.circle(cx: x, cy: y, r: half, fill: fill, className: className, extra: outline, children: children)
        case .square:
            let side = size * 0.86
            return SVG.rect(
                x: x - side / 2, y: y - side / 2, width: side, height: side, fill: fill, className: className,
                extra: outline, children: children)
        case .triangle:
            return polygon([(x, y - half * 1.15), (x + half * 1.1, y + half * 0.8), (x - half * 1.1, y + half * 0.8)],
                fill: fill, className: className, outline: outline, children: children)
        case .diamond:
            return polygon([(x, y - half * 1.2), (x + half * 1.2, y), (x, y + half * 1.2), (x - half * 1.2, y)],
                fill: fill, className: className, outline: outline, children: children)
        }
    }

    private func polygon(
        _ points: [(Double, Double)], fill: String, className: String, outline: [SVG.Attribute], children: [ChartNode]
    ) -> ChartNode {
        let list = points.map { ChartNumberFormat.pixel($0.0) + "," + ChartNumberFormat.pixel($0.1) }.joined(separator: " ")
        return SVG.element("polygon", [("class", className), ("points", list), ("fill", fill)] + outline, children)
    }
}
