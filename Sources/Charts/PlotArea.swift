/// The rectangle, in SVG pixels, where a chart draws its data.
struct PlotArea: Equatable {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The x pixel of a 0…1 fraction along the width.
    func x(_ fraction: Double) -> Double { left + fraction * width }

    /// The y pixel of a 0…1 fraction up the height (0 at the bottom).
    func y(_ fraction: Double) -> Double { bottom - fraction * height }
}
