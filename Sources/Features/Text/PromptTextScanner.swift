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
    // Shared tables, held here so that the hot loop does not check a global's initialisation.
    private let words: WordTable
    private let reasoning: PhraseMatcher
    private let asciiKinds: [ASCIIKind]

    init() {
        signature = [UInt16](repeating: Self.emptyBin, count: Self.signatureBins)
        minimums = [UInt64](repeating: .max, count: Self.signatureBins)
        tokenStorage = [UInt32](repeating: 0, count: Self.contentTokenLimit)
        words = WordTable.shared
        reasoning = ReasoningPhrases.matcher
        asciiKinds = Self.asciiKindTable
    }

    /// Scans `text` (UTF-8; invalid bytes read as U+FFFD).
    mutating func scan(_ text: UnsafeRawBufferPointer) {
        asksForReasoning = reasoning.matches(text)
        var pass = Pass(words: words)
        minimums.withUnsafeMutableBufferPointer { minimums in
            tokenStorage.withUnsafeMutableBufferPointer { tokens in
                asciiKinds.withUnsafeBufferPointer { kinds in
                    pass.run(text, kinds: kinds, minimums: minimums.baseAddress!, tokens: tokens.baseAddress!)
                }
            }
        }
        scalars = pass.scalars
        nonSpaceScalars = pass.nonSpace
        cjkLetters = pass.han + pass.kana + pass.hangul
        kanaLetters = pass.kana
        contentTokenCount = pass.contentTokens
        opening = pass.opening
        tokenStorage[..<contentTokenCount].sort()
        for bin in 0..<Self.signatureBins {
            let minimum = minimums[bin]
            signature[bin] = minimum == .max ? Self.emptyBin : min(UInt16(truncatingIfNeeded: minimum), Self.emptyBin - 1)
        }

        // Language.
        let letters = pass.latin + pass.cyrillic + cjkLetters
        if pass.kana > 0 {
            language = .japanese
        } else if letters > 0, 10 * (pass.han + pass.hangul) >= 3 * letters {
            language = pass.hangul > pass.han ? .korean : .chinese
        } else if pass.cyrillic > pass.latin {
            language = .russian
        } else {
            var best = LanguageGuess.other
            var bestHits: Int32 = 0
            for index in LanguageGuess.latinLanguages.indices where pass.latinHits[index] > bestHits {
                best = LanguageGuess.latinLanguages[index]
                bestHits = pass.latinHits[index]
            }
            language = best
        }
    }

    /// One pass over a text: decodes, folds, tokenises and shingles it, writing the shingle
    /// minimums (one per bin) and the distinct content tokens (unsorted), and counting the rest.
    private struct Pass {
        let words: WordTable
        var minimums: UnsafeMutablePointer<UInt64>?
        var tokens: UnsafeMutablePointer<UInt32>?

        // Counts.
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

        init(words: WordTable) {
            self.words = words
        }

        mutating func run(
            _ text: UnsafeRawBufferPointer, kinds asciiKinds: UnsafeBufferPointer<ASCIIKind>,
            minimums: UnsafeMutablePointer<UInt64>, tokens: UnsafeMutablePointer<UInt32>
        ) {
            self.minimums = minimums
            self.tokens = tokens
            for bin in 0..<signatureBins { minimums[bin] = .max }
            var offset = 0
            let count = text.count
            while offset < count {
                let lead = text[offset]
                if lead < 0x80 {
                    // ASCII: one byte, classified by table.
                    offset &+= 1
                    scalars &+= 1
                    let kind = asciiKinds[Int(lead)]
                    if kind == .space {
                        space()
                    } else if kind == .punctuation {
                        nonSpace &+= 1
                        emit(UInt32(lead))
                        endWord()
                        previousCJK = 0
                    } else {
                        nonSpace &+= 1
                        let folded = UInt32(kind == .upper ? lead | 0x20 : lead)
                        emit(folded)
                        if kind != .digit { latin &+= 1 }
                        wordScalar(folded)
                    }
                    continue
                }
                let (scalar, length) = decode(text, at: offset)
                offset &+= length
                scalars &+= 1
                if isSpace(scalar) {
                    space()
                    continue
                }
                nonSpace &+= 1
                let folded = fold(scalar)
                emit(folded)
                let kind = script(of: scalar)
                switch kind {
                case .latin, .digit, .otherLetter, .cyrillic:
                    if kind == .latin { latin &+= 1 }
                    if kind == .cyrillic { cyrillic &+= 1 }
                    wordScalar(folded)
                case .han, .kana, .hangul:
                    endWord()
                    if kind == .kana { kana &+= 1 }
                    if kind == .han { han &+= 1 }
                    if kind == .hangul { hangul &+= 1 }
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
            opening = mix(openingHash ^ UInt64(Swift.min(tokenCount, openingTokens)))
        }

        @inline(__always)
        private mutating func space() {
            endWord()
            previousCJK = 0
            if emitted > 0 { pendingSpace = true }
        }

        @inline(__always)
        private mutating func wordScalar(_ folded: UInt32) {
            word = (word ^ UInt64(folded)) &* fnvPrime
            wordLength &+= 1
            previousCJK = 0
        }

        /// Adds a non-space scalar to the shingle stream, after the one space that stands for
        /// the white space before it (if any).
        @inline(__always)
        private mutating func emit(_ scalar: UInt32) {
            if pendingSpace {
                pendingSpace = false
                push(0x20)
            }
            push(scalar)
        }

        @inline(__always)
        private mutating func push(_ scalar: UInt32) {
            shingle = (shingle << 21 | UInt64(scalar)) & (1 << 63 - 1)
            emitted &+= 1
            if emitted >= 3 { addShingle(shingle) }
        }

        @inline(__always)
        private func addShingle(_ shingle: UInt64) {
            let hash = mix(shingle)
            let bin = Int(hash >> 59)
            minimums![bin] = Swift.min(minimums![bin], hash)
        }

        private mutating func addContentToken(_ hash: UInt64) {
            guard contentTokens < contentTokenLimit else { return }
            let token = UInt32(truncatingIfNeeded: hash >> 32)
            for k in 0..<contentTokens where tokens![k] == token { return }
            tokens![contentTokens] = token
            contentTokens &+= 1
        }

        @inline(__always)
        private mutating func countToken(_ hash: UInt64) {
            if tokenCount < openingTokens { openingHash = (openingHash ^ hash) &* fnvPrime }
            tokenCount &+= 1
        }

        private mutating func endWord() {
            guard wordLength > 0 else { return }
            let hash = mix(word)
            countToken(hash)
            let entry = words[hash]
            if entry.languages != 0 {
                for index in 0..<8 where entry.languages & (1 << index) != 0 {
                    latinHits[index] &+= 1
                }
            }
            if wordLength >= 4, !entry.isStopWord { addContentToken(hash) }
            word = fnvOffset
            wordLength = 0
        }
    }

    /// The scalar starting at `offset` (a non-ASCII lead byte) and its length in bytes; U+FFFD
    /// and 1 for a malformed sequence.
    @inline(__always)
    private static func decode(_ text: UnsafeRawBufferPointer, at offset: Int) -> (UInt32, Int) {
        let lead = UInt32(text[offset])
        var scalar: UInt32
        let length: Int
        if lead & 0xE0 == 0xC0 {
            scalar = lead & 0x1F
            length = 2
        } else if lead & 0xF0 == 0xE0 {
            scalar = lead & 0x0F
            length = 3
        } else if lead & 0xF8 == 0xF0 {
            scalar = lead & 0x07
            length = 4
        } else {
            return (0xFFFD, 1)
        }
        guard offset + length <= text.count else { return (0xFFFD, 1) }
        for k in 1..<length {
            let byte = UInt32(text[offset + k])
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            scalar = scalar << 6 | (byte & 0x3F)
        }
        return (scalar, length)
    }

    /// How an ASCII byte is read.
    fileprivate enum ASCIIKind: UInt8 {
        case space, punctuation, lower, upper, digit
    }

    /// The ``ASCIIKind`` of each ASCII byte.
    private static let asciiKindTable: [ASCIIKind] = (0..<128).map { byte in
        switch byte {
        case 0x09...0x0D, 0x20: .space
        case 0x30...0x39: .digit
        case 0x41...0x5A: .upper
        case 0x61...0x7A: .lower
        default: .punctuation
        }
    }

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
        // Four 16-bit bins per 64-bit word. A bin is empty with every bit set, so both bins are
        // empty exactly where x & y is all ones, i.e. where ~(x & y) is zero.
        let x = UnsafeRawPointer(a.baseAddress!)
        let y = UnsafeRawPointer(b.baseAddress!)
        var bothEmpty = 0
        var equalAndOccupied = 0
        for word in 0..<(signatureBins / 4) {
            let u = x.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self)
            let v = y.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self)
            let same = zeroLanes(u ^ v)
            let empty = zeroLanes(~(u & v))
            bothEmpty &+= empty.nonzeroBitCount
            equalAndOccupied &+= (same & ~empty).nonzeroBitCount
        }
        let occupied = signatureBins - bothEmpty
        return occupied == 0 ? 1 : Double(equalAndOccupied) / Double(occupied)
    }

    /// The top bit of each 16-bit lane of `word` that is zero, every other bit clear.
    @inline(__always)
    private static func zeroLanes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7FFF_7FFF_7FFF_7FFF
        return ~(((word & low) &+ low) | word | low)
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
