/// Reads one prompt's text in a single pass over its UTF-8 bytes and keeps what the audit's
/// text and sequence features need (``PromptSequenceFeatures``). The scanner is scratch space:
/// one per pass, reused for every prompt, so scanning allocates nothing.
///
/// What a scan yields:
/// - **Counts**: Unicode scalars, non-space scalars, CJK letters (Han, kana, Hangul), kana.
/// - **Reasoning request**: whether the text contains a ``ReasoningPhrases`` phrase.
/// - **Language**: a ``LanguageGuess``.
/// - **Tokens**: a word is a maximal run of letters and digits (ASCII letters and Latin-1 capitals
///   folded to lower case); each CJK letter is a token of its own. The **opening** is a hash of
///   the first ``openingTokens`` tokens. **Content tokens**: words of at least 4 letters outside
///   a small multilingual stop list (``stopWords``) and bigrams of adjacent CJK letters; the
///   first ``contentTokenLimit`` distinct ones are kept as sorted 32-bit hashes.
/// - **Signature**: a one-permutation MinHash of the set of character 3-grams of the text, case
///   folded with runs of white space read as one space (Li, Owen & Zhang, "One permutation
///   hashing", NeurIPS 2012): each 3-gram is hashed once, the top 5 bits pick one of
///   ``signatureBins`` bins and each bin keeps the lowest hash, stored as its low 16 bits.
///   ``similarity(_:_:)`` estimates the Jaccard similarity of two prompts' 3-gram sets from two
///   signatures. A text of one or two scalars is one shingle.
struct PromptTextScanner: Sendable {
    /// Bins of a signature.
    static let signatureBins = 32
    /// The value of an empty bin.
    static let emptyBin: UInt16 = .max
    /// Distinct content tokens kept per prompt.
    static let contentTokenLimit = 32
    /// Tokens that make a prompt's opening.
    static let openingTokens = 6

    /// Words of at least 4 letters that carry no topic, in the languages of the prompt pools.
    static let stopWords = [
        "this", "that", "with", "what", "about", "your", "please", "from", "have", "there", "then", "when", "which",
        "would", "could", "should", "into", "more", "some", "like", "just", "also", "been", "were", "them", "their",
        "than", "does", "will", "want", "need", "these", "those", "here", "only", "very", "much", "many", "each",
        "other", "para", "como", "pero", "sobre", "este", "esta", "esto", "puedes", "eine", "einen", "einem",
        "einer", "nicht", "bitte", "auch", "oder", "wird", "sind", "kannst", "über", "beim", "pour", "avec", "dans",
        "cette", "mais", "plus", "peux", "vous", "sont", "être", "você", "isso", "pelo", "pela", "numa",
    ]

    // MARK: Result of the last scan

    /// Unicode scalars of the text.
    private(set) var scalars = 0
    /// Scalars other than white space.
    private(set) var nonSpaceScalars = 0
    /// Han, kana and Hangul letters.
    private(set) var cjkLetters = 0
    /// Hiragana and katakana letters (half-width included).
    private(set) var kanaLetters = 0
    /// Whether the text contains a reasoning-coercion phrase.
    private(set) var asksForReasoning = false
    /// The guessed language.
    private(set) var language = LanguageGuess.other
    /// A 64-bit hash of the first ``openingTokens`` tokens (and of how many there were).
    private(set) var opening: UInt64 = 0
    /// The MinHash signature, ``signatureBins`` values.
    private(set) var signature: [UInt16]
    /// The distinct content-token hashes, ascending, at most ``contentTokenLimit``.
    var contentTokens: ArraySlice<UInt32> { tokenStorage[..<contentTokenCount] }

    // MARK: Scratch

    private var tokenStorage: [UInt32]
    private var contentTokenCount = 0
    private var minimums: [UInt64]
    private let words: WordTable

    init() {
        signature = [UInt16](repeating: Self.emptyBin, count: Self.signatureBins)
        minimums = [UInt64](repeating: .max, count: Self.signatureBins)
        tokenStorage = [UInt32](repeating: 0, count: Self.contentTokenLimit)
        words = WordTable.shared
    }

