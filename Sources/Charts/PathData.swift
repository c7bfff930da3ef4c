/// The `d` attribute of a polyline path, thinned to what can be seen.
///
/// Points are rounded to 0.1 px; repeated points are dropped, and so are the inner points of
/// straight runs that share an x or a y (a step curve over thousands of thresholds keeps only
/// its corners). The same input always gives the same text.
enum PathData {
    static func polyline(_ points: [(x: Double, y: Double)]) -> String {
        var kept: [(x: Double, y: Double)] = []
        for point in points {
            let next = (x: (point.x * 10).rounded() / 10, y: (point.y * 10).rounded() / 10)
            if let last = kept.last, last == next { continue }
            if kept.count >= 2 {
                let a = kept[kept.count - 2]
                let b = kept[kept.count - 1]
                let vertical = a.x == b.x && b.x == next.x && between(b.y, a.y, next.y)
                let horizontal = a.y == b.y && b.y == next.y && between(b.x, a.x, next.x)
                if vertical || horizontal {
                    kept[kept.count - 1] = next
                    continue
                }
            }
            kept.append(next)
        }
        var d = ""
        for (index, point) in kept.enumerated() {
            d += (index == 0 ? "M" : "L") + ChartNumberFormat.pixel(point.x) + " " + ChartNumberFormat.pixel(point.y)
        }
        return d
    }

    private static func between(_ value: Double, _ a: Double, _ b: Double) -> Bool {
        min(a, b) <= value && value <= max(a, b)
    }
}
