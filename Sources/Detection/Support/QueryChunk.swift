/// Up to `size` consecutive queries of one account, with their distances to the account's
/// ring computed in one pass (``VectorRing/partialDistances(_:count:into:stride:)``) and to
/// one another on demand.
///
/// A detector walks the chunk's queries in order; query `c` sees the ring less the slots
/// evicted by the chunk's earlier appends (``VectorRing/survivingSlots(afterEvicting:)``) plus
/// the earlier queries of the chunk it has appended; the appends themselves are made after the
/// chunk. That is exactly what one-query-at-a-time processing sees, at a fraction of the
/// memory traffic. A chunk never holds more queries than the ring's capacity, so its appends
/// can only evict slots that were in the ring before it.
struct QueryChunk {
    /// Coordinates per query.
    let dimension: Int
    /// The most queries in a chunk.
    let size: Int
    /// Row length of ``partial``: the ring's capacity rounded up to whole blocks.
    let stride: Int
    /// Queries held.
    private(set) var count = 0
    /// Each query's coordinates repeated four times, `size × dimension`.
    private var splats: [SIMD4<Float>]
    /// Each query's coordinates, `size × dimension`.
    private var vectors: [Float]
    /// Each query's squared norm.
    private(set) var norms: [Float]
    /// `‖g‖² − 2 q·g` of each query to each ring slot, `size × stride`.
    private var partial: [Float]

    /// Room for chunks of up to `size` queries against rings of up to `capacity` vectors.
    init(dimension: Int, size: Int, capacity: Int) {
        self.dimension = dimension
        self.size = max(1, min(size, capacity))
        stride = (capacity + VectorRing.lanes - 1) / VectorRing.lanes * VectorRing.lanes
        splats = [SIMD4<Float>](repeating: SIMD4(), count: self.size * dimension)
        vectors = [Float](repeating: 0, count: self.size * dimension)
        norms = [Float](repeating: 0, count: self.size)
        partial = [Float](repeating: 0, count: self.size * stride)
    }