    /// Scans `text` (UTF-8; invalid bytes read as U+FFFD).
    mutating func scan(_ text: UnsafeRawBufferPointer) {
        asksForReasoning = ReasoningPhrases.matcher.matches(text)
        var counts = Counts()
        let words = words
        minimums.withUnsafeMutableBufferPointer { minimums in
            tokenStorage.withUnsafeMutableBufferPointer { tokens in
                counts = Self.scan(text, words: words, minimums: minimums, tokens: tokens)
            }
        }
        scalars = counts.scalars
        nonSpaceScalars = counts.nonSpace
        cjkLetters = counts.han + counts.kana + counts.hangul
        kanaLetters = counts.kana
        contentTokenCount = counts.contentTokens
        opening = counts.opening
        tokenStorage[..<contentTokenCount].sort()
        for bin in 0..<Self.signatureBins {
            let minimum = minimums[bin]
            signature[bin] = minimum == .max ? Self.emptyBin : min(UInt16(truncatingIfNeeded: minimum), Self.emptyBin - 1)
        }

        // Language.
        let letters = counts.latin + counts.cyrillic + cjkLetters
        if counts.kana > 0 {
            language = .japanese
        } else if letters > 0, 10 * (counts.han + counts.hangul) >= 3 * letters {
            language = counts.hangul > counts.han ? .korean : .chinese
        } else if counts.cyrillic > counts.latin {
            language = .russian
        } else {
            var best = LanguageGuess.other
            var bestHits: Int32 = 0
            for index in LanguageGuess.latinLanguages.indices where counts.latinHits[index] > bestHits {
                best = LanguageGuess.latinLanguages[index]
                bestHits = counts.latinHits[index]
            }
            language = best
        }
    }

    /// What one pass counts besides the minimums and tokens it writes.
    private struct Counts {
        var scalars = 0
        var nonSpace = 0
        var latin = 0
        var cyrillic = 0
        var han = 0
        var kana = 0
        var hangul = 0
        var contentTokens = 0
        var opening: UInt64 = 0
        /// Function-word hits per ``LanguageGuess/latinLanguages`` entry.
        var latinHits = SIMD8<Int32>()
    }

    /// The pass itself: decodes, folds, tokenises and shingles `text`, filling `minimums` (one
    /// per bin) and `tokens` (distinct content tokens, unsorted).
    private static func scan(
        _ text: UnsafeRawBufferPointer, words: WordTable, minimums: UnsafeMutableBufferPointer<UInt64>,
        tokens: UnsafeMutableBufferPointer<UInt32>
    ) -> Counts {
        var counts = Counts()
        for bin in 0..<signatureBins { minimums[bin] = .max }
        // The current word: its hash and length; tokens so far and the opening's hash.
        var word: UInt64 = fnvOffset
        var wordLength = 0
        var tokenCount = 0
        var openingHash: UInt64 = fnvOffset
        var previousCJK: UInt32 = 0
        // Shingles: the last three normalised scalars, how many were emitted, a pending space.
        var shingle: UInt64 = 0
        var emitted = 0
        var pendingSpace = false

        func addShingle(_ shingle: UInt64) {
            let hash = mix(shingle)
            let bin = Int(hash >> 59)
            if hash < minimums[bin] { minimums[bin] = hash }
        }
        func addContentToken(_ hash: UInt64) {
            guard counts.contentTokens < contentTokenLimit else { return }
            let token = UInt32(truncatingIfNeeded: hash >> 32)
            for k in 0..<counts.contentTokens where tokens[k] == token { return }
            tokens[counts.contentTokens] = token
            counts.contentTokens += 1
        }
        func countToken(_ hash: UInt64) {
            if tokenCount < openingTokens { openingHash = (openingHash ^ hash) &* fnvPrime }
            tokenCount += 1
        }
        func endWord() {
            guard wordLength > 0 else { return }
            let hash = mix(word)
            countToken(hash)
            let entry = words[hash]
            if entry.languages != 0 {
                for index in 0..<latinLanguages.count where entry.languages & (1 << index) != 0 {
                    counts.latinHits[index] += 1
                }
            }
            if wordLength >= 4, !entry.isStopWord { addContentToken(hash) }
            word = fnvOffset
            wordLength = 0
        }
        func emit(_ scalar: UInt32) {
            shingle = (shingle << 21 | UInt64(scalar)) & (1 << 63 - 1)
            emitted += 1
            if emitted >= 3 { addShingle(shingle) }
        }

        var offset = 0
        let count = text.count
        while offset < count {
            // Decode one scalar.
            let lead = UInt32(text[offset])
            var scalar: UInt32
            var length: Int
            if lead < 0x80 {
                scalar = lead
                length = 1
            } else if lead & 0xE0 == 0xC0 {
                scalar = lead & 0x1F
                length = 2
            } else if lead & 0xF0 == 0xE0 {
                scalar = lead & 0x0F
                length = 3
            } else if lead & 0xF8 == 0xF0 {
                scalar = lead & 0x07
                length = 4
            } else {
                scalar = 0xFFFD
                length = 1
            }
            if length > 1 {
                if offset + length > count {
                    scalar = 0xFFFD
                    length = 1
                } else {
                    for k in 1..<length {
                        let byte = UInt32(text[offset + k])
                        if byte & 0xC0 != 0x80 {
                            scalar = 0xFFFD
                            length = 1
                            break
                        }
                        scalar = scalar << 6 | (byte & 0x3F)
                    }
                }
            }
            offset += length
            counts.scalars += 1

            // Classify, fold, tokenise.
            if isSpace(scalar) {
                endWord()
                previousCJK = 0
                if emitted > 0 { pendingSpace = true }
                continue
            }
            counts.nonSpace += 1
            if pendingSpace {
                emit(0x20)
                pendingSpace = false
            }
            let folded = fold(scalar)
            emit(folded)
            let kind = script(of: scalar)
            switch kind {
            case .latin, .digit, .otherLetter, .cyrillic:
                if kind == .latin { counts.latin += 1 }
                if kind == .cyrillic { counts.cyrillic += 1 }
                word = (word ^ UInt64(folded)) &* fnvPrime
                wordLength += 1
                previousCJK = 0
            case .han, .kana, .hangul:
                endWord()
                if kind == .kana { counts.kana += 1 }
                if kind == .han { counts.han += 1 }
                if kind == .hangul { counts.hangul += 1 }
                countToken(mix(UInt64(scalar) | 1 << 40))
                if previousCJK != 0 { addContentToken(mix(UInt64(previousCJK) << 21 | UInt64(scalar) | 1 << 50)) }
                previousCJK = scalar
            case .punctuation:
                endWord()
                previousCJK = 0
            }
        }
        endWord()
        if emitted > 0, emitted < 3 { addShingle(shingle | 1 << 62) }
        counts.opening = mix(openingHash ^ UInt64(min(tokenCount, openingTokens)))
        return counts
    }

