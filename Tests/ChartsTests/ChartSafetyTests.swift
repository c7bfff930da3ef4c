import Foundation
import Plot
import Testing

@testable import Charts

/// Hostile strings in every string a chart takes never reach the output unescaped, and the
/// output is made only of the elements and attributes the charts draw.
struct ChartSafetyTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "</svg><img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)\" x='",
        "&lt;script&gt; &amp; &#60;b&#62; &",
        "\u{1B}[31mred\u{1B}[0m",
        "nul\u{0}byte\u{7F}\u{85}",
        "line\u{2028}para\u{2029}bidi\u{202E}txt",
        String(repeating: "<a\"'&>\u{1B}", count: 1_500),  // about 10 KB
        "",
    ]

    static let elementNames: Set<String> = [
        "svg", "title", "desc", "defs", "pattern", "g", "path", "rect", "circle", "line", "polygon", "text",
    ]

    @Test(arguments: hostile.indices)
    func hostileStringsStayText(_ index: Int) throws {
        let bad = Self.hostile[index]
        for (name, chart) in ChartExamples.all({ _ in bad }) {
            let html = try #require(chart, "\(name) drew nothing").render()
            try Self.checkWellFormed(html, chart: name)
            #expect(!html.lowercased().contains("<script"), "\(name)")
            #expect(!html.contains("</svg><img"), "\(name)")
            #expect(!html.contains("<img"), "\(name)")
            #expect(!html.unicodeScalars.contains(where: Escaping.isHidden), "\(name): raw control character")
            // A 10 KB string in every field is kept whole only where it is named once (title,
            // description, axis titles, legend entries): about 45 KB escaped each time.
            #expect(html.utf8.count < 1_000_000, "\(name): \(html.utf8.count) bytes")
        }
    }

    /// Each string goes in mixed with ordinary text, so a chart that drops a field is noticed too.
    @Test func hostileStringsAppearOnlyEscaped() throws {
        let bad = "<script>alert(1)</script>"
        for (name, chart) in ChartExamples.all({ $0 + bad }) {
            let html = try #require(chart).render()
            #expect(!html.contains(bad), "\(name)")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name)")
        }
    }

    /// A 10 KB name on a series of 400 dots is written whole once or twice, not on every dot.
    @Test func longNamesAreNotRepeatedOnEveryMark() throws {
        let name = String(repeating: "n", count: 10_240)
        let points = (0..<400).map { ChartPoint(x: Double($0), y: Double($0 % 17)) }
        let chart = LineChart(
            id: name, title: "t", description: "d", xAxis: ChartAxis(label: "x"), yAxis: ChartAxis(label: "y"),
            series: [.init(name: name, colourIndex: 0, points: points, style: .dots)])
        let html = try #require(chart.render()).render()
        #expect(ChartRenderingTests.count(name, in: html) <= 2)
        #expect(ChartRenderingTests.count("class=\"mark dot\"", in: html) == 400)
        #expect(html.utf8.count < 160_000, "\(html.utf8.count) bytes")
    }

    @Test func idsAreSanitisedAndReferenced() throws {
        for (name, chart) in ChartExamples.all({ $0 + "\" </svg> Ünïcode" }) {
            let html = try #require(chart).render()
            let labelled = try #require(Self.attribute("aria-labelledby", in: html), "\(name)")
            let ids = labelled.split(separator: " ").map(String.init)
            #expect(ids.count == 2)
            for id in ids {
                #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "\(id)")
                #expect(html.contains("id=\"\(id)\""), "\(name): \(id) not defined")
            }
            #expect(html.contains("<title id=\"\(ids[0])\">"))
            #expect(html.contains("<desc id=\"\(ids[1])\">"))
            #expect(html.contains("role=\"img\""))
            #expect(html.hasPrefix("<svg class=\"chart\""))
        }
    }

    @Test func distinctCallerIdsGiveDistinctChartIds() {
        let ids = ["pr", "PR", "p r", "p-r", "p_r", "", String(repeating: "x", count: 10_000), String(repeating: "x", count: 10_001)]
        let roots = ids.map { ChartIdentifier($0).root }
        #expect(Set(roots).count == ids.count)
        #expect(ChartIdentifier("pr").root == "chart-pr")
        #expect(roots.allSatisfy { $0.count < 64 })
    }

    /// The checker itself fails on what it is there to catch.
    @Test func theCheckerCatchesBreakouts() {
        let broken = [
            "<svg><text>a</text></svg><img src=x onerror=alert(1)>",
            "<svg class=\"a\" onload=\"b\"\"></svg>",
            "<svg><text>&lt;b&gt; & more</text></svg>",
            "<svg><text>a\"b</text></svg>",
            "<svg><text>x</svg>",
            "<svg><script>alert(1)</script></svg>",
        ]
        for html in broken {
            withKnownIssue { try Self.checkWellFormed(html, chart: "broken") }
        }
    }

    // MARK: - A small checker of the output's grammar

    /// Every `<` opens or closes a known element; inside a tag only `name="value"` pairs, with no
    /// `<`, `>` or `"` in a value; every `&` begins one of the entities the escaping writes.
    static func checkWellFormed(_ html: String, chart: String) throws {
        let chars = Array(html.unicodeScalars)
        var i = 0
        var stack: [String] = []
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == ":"
        }
        while i < chars.count {
            let c = chars[i]
            if c == "&" {
                let rest = String(String.UnicodeScalarView(chars[i..<min(i + 6, chars.count)]))
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains { rest.hasPrefix($0) }
                #expect(ok, "\(chart): stray & at \(i): \(rest)")
                if !ok { return }
                i += 1
                continue
            }
            if c == ">" || c == "\"" {
                Issue.record("\(chart): bare \(c) in text at \(i)")
                return
            }
            guard c == "<" else {
                i += 1
                continue
            }
            i += 1
            let closing = i < chars.count && chars[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < chars.count, isNameChar(chars[i]) {
                name.unicodeScalars.append(chars[i])
                i += 1
            }
            guard elementNames.contains(name) else {
                Issue.record("\(chart): unknown element <\(closing ? "/" : "")\(name) at \(i)")
                return
            }
            if closing {
                guard i < chars.count, chars[i] == ">", stack.popLast() == name else {
                    Issue.record("\(chart): bad closing tag \(name) at \(i)")
                    return
                }
                i += 1
                continue
            }
            // Attributes.
            while true {
                while i < chars.count, chars[i] == " " { i += 1 }
                guard i < chars.count else {
                    Issue.record("\(chart): unterminated tag")
                    return
                }
                if chars[i] == ">" {
                    i += 1
                    stack.append(name)
                    break
                }
                var attribute = ""
                while i < chars.count, isNameChar(chars[i]) {
                    attribute.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard !attribute.isEmpty, i + 1 < chars.count, chars[i] == "=", chars[i + 1] == "\"" else {
                    Issue.record("\(chart): bad attribute in <\(name) at \(i)")
                    return
                }
                i += 2
                while i < chars.count, chars[i] != "\"" {
                    guard chars[i] != "<", chars[i] != ">" else {
                        Issue.record("\(chart): < or > inside attribute \(attribute)")
                        return
                    }
                    i += 1
                }
                i += 1
            }
        }
        #expect(stack.isEmpty, "\(chart): unclosed \(stack)")
    }

    static func attribute(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: name + "=\"") else { return nil }
        guard let end = html[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(html[start.upperBound..<end])
    }
}
