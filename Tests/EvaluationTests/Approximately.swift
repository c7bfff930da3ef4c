/// Whether `actual` is within `tolerance` of `expected` (infinities must match exactly).
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    if actual == expected { return true }
    guard actual.isFinite, expected.isFinite else { return false }
    return abs(actual - expected) <= tolerance
}
