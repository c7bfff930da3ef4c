/// The `d` attribute of a polyline path, thinned to what can be seen.
///
/// Points are rounded to 0.1 px; repeated points are dropped, and so are the inner points of
/// straight runs that share an x or a y (a step curve over thousands of thresholds keeps only
/// its corners). What is left is simplified by Ramer–Douglas–Peucker with a 0.25 px tolerance,
/// so a smooth curve over 100,000 thresholds costs a few hundred points. The same input always
/// gives the same text.
enum PathData {
    typealias Point = (x: Double, y: Double)

    /// Largest distance, in px, of a dropped point from the simplified line.
    static let tolerance = 0.25

    static func polyline(_ points: [Point]) -> String {
        var d = ""
        for (index, point) in simplified(thinned(points)).enumerated() {
            d += (index == 0 ? "M" : "L") + ChartNumberFormat.pixel(point.x) + " " + ChartNumberFormat.pixel(point.y)
        }
        return d
    }

    /// Rounded to 0.1 px, without repeats or the inner points of horizontal and vertical runs.
    static func thinned(_ points: [Point]) -> [Point] {
        var kept: [Point] = []
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
        return kept
    }

    /// Ramer–Douglas–Peucker (Douglas & Peucker, 1973), iterative, distances to the segment.
    static func simplified(_ points: [Point]) -> [Point] {
        guard points.count > 2 else { return points }
        var keep = Array(repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var pending = [(0, points.count - 1)]
        while let (first, last) = pending.popLast() {
            guard last > first + 1 else { continue }
            var farthest = first
            var distance = -1.0
            for index in (first + 1)..<last {
                let d = segmentDistance(points[index], points[first], points[last])
                if d > distance {
                    distance = d
                    farthest = index
                }
            }
            if distance > tolerance {
                keep[farthest] = true
                pending.append((first, farthest))
                pending.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    private static func segmentDistance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = dx * dx + dy * dy
        var t = length > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length : 0
        t = min(max(t, 0), 1)
        let ex = a.x + t * dx - p.x
        let ey = a.y + t * dy - p.y
        return (ex * ex + ey * ey).squareRoot()
    }

    private static func between(_ value: Double, _ a: Double, _ b: Double) -> Bool {
        min(a, b) <= value && value <= max(a, b)
    }
}
