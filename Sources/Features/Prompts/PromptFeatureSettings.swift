/// The sizes of the shared prompt features. Part of what a result means: recorded in the
/// manifest of every run.
public struct PromptFeatureSettings: Sendable, Hashable, Codable {
    /// Dimension of the hashed embedding (default 256; 64 … 4,096 is sensible).
    public var embeddingDimension: Int
    /// Bins of a MinHash signature (default 64: Jaccard similarity estimated to ±0.06 at one
    /// standard error near 0.5).
    public var minHashBins: Int

    public init(embeddingDimension: Int = 256, minHashBins: Int = 64) {
        self.embeddingDimension = embeddingDimension
        self.minHashBins = minHashBins
    }

    /// The defaults.
    public static let standard = PromptFeatureSettings()

    /// Accepted embedding dimensions.
    public static let dimensionRange = 8...8_192
    /// Accepted MinHash sizes.
    public static let binRange = 8...1_024

    private enum CodingKeys: String, CodingKey {
        case embeddingDimension = "embedding_dimension"
        case minHashBins = "minhash_bins"
    }
}
