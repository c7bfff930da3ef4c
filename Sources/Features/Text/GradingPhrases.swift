/// Phrasings that ask a model to grade an answer against a rubric or a scale, in the seven
/// languages of the shipped prompt pools.
///
/// Rubric grading is the second prompt family of reasoning-trace distillation named in the
/// 2026 provider reports (`TacticCatalog`: "chain-of-thought elicitation and rubric-grading
/// prompts", used to harvest reward-model and preference data); evaluation teams ask for it too,
/// with short answers (a score). The list is plain text, written from how people ask for a grade
/// in each language (rubrics, scales, "act as a grader", "justify the score"), not read from the
/// generator's pools, so it applies unchanged to real logs.
///
/// Phrases that begin with a space match at the start of a word only (``PhraseMatcher`` reads a
/// text as if preceded by a space), so " rate the answer" does not match inside "generate the
/// answer".
public enum GradingPhrases {
    /// The phrases by language (ISO 639-1 code), lower case except for accented capitals
    /// (``PhraseMatcher`` folds ASCII letters only).
    public static let byLanguage: [(language: String, phrases: [String])] = [
        (
            "en",
            [
                "rubric", "grading criteria", "scoring criteria", " grade this", " grade the answer", " grade the response",
                " grade the following", " grade each", " rate this answer", " rate this response", " rate the answer",
                " rate the response", " score this answer", " score this response", " score the answer",
                " score the response", "on a scale of 1", "on a scale from 1", "out of 10", "give it a score",
                "give a score", "assign a score", "justify the score", "justify your score", "explain each score",
                "act as a grader", "as a strict grader", "act as a judge", "as an impartial judge",
                "which response is better", "which answer is better", "evaluate the following response",
                "evaluate the following answer", "evaluate this answer", "evaluate this response",
            ]
        ),
        (
            "es",
            [
                "rúbrica", "criterios de evaluación", "califica esta respuesta", "califica la respuesta", "evalúa esta respuesta",
                "evalúa la siguiente respuesta", "evalúa la respuesta", "puntúa esta", "ponle una nota", "del 1 al 10",
                "en una escala de", "justifica la nota", "justifica cada nota", "da una puntuación", "como un corrector",
            ]
        ),
        (
            "de",
            [
                "bewertungsraster", "nach dem raster", "bewertungskriterien", "bewerte diese antwort", "bewerte die antwort",
                "beurteile diese antwort", "beurteile die folgende antwort", "von 1 bis 10", "auf einer skala von",
                "punktzahl", "begründe die note", "begründe jede note", "als strenger prüfer", "sei ein strenger prüfer",
            ]
        ),
        (
            "fr",
            [
                "grille d'évaluation", "selon la grille", "barème", "note cette réponse", "évalue cette réponse",
                "Évalue cette réponse", "évalue la réponse", "Évalue la réponse", "évaluez la réponse", "Évaluez la réponse",
                "note sur 10", "sur une échelle de", "justifie la note", "justifie chaque note", "correcteur sévère",
            ]
        ),
        (
            "pt",
            [
                "rubrica", "critérios de avaliação", "avalie esta resposta", "avalie a resposta", "dê uma nota", "de 1 a 10",
                "numa escala de", "em uma escala de", "justifique a nota", "justifique cada nota", "corretor rigoroso",
            ]
        ),
        ("zh", ["评分标准", "评分细则", "打分", "给出分数", "阅卷", "满分", "1到10分", "评估下面", "评价这个回答", "评判"]),
        ("ja", ["評価基準", "採点", "点満点", "点数", "スコアをつけ", "評価してください", "審査員として"]),
    ]

    /// Every phrase, in ``byLanguage`` order.
    public static let phrases: [String] = byLanguage.flatMap(\.phrases)

    /// The matcher of ``phrases``.
    public static let matcher = PhraseMatcher(phrases: phrases)
}
