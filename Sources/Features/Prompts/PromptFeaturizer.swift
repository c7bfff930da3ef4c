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
        var scratch = FeaturizerScratch(settings: settings)
        defer { scratch.deallocate() }
        return FoldedScalar.table.withUnsafeBufferPointer { table in
            compute(text, embedding: embedding, signature: signature, table: table, scratch: &scratch)
        }
    }

    /// ``compute(_:embedding:signature:)`` with the scalar table and working memory at hand (one
    /// look-up of the global and one allocation per slice of a batch, not per prompt).
    ///
    /// Small loops over `scratch` instead of one loop over the text, so that each keeps its state
    /// in registers: the text is decoded and normalised while its tokens are hashed (only the
    /// embedding uses them), then the 3-grams and tokens are hashed beside the text hash,
    /// counting the embedding in integers (every coordinate is a sum of ±1, so the `Float`
    /// values are the same).
    @inline(__always)
    func compute(
        _ text: UnsafeBufferPointer<UInt8>, embedding: UnsafeMutablePointer<Float>?,
        signature: UnsafeMutablePointer<UInt32>?, table: UnsafeBufferPointer<UInt32>,
        scratch: inout FeaturizerScratch
    ) -> UInt64 {
        scratch.reserve(text.count)
        let scalars = scratch.scalars
        let textHash: UInt64
        if let embedding {
            var words = WordHasher(into: scratch.tokens)
            let count = Self.normalise(text, into: scalars, table: table, words: &words)
            let tokenCount = words.finish()
            scratch.counts.initialize(repeating: 0, count: 2 * settings.embeddingDimension)
            signature?.initialize(repeating: .max, count: settings.minHashBins)
            textHash = hashFeatures(
                scalars, count: count, tokens: scratch.tokens, tokenCount: tokenCount, counts: scratch.counts, signature: signature)
            normalised(scratch.counts, into: embedding)
        } else {
            var words = NoWords()
            let count = Self.normalise(text, into: scalars, table: table, words: &words)
            if let signature {
                signature.initialize(repeating: .max, count: settings.minHashBins)
                textHash = hashFeatures(scalars, count: count, tokens: scratch.tokens, tokenCount: 0, counts: nil, signature: signature)
            } else {
                textHash = Self.textHash(scalars, count: count)
            }
        }
        if let signature { Self.densify(signature, bins: settings.minHashBins, pending: scratch.pending) }
        return needs.contains(.textHash) ? Self.mix(textHash) : 0
    }

    /// Decodes and normalises `text` (``FoldedScalar``) into `scalars`, which holds at least
    /// `text.count` + 1 values: each a packed table entry, folded scalar and kind, a run of white
    /// space one space. Every decoded scalar also goes to `words`: white space never belongs to
    /// a token, so the tokens of the text are those of its normalised form. Returns how many
    /// scalars were written.
    ///
    /// Branch-free past the UTF-8 decoder: every scalar is stored speculatively and the count
    /// advances by 0 or 1, because where spaces fall in text is as unpredictable as coin flips.
    @inline(__always)
    static func normalise<Words: ScalarSink>(
        _ text: UnsafeBufferPointer<UInt8>, into scalars: UnsafeMutablePointer<UInt32>, table: UnsafeBufferPointer<UInt32>,
        words: inout Words
    ) -> Int {
        let space = table[0x20]
        var written = 0
        // 0 or 1: a space is owed before the next scalar; a scalar has been written.
        var pendingSpace = 0
        var started = 0
        var index = 0
        let end = text.count
        while index < end {
            // Decode one scalar (invalid bytes read as U+FFFD).
            let lead = UInt32(text[index])
            let packed: UInt32
            if lead < 0x80 {
                packed = table[Int(lead)]
                index += 1
            } else {
                var value: UInt32 = 0xFFFD
                var length = 1
                if lead >= 0xC2, lead < 0xE0, index + 1 < end {
                    value = (lead & 0x1F) << 6 | (UInt32(text[index + 1]) & 0x3F)
                    length = 2
                } else if lead >= 0xE0, lead < 0xF0, index + 2 < end {
                    value = (lead & 0x0F) << 12 | (UInt32(text[index + 1]) & 0x3F) << 6 | (UInt32(text[index + 2]) & 0x3F)
                    length = 3
                } else if lead >= 0xF0, lead < 0xF5, index + 3 < end {
                    value = (lead & 0x07) << 18 | (UInt32(text[index + 1]) & 0x3F) << 12
                        | (UInt32(text[index + 2]) & 0x3F) << 6 | (UInt32(text[index + 3]) & 0x3F)
                    length = 4
                }
                index += length
                packed = value < 0x1_0000 ? table[Int(value)] : FoldedScalar.supplementary(value)
            }
            words.add(packed)
            // 1 for white space: a bit, not a comparison the compiler would turn back into a branch.
            let isSpace = Int(packed >> 26) & 1
            // A run of white space is one space, written before the next other scalar (so never
            // first or last).
            scalars[written] = space
            written &+= pendingSpace & (1 &- isSpace)
            scalars[written] = packed
            written &+= 1 &- isSpace
            pendingSpace = isSpace & (pendingSpace | started)
            started |= 1 &- isSpace
        }
        return written
    }

    /// The FNV-1a hash of the normalised `scalars`, on its own (when no 3-gram is hashed).
    @inline(__always)
    static func textHash(_ scalars: UnsafeMutablePointer<UInt32>, count: Int) -> UInt64 {
        var hash = fnvOffset
        for i in 0..<count { hash = (hash ^ UInt64(FoldedScalar.folded(scalars[i]))) &* fnvPrime }
        return hash
    }

    /// Calls `body` with the hash of every character 3-gram of the normalised, packed `scalars`
    /// (a text of one or two scalars is one 3-gram): its scalars packed in 63 bits (21 each),
    /// as a sliding window holds them, salted and mixed. Returns the FNV-1a hash of the scalars,
    /// whose serial chain runs beside the 3-grams at no cost.
    @inline(__always)
    static func forEachShingle(_ scalars: UnsafeMutablePointer<UInt32>, count: Int, _ body: (UInt64) -> Void) -> UInt64 {
        guard count > 0 else { return fnvOffset }
        var window = UInt64(FoldedScalar.folded(scalars[0]))
        var textHash = (fnvOffset ^ window) &* fnvPrime
        guard count > 2 else {
            if count == 2 {
                let folded = UInt64(FoldedScalar.folded(scalars[1]))
                textHash = (textHash ^ folded) &* fnvPrime
                window = window << 21 | folded
            }
            body(quickMix(window ^ trigramSalt))
            return textHash
        }
        let second = UInt64(FoldedScalar.folded(scalars[1]))
        textHash = (textHash ^ second) &* fnvPrime
        window = window << 21 | second
        for i in 2..<count {
            let folded = UInt64(FoldedScalar.folded(scalars[i]))
            textHash = (textHash ^ folded) &* fnvPrime
            // The top bit, left of the three scalars, is cleared off the window's chain.
            window = window << 21 | folded
            body(quickMix(window & 0x7FFF_FFFF_FFFF_FFFF ^ trigramSalt))
        }
        return textHash
    }

    /// Adds every character 3-gram of the normalised `scalars` to the embedding's `counts` and
    /// the MinHash `signature` (each bin keeps its lowest 32-bit value), then every token
    /// (unigram) and pair of adjacent tokens (bigram) to `counts`. Returns the FNV-1a hash of the
    /// `scalars`. `counts` holds `2 × dimension` values: the second half counts the features
    /// that subtract (``HashSlots/signedSlot(_:)``).
    @inline(__always)
    func hashFeatures(
        _ scalars: UnsafeMutablePointer<UInt32>, count: Int, tokens: UnsafeMutablePointer<UInt64>, tokenCount: Int,
        counts: UnsafeMutablePointer<Int32>?, signature: UnsafeMutablePointer<UInt32>?
    ) -> UInt64 {
        if let coordinates = PowerOfTwoSlots(settings.embeddingDimension), let bins = PowerOfTwoSlots(settings.minHashBins) {
            hashFeatures(scalars, count: count, tokens: tokens, tokenCount: tokenCount, counts: counts, signature: signature, coordinates: coordinates, bins: bins)
        } else {
            hashFeatures(
                scalars, count: count, tokens: tokens, tokenCount: tokenCount, counts: counts, signature: signature,
                coordinates: MultipliedSlots(settings.embeddingDimension), bins: MultipliedSlots(settings.minHashBins))
        }
    }

    @inline(__always)
    func hashFeatures<Coordinates: HashSlots, Bins: HashSlots>(
        _ scalars: UnsafeMutablePointer<UInt32>, count: Int, tokens: UnsafeMutablePointer<UInt64>, tokenCount: Int,
        counts: UnsafeMutablePointer<Int32>?, signature: UnsafeMutablePointer<UInt32>?, coordinates: Coordinates, bins: Bins
    ) -> UInt64 {
        // One loop per combination, so that none tests an optional per 3-gram.
        let textHash: UInt64
        switch (counts, signature) {
        case let (counts?, signature?):
            textHash = Self.forEachShingle(scalars, count: count) { hash in
                counts[coordinates.signedSlot(hash)] &+= 1
                let bin = bins.slot(hash)
                signature[bin] = min(signature[bin], UInt32(truncatingIfNeeded: hash))
            }
        case let (counts?, nil):
            textHash = Self.forEachShingle(scalars, count: count) { hash in counts[coordinates.signedSlot(hash)] &+= 1 }
        case let (nil, signature?):
            textHash = Self.forEachShingle(scalars, count: count) { hash in
                let bin = bins.slot(hash)
                signature[bin] = min(signature[bin], UInt32(truncatingIfNeeded: hash))
            }
        case (nil, nil):
            textHash = Self.textHash(scalars, count: count)
        }
        guard let counts else { return textHash }
        for i in 0..<tokenCount {
            let hash = tokens[i]
            let unigram = Self.mix(hash ^ Self.unigramSalt)
            counts[coordinates.signedSlot(unigram)] &+= 1
            if i > 0 {
                let bigram = Self.mix((tokens[i - 1] &* 0x9E37_79B9_7F4A_7C15) &+ hash ^ Self.bigramSalt)
                counts[coordinates.signedSlot(bigram)] &+= 1
            }
        }
        return textHash
    }

    /// Writes the L2-normalised `counts` into `embedding` as `Float`s: coordinate `i` is
    /// `counts[i] − counts[dimension + i]` (features that add, less those that subtract).
    ///
    /// The squares are summed as `Float`s eight lanes at a time: while the true sum stays below
    /// 2²⁴, every square and partial sum is an integer below 2²⁴, exact in any order, so this
    /// equals summing them in order, bit for bit. Rounding never takes a sum from 2²⁴ or above
    /// to below, so a result of 2²⁴ or more means the squares are summed again in order, as the
    /// definition says.
    @inline(__always)
    func normalised(_ counts: UnsafeMutablePointer<Int32>, into embedding: UnsafeMutablePointer<Float>) {
        let coordinates = SignedCounts(counts, dimension: settings.embeddingDimension)
        var squares = coordinates.squareSum()
        if squares >= 0x1p24 {
            squares = 0
            for i in 0..<coordinates.dimension { squares += Float(coordinates[i]) * Float(coordinates[i]) }
        }
        let scale: Float = squares > 0 ? 1 / squares.squareRoot() : 1
        coordinates.write(scaledBy: scale, into: embedding)
    }

    /// Fills the empty bins of a one-permutation signature by rotation: an empty bin takes the
    /// value of its nearest filled bin to the right (cyclically), re-hashed with the distance.
    ///
    /// Most prompts leave a few bins empty and where they fall is unpredictable, so this is
    /// branch-free: one walk leftwards from a filled bin notes each empty bin and its re-hash key
    /// in `pending` (room for `bins` entries), then the keys are mixed and stored.
    @inline(__always)
    static func densify(_ signature: UnsafeMutablePointer<UInt32>, bins: Int, pending: UnsafeMutablePointer<PendingBin>) {
        guard hasEmptyBin(signature, bins: bins) else { return }
        var start = 0
        while start < bins, signature[start] == .max { start += 1 }
        guard start < bins else { return }
        var nearest = UInt64(signature[start])
        var distance: UInt64 = 0
        var count = 0
        /// Notes bin `bin`, one step left of the last.
        @inline(__always) func step(_ bin: Int) {
            let value = UInt64(signature[bin])
            // All ones for an empty bin, zero for a filled one.
            let empty = 0 &- UInt64(truncatingIfNeeded: (value &+ 1) >> 32)
            nearest = value & ~empty | nearest & empty
            distance = (distance &+ 1) & empty
            pending[count] = PendingBin(bin: UInt32(truncatingIfNeeded: bin), key: nearest << 16 ^ distance)
            count &+= Int(truncatingIfNeeded: empty & 1)
        }
        // (start − step) mod bins for step 1 ..< bins, without a division.
        var bin = start
        while bin > 0 {
            bin -= 1
            step(bin)
        }
        bin = bins
        while bin > start + 1 {
            bin -= 1
            step(bin)
        }
        for index in 0..<count {
            let entry = pending[index]
            signature[Int(entry.bin)] = UInt32(truncatingIfNeeded: mix(entry.key))
        }
    }

    /// Whether some bin of `signature` is still empty (all ones), four bins at a time.
    @inline(__always)
    static func hasEmptyBin(_ signature: UnsafeMutablePointer<UInt32>, bins: Int) -> Bool {
        var found = SIMDMask<SIMD4<Int32>>(repeating: false)
        var bin = 0
        let raw = UnsafeRawPointer(signature)
        while bin + 4 <= bins {
            found .|= raw.loadUnaligned(fromByteOffset: bin * 4, as: SIMD4<UInt32>.self) .== SIMD4(repeating: .max)
            bin += 4
        }
        var tail = false
        while bin < bins {
            tail = tail || signature[bin] == .max
            bin += 1
        }
        return tail || any(found)
    }
}

/// An empty MinHash bin waiting for its value: the bin and the key to re-hash.
struct PendingBin {
    var bin: UInt32
    var key: UInt64
}
