/// Whether `actual` is within `absolute` or `relative · |expected|` of `expected` (after
/// swift-numerics' `isApproximatelyEqual`); infinities must match exactly.
func isClose(_ actual: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
    if actual == expected { return true }
    guard actual.isFinite, expected.isFinite else { return false }
    return abs(actual - expected) <= Swift.max(absolute, relative * abs(expected))
}
