import Testing

@testable import Charts

/// Escaping, number formats and ticks.
struct AxisAndFormatTests {
    @Test func escapingCoversMarkupQuotesAndControls() {
        #expect(Escaping.html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(Escaping.html("&lt;") == "&amp;lt;")
        #expect(Escaping.html("\u{1B}[31m") == "\\u{1B}[31m")
        #expect(Escaping.html("a\u{0}b") == "a\\u{00}b")
        #expect(Escaping.html("\u{7F}\u{85}\u{9F}\r") == "\\u{7F}\\u{85}\\u{9F}\\u{0D}")
        #expect(Escaping.html("x\u{2028}y\u{2029}\u{202E}") == "x\\u{2028}y\\u{2029}\\u{202E}")
        #expect(Escaping.html("tab\tnew\nline é 日本 🙂") == "tab\tnew\nline é 日本 🙂")
    }

    @Test func truncationBoundsLabels() {
        #expect(Escaping.truncated("short", to: 10) == "short")
        #expect(Escaping.truncated("exactly10!", to: 10) == "exactly10!")
        #expect(Escaping.truncated("exactly 11!", to: 10) == "exactly 1…")
        #expect(Escaping.truncated(String(repeating: "x", count: 10_240), to: 24).count == 24)
        // One grapheme with thousands of combining marks does not pass whole.
        let zalgo = "a" + String(repeating: "\u{0301}", count: 5_000) + "b"
        #expect(Escaping.truncated(zalgo, to: 10).unicodeScalars.count <= 41)
        #expect(Escaping.truncated("abc", to: 0) == "…")
    }

    @Test(arguments: [
        (0.0, "0"), (0.05, "0.05"), (0.125, "0.125"), (12.5, "12.5"), (999.0, "999"), (1000.0, "1k"),
        (2_500_000.0, "2.5M"), (999_999.0, "1M"), (12_345.0, "12.3k"), (3e9, "3B"), (1e-4, "1e-4"),
        (2.5e-5, "2.5e-5"), (-1500.0, "-1.5k"), (0.001, "0.001"), (1e15, "1e15"), (0.9995, "1"),
    ])
    func compactNumbers(_ value: Double, _ text: String) {
        #expect(ChartNumberFormat.compact(value) == text)
    }

    @Test func exactAndFixedNumbers() {
        #expect(ChartNumberFormat.exact(1234567) == "1234567")
        #expect(ChartNumberFormat.exact(0.1) == "0.1")
        #expect(ChartNumberFormat.exact(-0.0) == "0")
        #expect(ChartNumberFormat.fixed(0.30000000000000004, decimals: 1) == "0.3")
        #expect(ChartNumberFormat.fixed(-0.04, decimals: 1) == "0")
        #expect(ChartNumberFormat.fixed(-2.25, decimals: 2) == "-2.25")
        #expect(ChartNumberFormat.fixed(0.007, decimals: 3) == "0.007")
        #expect(ChartNumberFormat.compact(.nan) == "n/a")
    }

    @Test(arguments: [
        (0.0, 1.0), (0.0, 0.93), (-3.2, 7.9), (0.0013, 0.0042), (12.0, 12.0), (0.0, 29_350_033_497.0), (1e-6, 3e-6),
        (-500.0, -20.0), (17.0, 1023.0),
    ])
    func linearTicksAreNiceAndCoverTheData(_ low: Double, _ high: Double) throws {
        let scale = try #require(AxisScale(axis: ChartAxis(label: "x"), values: [low, high], tickCount: 5))
        #expect(scale.lower <= low && scale.upper >= high)
        #expect(scale.ticks.count >= 2 && scale.ticks.count <= 12)
        let values = scale.ticks.map(\.value)
        let step = values[1] - values[0]
        let exponent = ChartNumberFormat.decade(step)
        let mantissa = (step / ChartNumberFormat.powerOfTen(exponent)).rounded()
        #expect([1.0, 2, 5].contains(mantissa), "step \(step)")
        for value in values {
            let multiple = value / step
            #expect(abs(multiple - multiple.rounded()) < 1e-6, "\(value) is not a multiple of \(step)")
        }
        #expect(Set(scale.ticks.map(\.label)).count == scale.ticks.count, "labels \(scale.ticks.map(\.label))")
    }

    @Test func fixedRangeTicks() throws {
        let scale = try #require(AxisScale(axis: ChartAxis(label: "rate", range: 0...1), values: [0.2, 0.4], tickCount: 5))
        #expect(scale.lower == 0 && scale.upper == 1)
        #expect(scale.ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        let big = try #require(AxisScale(axis: ChartAxis(label: "tokens"), values: [0, 4_400_000], tickCount: 5))
        #expect(big.ticks.map(\.label) == ["0", "1M", "2M", "3M", "4M", "5M"])
    }

    @Test func countsTickOnWholeNumbers() throws {
        let counts = try #require(AxisScale(axis: ChartAxis(label: "accounts", includesZero: true, wholeNumbers: true), values: [2]))
        #expect(counts.ticks.map(\.label) == ["0", "1", "2"])
        let rates = try #require(AxisScale(axis: ChartAxis(label: "rate", includesZero: true), values: [2]))
        #expect(rates.ticks.map(\.label) == ["0", "0.5", "1", "1.5", "2"])
    }

    @Test func logTicksAreDecadesWithTwoAndFive() throws {
        let scale = try #require(AxisScale(axis: ChartAxis(label: "rps", scale: .log), values: [0, -5, 12_500, 4_200_000]))
        #expect(scale.lower == 10_000 && scale.upper == 10_000_000)
        #expect(scale.ticks.filter(\.isMajor).map(\.label) == ["10k", "100k", "1M", "10M"])
        #expect(scale.ticks.filter { !$0.isMajor }.map(\.label) == ["20k", "50k", "200k", "500k", "2M", "5M"])
        let small = try #require(AxisScale(axis: ChartAxis(label: "fpr", scale: .log, range: 1e-4...1), values: []))
        #expect(small.ticks.filter(\.isMajor).map(\.label) == ["1e-4", "0.001", "0.01", "0.1", "1"])
        #expect(AxisScale(axis: ChartAxis(label: "x", scale: .log), values: [0, -1, .nan]) == nil)
        #expect(small.fraction(0.01) == 0.5)
    }

    @Test func crowdedLabelsAreThinned() throws {
        let scale = try #require(AxisScale(axis: ChartAxis(label: "x", scale: .log), values: [1e-6, 1e9]))
        let area = PlotArea(left: 0, top: 0, width: 300, height: 100)
        let positions = scale.ticks.map { area.x(scale.fraction($0.value)) }
        let shown = AxisDrawing.placeLabels(scale.ticks, positions: positions) { TextMetrics.width($0, size: 11) + 8 }
        var spans: [(Double, Double)] = []
        for (index, tick) in scale.ticks.enumerated() where shown[index] {
            let half = (TextMetrics.width(tick.label, size: 11) + 8) / 2
            spans.append((positions[index] - half, positions[index] + half))
        }
        for a in spans.indices { for b in spans.indices where a < b { #expect(spans[a].1 <= spans[b].0 || spans[a].0 >= spans[b].1) } }
        #expect(spans.count >= 4)
    }
}
