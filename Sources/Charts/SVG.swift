import Plot

/// A node of the report's body, which is what every chart is.
public typealias ChartNode = Node<HTML.BodyContext>

/// Small builders for SVG elements as Plot nodes. Every attribute value and every text goes
/// through ``Escaping/html(_:)`` here, so no caller string reaches Plot unescaped.
enum SVG {
    /// An attribute name and its (unescaped) value.
    typealias Attribute = (name: String, value: String)

    /// `<name a="…">children</name>`; attributes with an empty value are left out.
    static func element(_ name: String, _ attributes: [Attribute], _ children: [ChartNode] = []) -> ChartNode {
        let attributeNodes = attributes.compactMap { attribute -> ChartNode? in
            attribute.value.isEmpty ? nil : .attribute(named: attribute.name, value: Escaping.html(attribute.value))
        }
        return .element(named: name, nodes: attributeNodes + children)
    }

    /// Escaped text content.
    static func text(_ s: String) -> ChartNode {
        .raw(Escaping.html(s))
    }

    /// A `<title>` child: the tooltip of its parent.
    static func tooltip(_ s: String) -> ChartNode {
        .element(named: "title", nodes: [text(s)])
    }

    /// A `<g>` holding `children`, with a class; `nil` attributes-free groups are still drawn.
    static func group(_ className: String, _ children: [ChartNode]) -> ChartNode {
        element("g", [("class", className)], children)
    }

    /// A `<text>` label at (x, y); `full` (when it differs) becomes its tooltip.
    static func label(
        _ shown: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
        colour: String = ChartPalette.text, weight: String = "", rotate: Double? = nil, full: String? = nil
    ) -> ChartNode {
        var attributes: [Attribute] = [
            ("x", ChartNumberFormat.pixel(x)), ("y", ChartNumberFormat.pixel(y)),
            ("text-anchor", anchor == "start" ? "" : anchor), ("font-size", ChartNumberFormat.pixel(size)),
            ("fill", colour), ("font-weight", weight),
        ]
        if let rotate {
            attributes.append(
                ("transform", "rotate(\(ChartNumberFormat.pixel(rotate)) \(ChartNumberFormat.pixel(x)) \(ChartNumberFormat.pixel(y)))"))
        }
        var children: [ChartNode] = []
        if let full, full != shown { children.append(tooltip(full)) }
        children.append(text(shown))
        return element("text", attributes, children)
    }

    /// A straight line.
    static func line(
        x1: Double, y1: Double, x2: Double, y2: Double, colour: String, width: Double = 1, dash: String = "",
        className: String = "", children: [ChartNode] = []
    ) -> ChartNode {
        element(
            "line",
            [
                ("class", className),
                ("x1", ChartNumberFormat.pixel(x1)), ("y1", ChartNumberFormat.pixel(y1)),
                ("x2", ChartNumberFormat.pixel(x2)), ("y2", ChartNumberFormat.pixel(y2)),
                ("stroke", colour), ("stroke-width", width == 1 ? "" : ChartNumberFormat.pixel(width)),
                ("stroke-dasharray", dash),
            ],
            children)
    }

    /// A rectangle.
    static func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, className: String = "",
        extra: [Attribute] = [], children: [ChartNode] = []
    ) -> ChartNode {
        element(
            "rect",
            [
                ("class", className),
                ("x", ChartNumberFormat.pixel(x)), ("y", ChartNumberFormat.pixel(y)),
                ("width", ChartNumberFormat.pixel(max(width, 0))), ("height", ChartNumberFormat.pixel(max(height, 0))),
                ("fill", fill),
            ] + extra,
            children)
    }

    /// A circle.
    static func circle(
        cx: Double, cy: Double, r: Double, fill: String, className: String = "", extra: [Attribute] = [],
        children: [ChartNode] = []
    ) -> ChartNode {
        element(
            "circle",
            [
                ("class", className),
                ("cx", ChartNumberFormat.pixel(cx)), ("cy", ChartNumberFormat.pixel(cy)),
                ("r", ChartNumberFormat.pixel(r)), ("fill", fill),
            ] + extra,
            children)
    }
}
