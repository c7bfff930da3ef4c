/// Computes the shared features of one prompt in a single pass over its UTF-8 bytes
/// (DESIGN §4; definitions in the README, "Shared prompt features").
///
/// The text is normalised as ``FoldedScalar`` says: case-folded, white-space runs read as one
/// space, leading and trailing space dropped. From the normalised text:
/// - **tokens**: words (maximal runs of letters, marks and digits) and single ideographs;
/// - **features**: each token (unigram), each pair of adjacent tokens (bigram), and each
///   character 3-gram of the normalised text (a text of one or two characters is one 3-gram);
/// - **hashes**: words are hashed by 64-bit FNV-1a over their folded scalars; unigram and bigram
///   features by SplitMix64's finaliser of the word hashes (salted per kind); a 3-gram by a
///   multiply-shift hash (``quickMix(_:)``) of its three 21-bit scalars packed in 63 bits;
/// - **hashed embedding** (signed feature hashing; Weinberger et al., "Feature hashing for large
///   scale multitask learning", ICML 2009): every feature adds ±1 to one of `dimension`
///   coordinates, both chosen by its 64-bit hash; the vector is then L2-normalised (an empty
///   text gives the zero vector);
/// - **MinHash signature** of the set of character 3-grams by one-permutation hashing (Li, Owen
///   & Zhang, NeurIPS 2012): the hash picks one of `bins` bins, each bin keeps its lowest
///   32-bit value; empty bins are filled by rotation (Shrivastava & Li, "Densifying one
///   permutation hashing", ICML 2014): from the next non-empty bin to the right, its value
///   re-hashed with the distance. The share of equal bins of two signatures estimates the
///   Jaccard similarity of their 3-gram sets;
/// - **text hash**: 64-bit FNV-1a over the normalised scalars, finalised by SplitMix64's mixer.
///
/// Hashes are fixed integer functions (FNV-1a, SplitMix64's finaliser), so the features are the
/// same on every machine.
public struct PromptFeaturizer: Sendable {
    /// What to compute.
    public let needs: PromptFeatureSet
    /// The sizes.
    public let settings: PromptFeatureSettings

    public init(needs: PromptFeatureSet, settings: PromptFeatureSettings = .standard) {
        self.needs = needs
        self.settings = settings
    }

    // MARK: - Hashes

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    static let unigramSalt: UInt64 = 0x5555_0001_0000_0001
    static let bigramSalt: UInt64 = 0x5555_0002_0000_0002
    static let trigramSalt: UInt64 = 0x5555_0003_0000_0003

    /// SplitMix64's finaliser (Steele, Lea & Flood, OOPSLA 2014).
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A cheaper finaliser for the many 3-gram keys: one multiply by the golden-ratio constant,
    /// then the high half folded into the low (multiply-shift hashing, Dietzfelbinger et al.
    /// 1997), which leaves both halves well mixed for the bin and coordinate choices.
    @inline(__always)
    public static func quickMix(_ value: UInt64) -> UInt64 {
        let z = value &* 0x9E37_79B9_7F4A_7C15
        return z ^ (z >> 29) ^ (z << 7)
    }

    // MARK: - One prompt

    /// Computes the features of the UTF-8 `text` into the given storage: `embedding` holds
    /// `settings.embeddingDimension` values and `signature` `settings.minHashBins` (either may be
    /// nil when not needed). Returns the text hash (0 when not needed).
    public func compute(
        _ text: UnsafeBufferPointer<UInt8>, embedding: UnsafeMutablePointer<Float>?,
        signature: UnsafeMutablePointer<UInt32>?
    ) -> UInt64 {
        FoldedScalar.table.withUnsafeBufferPointer { table in
            compute(text, embedding: embedding, signature: signature, table: table)
        }
    }

