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
    func squaredDistance(_ c: Int, _ j: Int) -> Float {
        let d = dimension
        return vectors.withUnsafeBufferPointer { vectors in
            var dot: Float = 0
            for i in 0..<d { dot += vectors[c * d + i] * vectors[j * d + i] }
            return max(0, norms[c] + norms[j] - 2 * dot)
        }
    }

    /// The smallest squared distance from query `c` to the ring slots in `slots`; +∞ if none.
    func minimum(_ c: Int, over slots: (Range<Int>, Range<Int>)) -> Float {
        partial.withUnsafeBufferPointer { partial in
            let row = c * stride
            var best = SIMD4<Float>(repeating: .infinity)
            var tail = Float.infinity
            func scan(_ range: Range<Int>) {
                var i = range.lowerBound
                while i + 4 <= range.upperBound {
                    let values = SIMD4(partial[row + i], partial[row + i + 1], partial[row + i + 2], partial[row + i + 3])
                    best = best.replacing(with: values, where: values .< best)
                    i += 4
                }
                while i < range.upperBound {
                    tail = min(tail, partial[row + i])
                    i += 1
                }
            }
            scan(slots.0)
            scan(slots.1)
            return max(0, min(best.min(), tail) + norms[c])
        }
    }

    /// Writes the squared distances from query `c` to the ring slots in `slots` that are below
    /// `cutoff` (all of them for +∞) to `out`, from `out[start]`; returns the new end.
    func collect(
        _ c: Int, over slots: (Range<Int>, Range<Int>), below cutoff: Float, into out: UnsafeMutablePointer<Float>, start: Int
    ) -> Int {
        partial.withUnsafeBufferPointer { partial in
            var end = start
            let norm = norms[c]
            let row = c * stride
            func scan(_ range: Range<Int>) {
                for i in range {
                    let value = max(0, partial[row + i] + norm)
                    out[end] = value
                    end += value < cutoff ? 1 : 0
                }
            }
            scan(slots.0)
            scan(slots.1)
            return end
        }
    }
}
