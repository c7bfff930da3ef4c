import Features
import Testing

/// The reasoning and grading phrase lists match how people ask in each shipped language, and
/// phrases written with a leading space match at word starts only.
struct CoercionPhrasesTests {
    /// Requests for reasoning, one per language, written for this test.
    static let reasoning = [
        "Can you solve this and show your work? A train leaves at 3pm at 80 km/h.",
        "请一步一步地推导这个积分。",
        "この問題を順を追って解いてください。",
        "Resuelve este problema paso a paso, por favor.",
        "Erkläre Schritt für Schritt, wie man das löst.",
        "Explique étape par étape comment résoudre l'équation.",
        "Resolva passo a passo esta equação do segundo grau.",
    ]

    /// Requests for a grade, one per language, written for this test.
    static let grading = [
        "Here is a student's essay. Grade the response using this rubric.",
        "请给这篇作文打分，并说明扣分原因。",
        "この答案を採点してください。",
        "Evalúa la respuesta del modelo del 1 al 10.",
        "Bewerte die Antwort auf einer Skala von 1 bis 10.",
        "Donne une note sur 10 à cette réponse.",
        "Avalie a resposta do aluno de 1 a 10.",
    ]

    @Test(arguments: reasoning) func reasoningRequestsMatch(_ prompt: String) {
        #expect(ReasoningPhrases.matcher.matches(prompt))
    }

    @Test(arguments: grading) func gradingRequestsMatch(_ prompt: String) {
        #expect(GradingPhrases.matcher.matches(prompt))
    }

    @Test func everyLanguageHasGradingPhrases() {
        #expect(GradingPhrases.byLanguage.map(\.language) == ReasoningPhrases.byLanguage.map(\.language))
        #expect(GradingPhrases.byLanguage.allSatisfy { !$0.phrases.isEmpty })
    }

    @Test func leadingSpacePhrasesMatchAtWordStartsOnly() {
        let matcher = GradingPhrases.matcher
        #expect(matcher.matches("Rate the answer below."))  // the text's first word
        #expect(matcher.matches("Please\nrate the answer below."))  // after a line break
        #expect(!matcher.matches("Generate the answer in JSON."))
        #expect(!matcher.matches("Translate this response into German."))
        #expect(!matcher.matches("What is the exchange rate today?"))
    }

    @Test func ordinaryPromptsDoNotMatch() {
        let prompts = [
            "Write a haiku about autumn leaves.", "Summarise this article in three bullet points.",
            "帮我写一封请假邮件。", "Traduce este correo al inglés.", "Quelle est la capitale du Canada ?",
        ]
        for prompt in prompts {
            #expect(!ReasoningPhrases.matcher.matches(prompt) && !GradingPhrases.matcher.matches(prompt), "\(prompt)")
        }
    }
}
