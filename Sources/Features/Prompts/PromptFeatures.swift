import Dispatch
import Traffic

/// The shared prompt features of one batch (DESIGN §4), row-major: request `i`'s embedding is
/// `embeddings[i * dimension ..< (i + 1) * dimension]`, its signature
/// `signatures[i * bins ..< (i + 1) * bins]`, its text hash `textHashes[i]`. Arrays of features
/// nobody asked for are empty.
public struct PromptFeatures: Sendable {
    /// What was computed.
    public let computed: PromptFeatureSet
    /// The sizes.
    public let settings: PromptFeatureSettings
    /// Requests covered.
    public let count: Int
    /// L2-normalised hashed embeddings, `count × settings.embeddingDimension`.
    public private(set) var embeddings: [Float] = []
    /// MinHash signatures, `count × settings.minHashBins`.
    public private(set) var signatures: [UInt32] = []
    /// Hashes of the normalised texts.
    public private(set) var textHashes: [UInt64] = []

    /// No features (for detectors that need none).
    public static let none = PromptFeatures(computed: [], settings: .standard, count: 0)

    private init(computed: PromptFeatureSet, settings: PromptFeatureSettings, count: Int) {
        self.computed = computed
        self.settings = settings
        self.count = count
    }

    /// The features `needs` of every prompt of `batch`, computed on up to `threads` threads over
    /// contiguous slices (the values do not depend on the thread count).
    public init(of batch: RequestBatch, needs: PromptFeatureSet, settings: PromptFeatureSettings = .standard, threads: Int = 1) {
        self.init(computed: needs, settings: settings, count: needs.isEmpty ? 0 : batch.count)
        guard !needs.isEmpty, batch.count > 0 else { return }
        let count = batch.count
        let dimension = needs.contains(.embedding) ? settings.embeddingDimension : 0
        let bins = needs.contains(.minHash) ? settings.minHashBins : 0
        // Every value is written below: no need to zero them first.
        var embeddings = Self.unwritten(Float.self, count: count * dimension)
        var signatures = Self.unwritten(UInt32.self, count: count * bins)
        var hashes = Self.unwritten(UInt64.self, count: needs.contains(.textHash) ? count : 0)
        let featurizer = PromptFeaturizer(needs: needs, settings: settings)
        let slices = max(1, min(threads, count / 512))
        embeddings.withUnsafeMutableBufferPointer { embeddingBuffer in
            signatures.withUnsafeMutableBufferPointer { signatureBuffer in
                hashes.withUnsafeMutableBufferPointer { hashBuffer in
                    // An empty array's buffer may still have an address: take it only when asked for.
                    nonisolated(unsafe) let embeddingBase = dimension > 0 ? embeddingBuffer.baseAddress : nil
                    nonisolated(unsafe) let signatureBase = bins > 0 ? signatureBuffer.baseAddress : nil
                    nonisolated(unsafe) let hashBase = hashBuffer.isEmpty ? nil : hashBuffer.baseAddress
                    let work: @Sendable (Int) -> Void = { slice in
                        let lower = count * slice / slices
                        let upper = count * (slice + 1) / slices
                        var scratch = FeaturizerScratch(settings: settings)
                        defer { scratch.deallocate() }
                        FoldedScalar.table.withUnsafeBufferPointer { table in
                            batch.prompts.bytes.withUnsafeBufferPointer { bytes in
                                for row in lower..<upper {
                                    let range = batch.prompts.range(row)
                                    let hash = featurizer.compute(
                                        UnsafeBufferPointer(rebasing: bytes[range]),
                                        embedding: embeddingBase.map { $0 + row * dimension },
                                        signature: signatureBase.map { $0 + row * bins }, table: table, scratch: &scratch)
                                    if let hashBase { hashBase[row] = hash }
                                }
                            }
                        }
                    }
                    if slices == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: slices, execute: work) }
                }
            }
        }
        self.embeddings = embeddings
        self.signatures = signatures
        textHashes = hashes
    }

    /// An array of `count` plain values that are about to be written.
    private static func unwritten<Value: BitwiseCopyable>(_: Value.Type, count: Int) -> [Value] {
        [Value](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// The embedding of request `row`.
    @inlinable public func embedding(_ row: Int) -> ArraySlice<Float> {
        let dimension = settings.embeddingDimension
        return embeddings[row * dimension..<(row + 1) * dimension]
    }

    /// The MinHash signature of request `row`.
    @inlinable public func signature(_ row: Int) -> ArraySlice<UInt32> {
        let bins = settings.minHashBins
        return signatures[row * bins..<(row + 1) * bins]
    }

    /// The estimated Jaccard similarity of two signatures' 3-gram sets: the share of equal bins.
    public static func similarity(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Double {
        guard !a.isEmpty, a.count == b.count else { return 0 }
        var equal = 0
        for (x, y) in zip(a, b) where x == y { equal += 1 }
        return Double(equal) / Double(a.count)
    }
}
