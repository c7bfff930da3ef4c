/// Phrasings that ask a model to spell out its reasoning ("reasoning coercion"), in the seven
/// languages of the shipped prompt pools, for the audit's `prompt.reasoning_share` feature.
///
/// Chain-of-thought elicitation marks reasoning-trace distillation (the 2026 provider reports
/// quoted in issue 3 and `TacticCatalog`: campaigns "coercing full reasoning traces in many
/// non-English languages"; Kojima et al., "Large language models are zero-shot reasoners",
/// NeurIPS 2022, for "Let's think step by step"), and benign users ask for it too. The list is plain text, written from how people phrase the request in each
/// language; it covers the phrasings of the generator's reasoning fillers and step-by-step
/// templates (`Sources/Simulation/Prompts/PromptPools+*.swift`) without reading them, so it
/// applies unchanged to real logs. It is deliberately small: a prompt counts if it contains at
/// least one phrase (``PhraseMatcher``, ASCII case ignored).
public enum ReasoningPhrases {
    /// The phrases by language (ISO 639-1 code), lower case.
    public static let byLanguage: [(language: String, phrases: [String])] = [
        (
            "en",
            [
                "step by step", "step-by-step", "one step at a time", "show your work", "show your reasoning",
                "explain your reasoning", "walk through your reasoning", "chain of reasoning", "chain of thought",
                "intermediate reasoning", "think carefully", "reason carefully", "think this through",
                "reason from first principles", "reason about each", "explain each step", "explain the logic behind",
            ]
        ),
        ("es", ["paso a paso", "tu razonamiento", "todo el razonamiento", "razona en detalle", "todos los pasos", "cada paso"]),
        (
            "de",
            [
                "schritt für schritt", "zwischenschritte", "den rechenweg", "deine überlegungen", "begründe ausführlich",
                "jeden schritt", "von den grundprinzipien",
            ]
        ),
        (
            "fr",
            [
                "étape par étape", "ton raisonnement", "tout le raisonnement", "toutes les étapes", "chaque étape",
                "principes de base",
            ]
        ),
        ("pt", ["passo a passo", "seu raciocínio", "todo o raciocínio", "raciocine", "cada passo", "todas as contas"]),
        ("zh", ["逐步", "一步一步", "一步步", "推理过程", "你的推理", "详细推理", "解题过程", "每一步", "第一性原理"]),
        ("ja", ["ステップバイステップ", "一歩ずつ", "順を追って", "推論", "途中式", "段階的に", "考え方を説明", "各ステップ", "第一原理"]),
    ]

    /// Every phrase, in ``byLanguage`` order.
    public static let phrases: [String] = byLanguage.flatMap(\.phrases)

    /// The matcher of ``phrases``.
    public static let matcher = PhraseMatcher(phrases: phrases)
}