    /// ``compute(_:embedding:signature:)`` with the scalar table at hand (one look-up of the
    /// global per batch, not per scalar).
    @inline(__always)
    func compute(
        _ text: UnsafeBufferPointer<UInt8>, embedding: UnsafeMutablePointer<Float>?,
        signature: UnsafeMutablePointer<UInt32>?, table: UnsafeBufferPointer<UInt32>
    ) -> UInt64 {
        let dimension = UInt64(settings.embeddingDimension)
        let bins = UInt64(settings.minHashBins)
        if let embedding { embedding.initialize(repeating: 0, count: Int(dimension)) }
        if let signature { signature.initialize(repeating: .max, count: Int(bins)) }

        @inline(__always) func add(_ hash: UInt64) {
            guard let embedding else { return }
            let index = Int(((hash >> 32) &* dimension) >> 32)
            embedding[index] += (hash & 1) == 0 ? 1 : -1
        }
        @inline(__always) func shingle(_ key: UInt64) {
            let hash = Self.quickMix(key ^ Self.trigramSalt)
            add(hash)
            if let signature {
                let bin = Int(((hash >> 32) &* bins) >> 32)
                let value = UInt32(truncatingIfNeeded: hash)
                if value < signature[bin] { signature[bin] = value }
            }
        }

        var textHash = Self.fnvOffset
        var window: UInt64 = 0
        var normalised = 0
        var pendingSpace = false
        var word = Self.fnvOffset
        var inWord = false
        var previousToken: UInt64 = 0
        var hasPrevious = false
        let wantsTokens = embedding != nil

        @inline(__always) func token(_ hash: UInt64) {
            add(Self.mix(hash ^ Self.unigramSalt))
            if hasPrevious { add(Self.mix((previousToken &* 0x9E37_79B9_7F4A_7C15) &+ hash ^ Self.bigramSalt)) }
            previousToken = hash
            hasPrevious = true
        }
        @inline(__always) func endWord() {
            guard inWord else { return }
            token(word)
            word = Self.fnvOffset
            inWord = false
        }
        let wantsShingles = embedding != nil || signature != nil
        @inline(__always) func emit(_ scalar: UInt32) {
            textHash = (textHash ^ UInt64(scalar)) &* Self.fnvPrime
            window = ((window << 21) | UInt64(scalar)) & 0x7FFF_FFFF_FFFF_FFFF
            normalised &+= 1
            if wantsShingles, normalised >= 3 { shingle(window) }
        }

        var index = 0
        let count = text.count
        while index < count {
            // Decode one scalar (invalid bytes read as U+FFFD).
            let lead = UInt32(text[index])
            var value: UInt32
            var length = 1
            if lead < 0x80 {
                value = lead
            } else if lead >= 0xC2, lead < 0xE0, index + 1 < count {
                value = (lead & 0x1F) << 6 | (UInt32(text[index + 1]) & 0x3F)
                length = 2
            } else if lead >= 0xE0, lead < 0xF0, index + 2 < count {
                value = (lead & 0x0F) << 12 | (UInt32(text[index + 1]) & 0x3F) << 6 | (UInt32(text[index + 2]) & 0x3F)
                length = 3
            } else if lead >= 0xF0, lead < 0xF5, index + 3 < count {
                value = (lead & 0x07) << 18 | (UInt32(text[index + 1]) & 0x3F) << 12
                    | (UInt32(text[index + 2]) & 0x3F) << 6 | (UInt32(text[index + 3]) & 0x3F)
                length = 4
            } else {
                value = 0xFFFD
            }
            index += length
            let packed = value < 0x1_0000 ? table[Int(value)] : FoldedScalar.lookup(value)
            let folded = FoldedScalar.folded(packed)
            switch FoldedScalar.kind(packed) {
            case .space:
                if wantsTokens { endWord() }
                if normalised > 0 { pendingSpace = true }
            case .word:
                if pendingSpace {
                    emit(0x20)
                    pendingSpace = false
                }
                emit(folded)
                if wantsTokens {
                    word = (word ^ UInt64(folded)) &* Self.fnvPrime
                    inWord = true
                }
            case .ideograph:
                if pendingSpace {
                    emit(0x20)
                    pendingSpace = false
                }
                emit(folded)
                if wantsTokens {
                    endWord()
                    token((Self.fnvOffset ^ UInt64(folded)) &* Self.fnvPrime)
                }
            case .other:
                if pendingSpace {
                    emit(0x20)
                    pendingSpace = false
                }
                emit(folded)
                if wantsTokens { endWord() }
            }
        }
        if wantsTokens { endWord() }
        if wantsShingles, normalised == 1 || normalised == 2 { shingle(window) }

        if let embedding {
            var squares: Float = 0
            for i in 0..<Int(dimension) { squares += embedding[i] * embedding[i] }
            if squares > 0 {
                let scale = 1 / squares.squareRoot()
                for i in 0..<Int(dimension) { embedding[i] *= scale }
            }
        }
        if let signature { Self.densify(signature, bins: Int(bins)) }
        return needs.contains(.textHash) ? Self.mix(textHash) : 0
    }

    /// Fills the empty bins of a one-permutation signature by rotation, walking leftwards from a
    /// filled bin so that each empty bin meets its nearest filled bin to the right first.
    @inline(__always)
    static func densify(_ signature: UnsafeMutablePointer<UInt32>, bins: Int) {
        var start = 0
        while start < bins, signature[start] == .max { start += 1 }
        guard start < bins else { return }
        var nearest = signature[start]
        var distance: UInt64 = 0
        var bin = start
        for _ in 1..<bins {
            // (start − step) mod bins, without a division.
            bin = bin == 0 ? bins - 1 : bin - 1
            distance &+= 1
            if signature[bin] != .max {
                nearest = signature[bin]
                distance = 0
            } else {
                signature[bin] = UInt32(truncatingIfNeeded: mix(UInt64(nearest) << 16 ^ distance))
            }
        }
    }
}
