/// How prompt text is normalised for the shared features: each Unicode scalar is case-folded
/// (its simple lowercase mapping, from the Unicode data of the Swift standard library) and put
/// in one of four classes. Only the scalar's own properties count, so the result is the same
/// on every machine with the same Swift version.
///
/// - ``Kind/word``: letters, marks and digits — they make words.
/// - ``Kind/ideograph``: Han ideographs, hiragana, katakana (half-width included) and Hangul
///   syllables — each is a word of its own, since Chinese and Japanese are written without spaces.
/// - ``Kind/space``: white space — a run of it is one space.
/// - ``Kind/other``: punctuation and symbols — part of the text, never of a word.
public enum FoldedScalar {
    /// The class of a scalar. Each raw value is one bit (bits 24–26 of a packed entry), so that
    /// ``PromptFeaturizer`` reads a class with a shift and a mask instead of a branch.
    public enum Kind: UInt32, Sendable {
        case other = 0
        case word = 1
        case ideograph = 2
        case space = 4
    }

    /// Folded scalar (low 21 bits) and kind (bits 24–26) of every scalar of the Basic
    /// Multilingual Plane, computed once.
    static let table: [UInt32] = (0..<0x1_0000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return UInt32(0xFFFD) }
        return entry(scalar)
    }

    /// The packed folded value and kind of a scalar beyond the Basic Multilingual Plane (the
    /// table holds the rest); an invalid value reads as U+FFFD. Rare, and kept out of line so
    /// that the featurizer's decoding loop keeps its state in registers.
    @inline(never)
    static func supplementary(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return 0xFFFD }
        return entry(scalar)
    }

    /// The folded scalar of a packed entry.
    @inline(__always) static func folded(_ packed: UInt32) -> UInt32 { packed & 0x1F_FFFF }

    private static func entry(_ scalar: Unicode.Scalar) -> UInt32 {
        let properties = scalar.properties
        var folded = scalar.value
        if properties.changesWhenLowercased, let lower = properties.lowercaseMapping.unicodeScalars.first,
            properties.lowercaseMapping.unicodeScalars.count == 1
        {
            folded = lower.value
        }
        let kind: Kind
        if properties.isWhitespace {
            kind = .space
        } else if isIdeograph(scalar.value) {
            kind = .ideograph
        } else {
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                kind = .word
            default:
                kind = .other
            }
        }
        return folded | (kind.rawValue << 24)
    }

    private static func isIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0xFF66...0xFF9F,
            0x2_0000...0x3_134F:
            true
        default: false
        }
    }
}
