/// Series colours and dash patterns, fixed per series index across every chart of a report.
///
/// Colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), safe for
/// the common forms of colour blindness. Each index also gets a dash pattern, so lines stay
/// apart in greyscale print; past eight series the colours repeat with other dash patterns
/// (eleven patterns against eight colours: the pair is unique for the first 88 indices).
public enum ChartPalette {
    /// The eight Okabe–Ito colours, in their customary order.
    public static let colours = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

    /// SVG `stroke-dasharray` values; the empty string is a solid line.
    public static let dashes = [
        "", "7 3", "2 2", "9 3 2 3", "4 4", "12 4", "1 3", "7 2 2 2 2 2", "5 2 1 2", "14 3 3 3", "3 5",
    ]

    /// The colour of series `index` (negative indices count as 0).
    public static func colour(at index: Int) -> String {
        colours[max(index, 0) % colours.count]
    }

    /// The dash pattern of series `index`: "" (solid) or an SVG `stroke-dasharray` value.
    public static func dash(at index: Int) -> String {
        dashes[max(index, 0) % dashes.count]
    }

    /// Dark text, mid-grey axes and light grid lines, readable when printed.
    static let text = "#1A1A1A"
    static let mutedText = "#555555"
    static let axis = "#444444"
    static let grid = "#DDDDDD"
    static let minorGrid = "#EEEEEE"
    static let neutralFill = "#8C96A3"
}