    private static let latinLanguages = LanguageGuess.latinLanguages

    /// Scans `text`.
    mutating func scan(_ text: String) {
        var text = text
        text.withUTF8 { scan(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - Comparing prompts

    /// The estimated Jaccard similarity of the 3-gram sets behind two signatures: equal
    /// non-empty bins over bins non-empty in either (Li, Owen & Zhang 2012). Two signatures of
    /// empty texts are identical (1); an empty and a non-empty one share nothing (0).
    static func similarity(_ a: UnsafeBufferPointer<UInt16>, _ b: UnsafeBufferPointer<UInt16>) -> Double {
        var matches = 0
        var occupied = 0
        for bin in 0..<signatureBins {
            let x = a[bin]
            let y = b[bin]
            if x == emptyBin, y == emptyBin { continue }
            occupied += 1
            if x == y { matches += 1 }
        }
        return occupied == 0 ? 1 : Double(matches) / Double(occupied)
    }

    /// Whether two ascending token lists share a token.
    static func intersect(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Bool {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    // MARK: - Pieces

    private enum Script {
        case latin, digit, cyrillic, otherLetter, han, kana, hangul, punctuation
    }

    @inline(__always)
    private static func script(of scalar: UInt32) -> Script {
        switch scalar {
        case 0x30...0x39: .digit
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F: .latin
        case 0x400...0x4FF: .cyrillic
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: .han
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7A3: .hangul
        case 0x370...0x3FF, 0x500...0x1FFF: .otherLetter
        default: .punctuation
        }
    }

    @inline(__always)
    private static func isSpace(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || (0x09...0x0D).contains(scalar) || scalar == 0xA0 || scalar == 0x3000
    }

    /// ASCII and Latin-1 capitals to lower case.
    private static func fold(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: scalar | 0x20
        default: scalar
        }
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    /// MurmurHash3's 64-bit finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The hash ``scan(_:)`` gives a word (already case folded).
    static func wordHash(_ word: String) -> UInt64 {
        var hash = fnvOffset
        for scalar in word.unicodeScalars { hash = (hash ^ UInt64(fold(scalar.value))) &* fnvPrime }
        return mix(hash)
    }
}

/// Function words (by language bit, ``LanguageGuess/latinLanguages`` order) and stop words,
/// keyed by ``PromptTextScanner/wordHash(_:)``: a fixed open-addressing table, looked up
/// without hashing again.
private struct WordTable: Sendable {
    struct Entry {
        var languages: UInt8 = 0
        var isStopWord = false
    }

    static let shared = WordTable()

    /// Slots (a power of two, far above the ≈ 170 words).
    private static var size: Int { 1024 }
    private var keys = [UInt64](repeating: 0, count: size)
    private var entries = [Entry](repeating: Entry(), count: size)

    private init() {
        for (language, words) in LanguageGuess.functionWords {
            let bit = UInt8(1) << UInt8(LanguageGuess.latinLanguages.firstIndex(of: language)!)
            for word in words { update(word) { $0.languages |= bit } }
        }
        for word in PromptTextScanner.stopWords { update(word) { $0.isStopWord = true } }
    }

    private mutating func update(_ word: String, _ change: (inout Entry) -> Void) {
        let key = Swift.max(PromptTextScanner.wordHash(word), 1)
        var slot = Int(truncatingIfNeeded: key) & (Self.size - 1)
        while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & (Self.size - 1) }
        keys[slot] = key
        change(&entries[slot])
    }

    @inline(__always)
    subscript(hash: UInt64) -> Entry {
        let key = Swift.max(hash, 1)
        var slot = Int(truncatingIfNeeded: key) & (Self.size - 1)
        while keys[slot] != 0 {
            if keys[slot] == key { return entries[slot] }
            slot = (slot + 1) & (Self.size - 1)
        }
        return Entry()
    }
}
