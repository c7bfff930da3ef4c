/// The shared prompt features a detector can ask for (DESIGN §4). The runner computes the
/// union of what its detectors declare, once per batch, and hands the same values to each.
public struct PromptFeatureSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The hashed embedding of each prompt (``HashedEmbedding``).
    public static let embedding = PromptFeatureSet(rawValue: 1)
    /// The MinHash signature of each prompt's character 3-grams (``MinHashSignature``).
    public static let minHash = PromptFeatureSet(rawValue: 2)
    /// A 64-bit hash of each prompt's normalised text, for exact repeats.
    public static let textHash = PromptFeatureSet(rawValue: 4)

    /// Every feature.
    public static let all: PromptFeatureSet = [.embedding, .minHash, .textHash]

    /// The names used on the command line and in manifests, in a fixed order.
    public var names: [String] {
        [(PromptFeatureSet.embedding, "embedding"), (.minHash, "minhash"), (.textHash, "text_hash")]
            .filter { contains($0.0) }.map(\.1)
    }
}
