import Features

/// A batch's prompt embeddings at the dimension a distance-based detector works in: the shared
/// hashed embedding (``PromptFeatures/embeddings``) folded down and L2-normalised again.
///
/// Folding sums adjacent groups of `f = shared / working` coordinates. The shared embedding
/// puts each hashed feature in coordinate `⌊h·D/2³²⌋` of its 32-bit hash `h`; summing groups of
/// `f` puts it in `⌊⌊h·D/2³²⌋/f⌋ = ⌊h·(D/f)/2³²⌋`, the coordinate a `D/f`-dimensional hashed
/// embedding gives it. So the folded vector, renormalised, *is* the hashed embedding of
/// dimension `D/f` (to float rounding): a coarser embedding of the same features, not a
/// truncation. Distances between folded vectors cost `f` times less.
public struct WorkingEmbeddings: Sendable {
    /// The working dimension.
    public let dimension: Int
    /// Row-major, `count × dimension`; unit vectors, or zero for an empty prompt.
    public private(set) var values: [Float] = []

    /// An empty set of `dimension`-dimensional embeddings.
    public init(dimension: Int) {
        self.dimension = dimension
    }

    /// Refills with the folded embeddings of every row of `features`, keeping the storage.
    ///
    /// - Precondition: `dimension` divides the shared embedding dimension.
    @_optimize(speed)  // the hot path: fast in debug builds too (the test suite runs it)
    public mutating func fill(from features: PromptFeatures) {
        let shared = features.settings.embeddingDimension
        precondition(shared % dimension == 0, "working dimension \(dimension) must divide \(shared)")
        let factor = shared / dimension
        let count = features.count
        let d = dimension
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: repeatElement(0, count: count * d))
        features.embeddings.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for row in 0..<count {
                    let from = row * shared
                    let to = row * d
                    var squares: Float = 0
                    for j in 0..<d {
                        var sum: Float = 0
                        for t in 0..<factor { sum += source[from + j * factor + t] }
                        target[to + j] = sum
                        squares += sum * sum
                    }
                    guard squares > 0 else { continue }
                    let scale = 1 / squares.squareRoot()
                    for j in 0..<d { target[to + j] *= scale }
                }
            }
        }
    }
}
