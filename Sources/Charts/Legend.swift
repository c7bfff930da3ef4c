/// A legend laid out in rows that wrap at the chart's width.
struct Legend {
    /// What stands before a legend label.
    enum Swatch {
        /// A line in a series colour and dash pattern.
        case line(colour: String, dash: String)
        /// A dot in a series colour.
        case dot(colour: String)
        /// A filled box; `opacity` below 1 for a second stacked segment.
        case box(fill: String, opacity: Double)
        /// A box filled with a pattern (by id).
        case pattern(id: String)
        /// An operating-point marker shape, in neutral grey.
        case shape(MarkerShape)
    }

    /// One entry.
    struct Item {
        var swatch: Swatch
        var label: String
    }

    static let font = 12.0
    static let rowHeight = 20.0
    static let maxLabel = 34

    var items: [Item]

    /// The height the legend takes when wrapped to `width`.
    func height(width: Double) -> Double {
        items.isEmpty ? 0 : Double(rows(width: width).count) * Self.rowHeight
    }

    /// The legend's nodes with its first row's centre line at `top + 10`.
    func render(left: Double, top: Double, width: Double) -> [ChartNode] {
        var nodes: [ChartNode] = []
        for (rowIndex, row) in rows(width: width).enumerated() {
            let y = top + Double(rowIndex) * Self.rowHeight + 10
            var x = left
            for item in row {
                nodes.append(swatch(item.swatch, x: x, y: y))
                let shown = Escaping.truncated(item.label, to: Self.maxLabel)
                nodes.append(SVG.label(shown, x: x + 28, y: y + 4, size: Self.font, full: item.label))
                x += Self.itemWidth(item)
            }
        }
        return [SVG.group("legend", nodes)]
    }

    private static func itemWidth(_ item: Item) -> Double {
        28 + TextMetrics.width(Escaping.truncated(item.label, to: maxLabel), size: font) + 18
    }

    private func rows(width: Double) -> [[Item]] {
        var rows: [[Item]] = []
        var current: [Item] = []
        var used = 0.0
        for item in items {
            let w = Self.itemWidth(item)
            if !current.isEmpty, used + w > width {
                rows.append(current)
                current = []
                used = 0
            }
            current.append(item)
            used += w
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private func swatch(_ swatch: Swatch, x: Double, y: Double) -> ChartNode {
        switch swatch {
        case .line(let colour, let dash):
            return SVG.line(x1: x, y1: y, x2: x + 22, y2: y, colour: colour, width: 2.5, dash: dash)
        case .dot(let colour):
            return SVG.circle(cx: x + 11, cy: y, r: 4.5, fill: colour, extra: [("stroke", ChartPalette.text), ("stroke-width", "0.5")])
        case .box(let fill, let opacity):
            return SVG.rect(
                x: x + 3, y: y - 7, width: 16, height: 14, fill: fill,
                extra: [("fill-opacity", opacity < 1 ? ChartNumberFormat.fixed(opacity, decimals: 2) : ""),
                    ("stroke", fill), ("stroke-width", "1")])
        case .pattern(let id):
            return SVG.rect(
                x: x + 3, y: y - 7, width: 16, height: 14, fill: "url(#\(id))",
                extra: [("stroke", ChartPalette.mutedText), ("stroke-width", "1")])
        case .shape(let shape):
            return shape.node(x: x + 11, y: y, size: 10, fill: "#BBBBBB")
        }
    }
}
