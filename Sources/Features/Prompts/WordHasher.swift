/// Where ``PromptFeaturizer/normalise(_:into:table:words:)`` sends every decoded scalar (a packed
/// ``FoldedScalar`` table entry), so that one loop over the text serves both.
protocol ScalarSink {
    mutating func add(_ packed: UInt32)
}

/// Scalars nobody needs.
struct NoWords: ScalarSink {
    @inline(__always) mutating func add(_ packed: UInt32) {}
}

/// The FNV-1a hashes of the tokens of a text, in order, written into `tokens` as its scalars go
/// by: words (maximal runs of letters, marks and digits) and single ideographs. `tokens` holds
/// at least one value per scalar, plus one.
///
/// Branch-free, since word boundaries are as unpredictable as coin flips: each hash is stored
/// speculatively and the count advances by 0 or 1.
struct WordHasher: ScalarSink {
    let tokens: UnsafeMutablePointer<UInt64>
    private(set) var count = 0
    /// 1 while in a word.
    private var inWord = 0
    private var wordHash = PromptFeaturizer.fnvOffset

    init(into tokens: UnsafeMutablePointer<UInt64>) { self.tokens = tokens }

    @inline(__always)
    mutating func add(_ packed: UInt32) {
        let folded = UInt64(FoldedScalar.folded(packed))
        let isWord = Int(packed >> 24) & 1
        let isIdeograph = Int(packed >> 25) & 1
        // A word ends at any scalar that is not a letter, mark or digit; an ideograph is a
        // token. A word's first letter and an ideograph hash alike, off the chain of the word.
        let first = (PromptFeaturizer.fnvOffset ^ folded) &* PromptFeaturizer.fnvPrime
        tokens[count] = wordHash
        count &+= inWord & (1 &- isWord)
        wordHash = inWord == 1 ? (wordHash ^ folded) &* PromptFeaturizer.fnvPrime : first
        inWord = isWord
        tokens[count] = first
        count &+= isIdeograph
    }

    /// Ends the last word; returns how many tokens were written.
    @inline(__always)
    mutating func finish() -> Int {
        if inWord == 1 {
            tokens[count] = wordHash
            count += 1
            inWord = 0
        }
        return count
    }
}
