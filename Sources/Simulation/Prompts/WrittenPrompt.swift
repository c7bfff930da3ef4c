/// What ``PromptSynthesizer/write(style:state:into:source:)`` wrote: lengths for the usage
/// fields and the draws behind the text (simulation-side knowledge: never put it in a trace).
public struct WrittenPrompt: Sendable, Hashable {
    /// Unicode scalars written to the column (≤ ``PromptSynthesizer/maxCharacters``).
    public var characters: Int
    /// Estimated tokens of the whole message, including text past the 512-character cut
    /// (pasted context): ≈ 1 token per 4 characters of English and code, per 3 characters of
    /// Spanish, German, French and Portuguese, and 1 per Chinese or Japanese character.
    public var tokens: Int
    /// The topic index (``PromptPools/topics``).
    public var topic: Int
    /// Typos applied (0–3).
    public var typos: Int
    /// Which optional parts the prompt has.
    public var features: PromptFeatures
    let languageIndex: UInt8
    let kindIndex: UInt8

    /// The prompt's language.
    public var language: Language { Language(index: Int(languageIndex)) }
    /// The prompt's task kind (for a follow-up, the kind of the exchange it continues; for an
    /// embeddings passage, ``TaskKind/extract``).
    public var kind: TaskKind { TaskKind.ordered[Int(kindIndex)] }
}

/// Optional parts of a prompt.
public struct PromptFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// A greeting opens the prompt.
    public static let greeting = PromptFeatures(rawValue: 1 << 0)
    /// A sentence about the asker's situation.
    public static let background = PromptFeatures(rawValue: 1 << 1)
    /// A politeness closer.
    public static let politeness = PromptFeatures(rawValue: 1 << 2)
    /// A reasoning-elicitation suffix.
    public static let reasoningSuffix = PromptFeatures(rawValue: 1 << 3)
    /// A format instruction.
    public static let formatInstruction = PromptFeatures(rawValue: 1 << 4)
    /// Pasted context (RAG-like).
    public static let context = PromptFeatures(rawValue: 1 << 5)
    /// A follow-up on the previous exchange instead of a new question.
    public static let followUp = PromptFeatures(rawValue: 1 << 6)
    /// The previous template reused with a new topic.
    public static let templateReuse = PromptFeatures(rawValue: 1 << 7)
    /// The previous template and topic repeated (near-duplicate).
    public static let nearDuplicate = PromptFeatures(rawValue: 1 << 8)
    /// The text was cut at ``PromptSynthesizer/maxCharacters``.
    public static let truncated = PromptFeatures(rawValue: 1 << 9)
    /// Code is pasted: a debugging snippet, or a file, diff or stack trace as context.
    public static let code = PromptFeatures(rawValue: 1 << 10)
    /// An embeddings input (``PromptSynthesizer/writePassage(style:state:into:source:)``):
    /// a passage, not a chat message.
    public static let passage = PromptFeatures(rawValue: 1 << 11)
}
