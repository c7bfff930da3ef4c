/// One phrase of the pools as the synthesizer stores it: a range of the UTF-8 arena, split at
/// the topic slot, with its Unicode-scalar count and token estimate precomputed.
struct EncodedPhrase {
    /// Offset of the first byte in the arena.
    var start: UInt32
    /// Bytes (the slot marker removed).
    var length: UInt16
    /// Bytes before the slot (`length` when there is none).
    var slot: UInt16
    /// Unicode scalars.
    var scalars: UInt16
    /// Unicode scalars before the slot.
    var scalarsBeforeSlot: UInt16
    /// Estimated tokens in twelfths (see ``TokenEstimate``).
    var tokenUnits: UInt16
    /// True if the phrase has a topic slot.
    var hasSlot: Bool
}

/// A contiguous run of phrases in the synthesizer's phrase table.
struct PoolRange {
    var start: Int32
    var count: Int32
}

/// Where each pool sits in a language's row of pool ranges.
enum PoolSlot {
    static let greeting = 0
    static let background = 1
    static let politeness = 2
    static let reasoning = 3
    static let format = 4
    static let followUp = 5
    static let contextIntro = 6
    static let context = 7
    static let math = 8
    static let topic = 9
    /// One phrase: what separates sentences (" ", or nothing in Chinese and Japanese).
    static let separator = 10
    /// Templates of task kind `k` are at `templates + k`.
    static let templates = 11
    /// Pools per language.
    static let perLanguage = templates + TaskKind.allCases.count

    // Language-neutral pools, in the row after the last language.
    static let code = 0
    static let fenceOpen = 1
    static let fenceClose = 2
    static let paragraph = 3
    static let newline = 4
    static let neutralCount = 5
}

/// Token estimates in twelfths of a token per Unicode scalar.
///
/// Rules of thumb for BPE tokenizers of the cl100k/o200k family: about 4 characters per token
/// in English and code, about 3 in Spanish, German, French and Portuguese, and about one
/// token per Chinese or Japanese character.
enum TokenEstimate {
    static let english = 3
    static let otherLatin = 4
    static let cjk = 12

    /// Units for one scalar of a phrase in a language whose Latin text costs `latin` units.
    static func units(_ scalar: Unicode.Scalar, latin: Int) -> Int {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: cjk
        default: latin
        }
    }
}
