/// One phrase of the pools as the synthesizer stores it: a range of the UTF-8 arena (slot
/// markers removed) with its Unicode-scalar count and token estimate precomputed. A phrase
/// with slots has its ``EncodedSlot`` records just before its text in the arena.
struct EncodedPhrase {
    /// Offset of the first byte of text in the arena.
    var start: UInt32
    /// Bytes (slot markers removed).
    var length: UInt16
    /// Unicode scalars (slot markers removed).
    var scalars: UInt16
    /// Estimated tokens of the literal text in twelfths (see ``TokenEstimate``).
    var tokenUnits: UInt16
    /// `tokenUnits` plus the average estimate of what fills its slots: what is counted for a
    /// phrase that falls wholly past the 512-character cut (its slots are not drawn).
    var fullUnits: UInt16
    /// Slots in the phrase.
    var slotCount: UInt8
}

/// Where a slot sits in its phrase and what fills it, stored as 4 bytes in the arena just
/// before the phrase's text (one cache line holds both); the pool a slot kind draws from in
/// each language is in the synthesizer's slot-pool table.
struct EncodedSlot {
    /// Bytes of the record in the arena.
    static let size = 4
    /// Bytes of the phrase before the slot.
    var byteOffset: UInt16
    /// Unicode scalars of the phrase before the slot.
    var scalarOffset: UInt8
    /// The ``PhraseSlot`` raw value.
    var kind: UInt8

    init(byteOffset: UInt16, scalarOffset: UInt8, kind: UInt8) {
        self.byteOffset = byteOffset
        self.scalarOffset = scalarOffset
        self.kind = kind
    }

    /// The record stored at `pointer`.
    @inline(__always)
    init(_ pointer: UnsafePointer<UInt8>) {
        byteOffset = UInt16(pointer[0]) | UInt16(pointer[1]) << 8
        scalarOffset = pointer[2]
        kind = pointer[3]
    }

    /// The record's bytes, as stored.
    var bytes: [UInt8] { [UInt8(byteOffset & 0xFF), UInt8(byteOffset >> 8), scalarOffset, kind] }
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
    /// Context sentences of group `g` (``ContextGroup/rawValue``) are at `context + g`.
    static let context = 7
    static let math = context + ContextGroup.allCases.count
    static let topic = math + 1
    /// One phrase: what separates sentences (" ", or nothing in Chinese and Japanese).
    static let separator = topic + 1
    static let codeIntro = separator + 1
    /// Debugging templates for programming and data-science topics.
    static let codeTopicTemplates = codeIntro + 1
    static let query = codeTopicTemplates + 1
    static let description = query + 1
    static let team = description + 1
    static let month = team + 1
    /// One phrase each: the decimal and group marks, and the literal text before, between
    /// and after the two parts of a date (``LanguagePhrases/dateFormat``).
    static let decimalMark = month + 1
    static let groupMark = decimalMark + 1
    static let datePrefix = groupMark + 1
    static let dateBetween = datePrefix + 1
    static let dateSuffix = dateBetween + 1
    /// Templates of task kind `k` are at `templates + k`.
    static let templates = dateSuffix + 1
    /// Pools per language.
    static let perLanguage = templates + TaskKind.allCases.count

    // Language-neutral pools, in the row after the last language.
    static let code = 0
    static let fenceOpen = 1
    static let fenceClose = 2
    static let paragraph = 3
    static let newline = 4
    static let product = 5
    static let company = 6
    static let person = 7
    /// One phrase: "." (in version numbers).
    static let dot = 8
    static let neutralCount = 9
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
