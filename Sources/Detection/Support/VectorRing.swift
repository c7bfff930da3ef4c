/// One account's most recent vectors, at most `capacity` of them (the oldest is overwritten
/// first), laid out for scanning: in blocks of eight vectors stored coordinate by coordinate
/// (`block[j·8 + lane]` is coordinate `j` of the block's vector `lane`), so that one pass
/// computes eight dot products in SIMD lanes with no horizontal sums. Memory: at most
/// `⌈capacity/8⌉·8 × (dimension + 1)` floats, and nothing until the first vector.
public struct VectorRing: Sendable {
    /// Vectors per block.
    public static var lanes: Int { 8 }

    /// Coordinates per vector.
    public let dimension: Int
    /// The most vectors kept.
    public let capacity: Int
    /// Blocks of `dimension × 8` coordinates.
    private var storage: [Float] = []
    /// Each slot's squared L2 norm; +∞ in lanes not yet filled, so that they never come near.
    private var squaredNorms: [Float] = []
    /// The number of vectors held.
    public private(set) var count = 0
    /// The slot the next vector overwrites once the ring is full: the oldest (0 until then).
    public private(set) var oldest = 0

    /// An empty ring.
    public init(dimension: Int, capacity: Int) {
        self.dimension = dimension
        self.capacity = capacity
    }

    /// `count` rounded up to whole blocks: the length of a row of ``partialDistances(_:count:into:stride:)``.
    public var paddedCount: Int { (count + Self.lanes - 1) / Self.lanes * Self.lanes }

    /// Adds `vector` (`dimension` coordinates), dropping the oldest if the ring is full.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    public mutating func append(_ vector: UnsafePointer<Float>) {
        let d = dimension
        let lanes = Self.lanes
        var slot = oldest
        if count < capacity {
            slot = count
            if slot % lanes == 0 {
                let blocks = (capacity + lanes - 1) / lanes
                if storage.count + d * lanes > storage.capacity {
                    // Grow geometrically, but never past the cap.
                    storage.reserveCapacity(min(blocks * d * lanes, max(2 * storage.capacity, 4 * d * lanes)))
                    squaredNorms.reserveCapacity(min(blocks * lanes, max(2 * squaredNorms.capacity, 4 * lanes)))
                }
                storage.append(contentsOf: repeatElement(0, count: d * lanes))
                squaredNorms.append(contentsOf: repeatElement(.infinity, count: lanes))
            }
            count += 1
        } else {
            oldest = oldest + 1 == capacity ? 0 : oldest + 1
        }
        let base = (slot / lanes) * d * lanes + slot % lanes
        var norm: Float = 0
        storage.withUnsafeMutableBufferPointer { target in
            for j in 0..<d {
                target[base + j * lanes] = vector[j]
                norm += vector[j] * vector[j]
            }
        }
        squaredNorms[slot] = norm
    }

    /// The slots still held after the next `evictions` appends have each dropped the oldest
    /// (as slot ranges; the second may be empty).
    ///
    /// - Precondition: `evictions ≤ count`, and evictions happen only once the ring is full.
    public func survivingSlots(afterEvicting evictions: Int) -> (Range<Int>, Range<Int>) {
        guard evictions > 0 else { return (0..<count, 0..<0) }
        let start = oldest + evictions
        if start <= count { return (start..<count, 0..<oldest) }
        return ((start - count)..<oldest, 0..<0)
    }

    /// For each of `count` queries, `‖g‖² − 2 q·g` for every slot `g` (the squared distance
    /// less `‖q‖²`), written to `out[c·stride + slot]` for `slot < paddedCount` (+∞ in unfilled
    /// lanes). The ring is read once for all the queries, which is what makes a chunk of an
    /// account's queries cheap: each block of the ring stays in cache while they all use it.
    ///
    /// - Parameters:
    ///   - splats: the queries' coordinates each repeated four times, `count × dimension`.
    ///   - stride: at least ``paddedCount``.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    public func partialDistances(
        _ splats: UnsafePointer<SIMD4<Float>>, count queries: Int, into out: UnsafeMutablePointer<Float>, stride: Int
    ) {
        let blocks = (count + Self.lanes - 1) / Self.lanes
        storage.withUnsafeBufferPointer { vectors in
            squaredNorms.withUnsafeBufferPointer { norms in
                guard let vectorBase = vectors.baseAddress, let normBase = norms.baseAddress else { return }
                Self.partialDistances(
                    UnsafeRawPointer(vectorBase), norms: UnsafeRawPointer(normBase), blocks: blocks, dimension: dimension,
                    splats, count: queries, into: out, stride: stride)
            }
        }
    }

    /// The kernel of ``partialDistances(_:count:into:stride:)`` on raw storage (a function of
    /// its own, outside any closure, so that `@_optimize(speed)` covers it).
    @_optimize(speed)
    private static func partialDistances(
        _ raw: UnsafeRawPointer, norms rawNorms: UnsafeRawPointer, blocks: Int, dimension d: Int,
        _ splats: UnsafePointer<SIMD4<Float>>, count queries: Int, into out: UnsafeMutablePointer<Float>, stride: Int
    ) {
        for block in 0..<blocks {
            let start = block &* d &* (Self.lanes &* 4)
            let normLow = rawNorms.loadUnaligned(fromByteOffset: block &* 32, as: SIMD4<Float>.self)
            let normHigh = rawNorms.loadUnaligned(fromByteOffset: block &* 32 &+ 16, as: SIMD4<Float>.self)
            var c = 0
            // Four queries at a time: each coordinate of the block is loaded once for all four,
            // and eight independent sums keep the adders busy.
            while c &+ 4 <= queries {
                let q0 = splats + c &* d
                let q1 = q0 + d
                let q2 = q1 + d
                let q3 = q2 + d
                var low0 = SIMD4<Float>(), high0 = SIMD4<Float>(), low1 = SIMD4<Float>(), high1 = SIMD4<Float>()
                var low2 = SIMD4<Float>(), high2 = SIMD4<Float>(), low3 = SIMD4<Float>(), high3 = SIMD4<Float>()
                for j in 0..<d {
                    let offset = start &+ j &* 32
                    let low = raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                    let high = raw.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<Float>.self)
                    low0 += q0[j] * low
                    high0 += q0[j] * high
                    low1 += q1[j] * low
                    high1 += q1[j] * high
                    low2 += q2[j] * low
                    high2 += q2[j] * high
                    low3 += q3[j] * low
                    high3 += q3[j] * high
                }
                let row = out + (c &* stride &+ block &* 8)
                store(normLow - 2 * low0, normHigh - 2 * high0, at: row)
                store(normLow - 2 * low1, normHigh - 2 * high1, at: row + stride)
                store(normLow - 2 * low2, normHigh - 2 * high2, at: row + 2 &* stride)
                store(normLow - 2 * low3, normHigh - 2 * high3, at: row + 3 &* stride)
                c &+= 4
            }
            while c < queries {
                let q0 = splats + c &* d
                var low0 = SIMD4<Float>(), high0 = SIMD4<Float>()
                for j in 0..<d {
                    let offset = start &+ j &* 32
                    low0 += q0[j] * raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                    high0 += q0[j] * raw.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<Float>.self)
                }
                store(normLow - 2 * low0, normHigh - 2 * high0, at: out + (c &* stride &+ block &* 8))
                c &+= 1
            }
        }
    }

    @inline(__always)
    private static func store(_ low: SIMD4<Float>, _ high: SIMD4<Float>, at target: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(target).storeBytes(of: low, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(target + 4).storeBytes(of: high, as: SIMD4<Float>.self)
    }
}
