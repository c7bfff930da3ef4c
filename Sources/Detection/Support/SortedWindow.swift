/// The most recent `capacity` values of one account, kept both in arrival order (to know which
/// to drop) and sorted (so that order statistics, trimmed ranges and tests that need a sorted
/// sample cost no sort). Adding a value costs one binary search and one move of at most
/// `capacity` values. Memory: two arrays of at most `capacity` values, nothing until the first.
public struct SortedWindow: Sendable {
    /// The most values kept.
    public let capacity: Int
    /// Arrival order, as a ring.
    private var arrivals: [Double] = []
    /// The slot of the oldest arrival once the ring is full.
    private var oldest = 0
    /// The same values, ascending.
    public private(set) var sorted: [Double] = []

    /// An empty window.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of values held.
    public var count: Int { sorted.count }

    /// Adds `value` (finite), dropping the oldest if the window is full.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    public mutating func append(_ value: Double) {
        if arrivals.count < capacity {
            arrivals.append(value)
        } else {
            let dropped = arrivals[oldest]
            arrivals[oldest] = value
            oldest = oldest + 1 == capacity ? 0 : oldest + 1
            sorted.remove(at: Self.firstIndex(notBelow: dropped, in: sorted))
        }
        sorted.insert(value, at: Self.firstIndex(notBelow: value, in: sorted))
    }

    /// The mean and population standard deviation of the held values (two passes).
    public func meanAndDeviation() -> (mean: Double, deviation: Double) {
        guard !sorted.isEmpty else { return (.nan, .nan) }
        let n = Double(sorted.count)
        let mean = sorted.reduce(0, +) / n
        let squares = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / n).squareRoot())
    }

    /// The indices of the sorted values strictly between `lower` and `upper`.
    public func range(above lower: Double, below upper: Double) -> Range<Int> {
        let start = Self.firstIndex(above: lower, in: sorted)
        let end = Self.firstIndex(notBelow: upper, in: sorted)
        return start..<max(start, end)
    }

    /// The first index whose value is ≥ `value` (`values.count` if none).
    @inline(__always)
    static func firstIndex(notBelow value: Double, in values: [Double]) -> Int {
        partitionPoint(values) { $0 < value }
    }

    /// The first index whose value is > `value` (`values.count` if none).
    @inline(__always)
    static func firstIndex(above value: Double, in values: [Double]) -> Int {
        partitionPoint(values) { $0 <= value }
    }

    /// The first index of ascending `values` where `before` stops holding (binary search).
    @inline(__always)
    private static func partitionPoint(_ values: [Double], where before: (Double) -> Bool) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if before(values[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
