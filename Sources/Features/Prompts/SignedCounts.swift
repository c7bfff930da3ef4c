/// The embedding's integer counts as ``PromptFeaturizer`` keeps them: `dimension` counts of the
/// features that add, then `dimension` of those that subtract. Coordinate `i` is their
/// difference. Read eight coordinates at a time.
struct SignedCounts {
    let counts: UnsafeMutablePointer<Int32>
    let dimension: Int

    init(_ counts: UnsafeMutablePointer<Int32>, dimension: Int) {
        self.counts = counts
        self.dimension = dimension
    }

    /// Coordinate `i`.
    @inline(__always) subscript(i: Int) -> Int32 { counts[i] &- counts[dimension + i] }

    /// Coordinates `i ..< i + 8` as `Float`s.
    @inline(__always)
    func eight(at i: Int) -> SIMD8<Float> {
        let raw = UnsafeRawPointer(counts)
        let adds = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Int32>.self)
        let subtracts = raw.loadUnaligned(fromByteOffset: (dimension + i) * 4, as: SIMD8<Int32>.self)
        return SIMD8<Float>(adds &- subtracts)
    }

    /// The sum of the squares of the coordinates as `Float`s, in lanes of eight: exact while the
    /// true sum is below 2²⁴, and 2²⁴ or more when it is not.
    @inline(__always)
    func squareSum() -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= dimension {
            let values = eight(at: i)
            lanes += values * values
            i += 8
        }
        var tail: Float = 0
        while i < dimension {
            tail += Float(self[i]) * Float(self[i])
            i += 1
        }
        return lanes.sum() + tail
    }

    /// Writes every coordinate times `scale` into `embedding`.
    @inline(__always)
    func write(scaledBy scale: Float, into embedding: UnsafeMutablePointer<Float>) {
        let raw = UnsafeMutableRawPointer(embedding)
        var i = 0
        while i + 8 <= dimension {
            raw.storeBytes(of: eight(at: i) * scale, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < dimension {
            embedding[i] = Float(self[i]) * scale
            i += 1
        }
    }
}
