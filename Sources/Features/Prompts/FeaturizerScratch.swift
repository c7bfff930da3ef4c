/// The working memory of ``PromptFeaturizer`` on one thread: one prompt's normalised scalars
/// and token hashes (at most one of each per byte, plus room for one speculative store), the
/// embedding's integer counts (features that add, then features that subtract) and the empty
/// MinHash bins. Grown on demand, reused from prompt to prompt, freed by its owner with
/// ``deallocate()``.
struct FeaturizerScratch {
    private(set) var scalars: UnsafeMutablePointer<UInt32>
    private(set) var tokens: UnsafeMutablePointer<UInt64>
    let counts: UnsafeMutablePointer<Int32>
    /// The empty MinHash bins of one signature, while they are filled.
    let pending: UnsafeMutablePointer<PendingBin>
    private var capacity: Int

    init(settings: PromptFeatureSettings, capacity: Int = 1_024) {
        self.capacity = capacity
        scalars = .allocate(capacity: capacity)
        tokens = .allocate(capacity: capacity)
        counts = .allocate(capacity: 2 * settings.embeddingDimension)
        pending = .allocate(capacity: settings.minHashBins)
    }

    /// Room for a text of `bytes` bytes (capacity above `bytes`).
    mutating func reserve(_ bytes: Int) {
        guard bytes >= capacity else { return }
        scalars.deallocate()
        tokens.deallocate()
        capacity = max(bytes + 1, capacity * 2)
        scalars = .allocate(capacity: capacity)
        tokens = .allocate(capacity: capacity)
    }

    func deallocate() {
        scalars.deallocate()
        tokens.deallocate()
        counts.deallocate()
        pending.deallocate()
    }
}
