import Charts
import Plot

/// The page's building blocks. Every string reaches Plot through ``Escaping/html(_:)`` —
/// as `.raw` text or an escaped attribute value — because Plot 0.14 writes attribute values
/// as given and lets entity-looking text through.
enum ReportMarkup {
    /// Escaped text.
    static func text(_ s: String) -> Node<HTML.BodyContext> { .raw(Escaping.html(s)) }

    /// An attribute with an escaped value.
    static func attribute(_ name: String, _ value: String) -> Node<HTML.BodyContext> {
        .attribute(named: name, value: Escaping.html(value))
    }

    /// `<name attributes…>children</name>`.
    static func element(_ name: String, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: name, nodes: nodes)
    }

    /// A table: a header row and rows of cells; a cell's sort key (`data-sort`) is its number when
    /// given, so the leaderboard sorts numerically.
    static func table(
        id: String? = nil, caption: String? = nil, header: [String], rows: [[Cell]], sortable: Bool = false
    ) -> Node<HTML.BodyContext> {
        var nodes: [Node<HTML.BodyContext>] = []
        if let id { nodes.append(attribute("id", id)) }
        if sortable { nodes.append(attribute("class", "sortable")) }
        if let caption { nodes.append(element("caption", [text(caption)])) }
        nodes.append(element("thead", [element("tr", header.map { title in
            element("th", sortable ? [attribute("title", "sort by \(title)"), text(title)] : [text(title)])
        })]))
        nodes.append(element("tbody", rows.map { row in element("tr", row.map(\.node)) }))
        return element("table", nodes)
    }

    /// A table cell: shown text, an optional numeric sort key, an optional colour swatch.
    struct Cell {
        var shown: String
        var sort: Double?
        var swatch: String?
        var title: String?

        init(_ shown: String, sort: Double? = nil, swatch: String? = nil, title: String? = nil) {
            self.shown = shown
            self.sort = sort
            self.swatch = swatch
            self.title = title
        }

        var node: Node<HTML.BodyContext> {
            var nodes: [Node<HTML.BodyContext>] = []
            if let sort, sort.isFinite { nodes.append(ReportMarkup.attribute("data-sort", "\(sort)")) }
            if let title { nodes.append(ReportMarkup.attribute("title", title)) }
            if let swatch {
                nodes.append(ReportMarkup.element("span", [
                    ReportMarkup.attribute("class", "swatch"), ReportMarkup.attribute("style", "background:\(swatch)"),
                ]))
            }
            nodes.append(ReportMarkup.text(shown))
            return ReportMarkup.element("td", nodes)
        }
    }

    /// A section with an anchor, a heading, an introduction and its content.
    static func section(id: String, title: String, intro: String?, _ content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        element("section", [attribute("id", id), element("h2", [text(title)])]
            + (intro.map { [element("p", [attribute("class", "intro"), text($0)])] } ?? []) + content)
    }

    /// A chart, or the sentence saying why there is none (a chart without data is never drawn).
    static func chart(_ node: ChartNode?, otherwise reason: String) -> Node<HTML.BodyContext> {
        guard let node else { return element("p", [attribute("class", "nochart"), text(reason)]) }
        return element("figure", [node])
    }
}
