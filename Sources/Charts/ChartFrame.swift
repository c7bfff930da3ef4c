/// The outer `<svg>` of a chart: size, accessible name and description, background and title.
struct ChartFrame {
    /// Height of the band above the plot that holds the visible title.
    static let titleBand = 34.0

    /// Where the plot area starts, below the visible title if there is one.
    static func plotTop(showsTitle: Bool) -> Double {
        (showsTitle ? titleBand : 0) + 8
    }

    let identifier: ChartIdentifier
    let title: String
    let description: String
    let summary: String
    let width: Double
    let height: Double
    var showsTitle = true

    /// The whole chart: `<svg class="chart" role="img" aria-labelledby="…">` with `<title>`,
    /// `<desc>` (the caller's text, then the data summary), `defs` and the drawn `layers`.
    func render(defs: [ChartNode] = [], layers: [ChartNode]) -> ChartNode {
        let w = ChartNumberFormat.pixel(width)
        let h = ChartNumberFormat.pixel(height)
        let descText = [description, summary].filter { !$0.isEmpty }.joined(separator: " ")
        var children: [ChartNode] = [
            SVG.element("title", [("id", identifier.title)], [SVG.text(title)]),
            SVG.element("desc", [("id", identifier.description)], [SVG.text(descText)]),
        ]
        if !defs.isEmpty { children.append(SVG.element("defs", [], defs)) }
        children.append(SVG.rect(x: 0, y: 0, width: width, height: height, fill: "#FFFFFF", className: "background"))
        if showsTitle {
            let shown = Escaping.truncated(title, to: TextMetrics.characters(fitting: width - 24, size: 14 * 1.2))  // bold
            children.append(SVG.label(shown, x: 12, y: 22, size: 14, weight: "600"))
        }
        children += layers
        return SVG.element(
            "svg",
            [
                ("class", "chart"), ("id", identifier.root), ("xmlns", "http://www.w3.org/2000/svg"),
                ("viewBox", "0 0 \(w) \(h)"), ("width", w), ("height", h), ("role", "img"),
                ("aria-labelledby", identifier.title + " " + identifier.description),
                ("font-family", "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"), ("font-size", "12"),
            ],
            children)
    }

    /// A caller's size in px, or `fallback` when it is not finite; kept within 120…8000.
    static func size(_ value: Double, fallback: Double) -> Double {
        value.isFinite ? min(max(value, 120), 8000) : fallback
    }

    /// A name shortened for a one-line summary.
    static func short(_ s: String) -> String {
        Escaping.truncated(s, to: 60)
    }

    /// A name shortened for a mark's tooltip: the full text stays in the one label or legend
    /// entry that names it, so a 10 KB id is not repeated on every mark.
    static func tip(_ s: String) -> String {
        Escaping.truncated(s, to: 120)
    }

    /// `items` joined by "; ", the first `limit` of them, then "and N more".
    static func list(_ items: [String], limit: Int = 12) -> String {
        var shown = Array(items.prefix(limit))
        if items.count > limit { shown.append("and \(items.count - limit) more") }
        return shown.joined(separator: "; ")
    }
}