    /// Loads the queries at `rows` (at most ``size``; row `r`'s coordinates at
    /// `base + r · dimension`) and their partial distances to `ring`.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    mutating func load(_ rows: ArraySlice<Int>, from base: UnsafePointer<Float>, against ring: VectorRing) {
        let d = dimension
        count = rows.count
        splats.withUnsafeMutableBufferPointer { splats in
            vectors.withUnsafeMutableBufferPointer { vectors in
                for (c, row) in rows.enumerated() {
                    let source = base + row * d
                    var norm: Float = 0
                    for j in 0..<d {
                        let value = source[j]
                        splats[c * d + j] = SIMD4(repeating: value)
                        vectors[c * d + j] = value
                        norm += value * value
                    }
                    norms[c] = norm
                }
            }
        }
        guard ring.count > 0 else { return }
        splats.withUnsafeBufferPointer { splats in
            partial.withUnsafeMutableBufferPointer { partial in
                guard let splatBase = splats.baseAddress, let partialBase = partial.baseAddress else { return }
                ring.partialDistances(splatBase, count: count, into: partialBase, stride: stride)
            }
        }
    }

    /// Appends query `c` to `ring`.
    func append(_ c: Int, to ring: inout VectorRing) {
        vectors.withUnsafeBufferPointer { vectors in
            guard let base = vectors.baseAddress else { return }
            ring.append(base + c * dimension)
        }
    }

    /// The squared distance between queries `c` and `j` of the chunk.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    func squaredDistance(_ c: Int, _ j: Int) -> Float {
        let d = dimension
        return vectors.withUnsafeBufferPointer { vectors in
            var dot: Float = 0
            for i in 0..<d { dot += vectors[c * d + i] * vectors[j * d + i] }
            return max(norms[c] + norms[j] - 2 * dot, 0)  // +0, never −0: see `distances`
        }
    }

    /// The smallest squared distance from query `c` to the ring slots in `slots`; +∞ if none.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    func minimum(_ c: Int, over slots: (Range<Int>, Range<Int>)) -> Float {
        let norm = norms[c]
        return partial.withUnsafeBufferPointer { partial in
            guard let base = partial.baseAddress else { return .infinity }
            let row = base + c * stride
            return max(min(Self.minimum(row, slots.0), Self.minimum(row, slots.1)) + norm, 0)
        }
    }

    /// The smallest of `row[range]`; +∞ if the range is empty.
    @_optimize(speed)
    private static func minimum(_ row: UnsafePointer<Float>, _ range: Range<Int>) -> Float {
        var best = SIMD4<Float>(repeating: .infinity)
        var tail = Float.infinity
        var i = range.lowerBound
        while i &+ 4 <= range.upperBound {
            let values = UnsafeRawPointer(row + i).loadUnaligned(as: SIMD4<Float>.self)
            best = best.replacing(with: values, where: values .< best)
            i &+= 4
        }
        while i < range.upperBound {
            tail = min(tail, row[i])
            i &+= 1
        }
        return min(best.min(), tail)
    }

    /// Writes the squared distances from query `c` to the ring slots in `slots` that are at
    /// most `bound` (all of them for +∞) to `out`; returns how many. Branch-free: for
    /// non-negative floats the bit patterns order as the values do, and `bound − value` in
    /// UInt32 has its top bit set exactly when `value > bound`. (Distances are clamped with
    /// `max(x, 0)`, which gives +0 for −0, whose bit pattern would not order.)
    ///
    /// - Parameter out: room for `stride` values.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    func distances(_ c: Int, over slots: (Range<Int>, Range<Int>), atMost bound: Float, into out: UnsafeMutablePointer<Float>) -> Int {
        let norm = norms[c]
        let stride = stride
        return partial.withUnsafeBufferPointer { partial in
            guard let base = partial.baseAddress else { return 0 }
            return Self.distances(base + c * stride, norm: norm, over: slots, atMost: bound, into: out, middle: stride / 2)
        }
    }

    /// The kernel of ``distances(_:over:atMost:into:)`` on one row of partial distances.
    @_optimize(speed)
    private static func distances(
        _ row: UnsafePointer<Float>, norm: Float, over slots: (Range<Int>, Range<Int>), atMost bound: Float,
        into out: UnsafeMutablePointer<Float>, middle: Int
    ) -> Int {
        let boundBits = bound.bitPattern
        // Two independent streams (the first half of the slots from the front of `out`, the
        // second from its middle), so that each store does not wait on the previous count.
        let first = slots.0.count
        let total = first &+ slots.1.count
        let half = total / 2
        var front = 0
        var back = middle
        @inline(__always) func slot(_ position: Int) -> Int {
            position < first ? slots.0.lowerBound &+ position : slots.1.lowerBound &+ position &- first
        }
        @inline(__always) func keep(_ value: Float) -> Int {
            Int(truncatingIfNeeded: 1 &- ((boundBits &- value.bitPattern) >> 31))
        }
        for position in 0..<half {
            let a = Swift.max(row[slot(position)] + norm, 0)
            let b = Swift.max(row[slot(position &+ half)] + norm, 0)
            out[front] = a
            out[back] = b
            front &+= keep(a)
            back &+= keep(b)
        }
        if total > 2 &* half {
            let value = Swift.max(row[slot(total &- 1)] + norm, 0)
            out[back] = value
            back &+= keep(value)
        }
        // Close the gap between the two streams.
        for i in middle..<back {
            out[front] = out[i]
            front &+= 1
        }
        return front
    }

    /// `count` squared distances from query `c` to ring slots spread evenly over `slots`,
    /// written to `out`.
    ///
    /// - Precondition: `slots` hold at least one slot.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    func sample(_ c: Int, over slots: (Range<Int>, Range<Int>), count: Int, into out: UnsafeMutablePointer<Float>) {
        let first = slots.0.count
        let total = first + slots.1.count
        let norm = norms[c]
        let row = c * stride
        partial.withUnsafeBufferPointer { partial in
            for i in 0..<count {
                let position = i * total / count
                let slot = position < first ? slots.0.lowerBound + position : slots.1.lowerBound + position - first
                out[i] = Swift.max(partial[row + slot] + norm, 0)
            }
        }
    }
}
