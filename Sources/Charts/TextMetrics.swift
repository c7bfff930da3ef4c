/// Rough text widths for layout: no font is measured, so labels get a generous average advance.
enum TextMetrics {
    /// Estimated width of `s` at `size` px in a sans-serif font.
    static func width(_ s: String, size: Double) -> Double {
        Double(s.count) * size * 0.6
    }

    /// How many characters fit in `width` px at `size` px (at least 4).
    static func characters(fitting width: Double, size: Double) -> Int {
        max(4, Int(width / (size * 0.6)))
    }
}
