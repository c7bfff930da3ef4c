// Starting points for personas and campaigns. All presets draw from the same pools; they differ
// only in weights. Numbers marked "assumption" are not from a published source: tune them
// against real traffic when it is available.

extension PromptStyle {
    // MARK: - Shared weights

    /// Language shares of public chat logs restricted to the pooled languages and renormalised:
    /// English about half, Chinese next, then French, Spanish, Portuguese, German, Japanese
    /// (approximately the shares reported for WildChat, Zhao et al., ICLR 2024, and
    /// LMSYS-Chat-1M, Zheng et al., ICLR 2024).
    public static let worldLanguages: [Language: Double] = [
        .en: 0.58, .zh: 0.14, .fr: 0.06, .es: 0.06, .pt: 0.06, .de: 0.05, .ja: 0.05,
    ]

    /// Task mix of general chat use: coding, writing and explanation dominate (approximately
    /// after the task clusters of Clio, Tamkin et al., 2024, and WildChat, Zhao et al., 2024);
    /// grading and self-instruct generation are rare but present (evaluation and data teams).
    public static let chatTaskMix: [TaskKind: Double] = [
        .explain: 0.14, .writeCode: 0.10, .debugCode: 0.07, .summarize: 0.06, .translate: 0.04,
        .brainstorm: 0.07, .compare: 0.04, .solveMath: 0.05, .draftEmail: 0.07, .classify: 0.01,
        .extract: 0.02, .rewrite: 0.07, .factualQuestion: 0.10, .rolePlay: 0.03,
        .stepByStepReasoning: 0.02, .gradeAnswer: 0.01, .generateExamples: 0.01,
        .continueConversation: 0.09,
    ]

    // MARK: - Benign

    /// A general chat user: one main language, a dozen recurring interests, casual phrasing.
    ///
    /// Typos in about 12 % of prompts (10–15 % of web search queries are misspelled:
    /// Cucerzan & Brill, EMNLP 2004); follow-ups in 30 % (LMSYS-Chat-1M averages about two
    /// turns per conversation: Zheng et al., ICLR 2024); other rates are assumptions.
    public static let generalUser = PromptStyle()

    /// A software developer: code-heavy, mostly English, focused on programming and data topics.
    ///
    /// Some developers work through a syllabus (students, course and tutorial writers): 8 % of
    /// accounts sweep their domains on 40 % of their prompts, in their own random order
    /// (assumption; issue 7 asks that some benign personas sweep). Code is pasted as context
    /// in 6 % of prompts where it fits (assumption; see ``pastedCode``).
    public static let developer = PromptStyle(
        languages: [.en: 0.8, .zh: 0.06, .de: 0.04, .fr: 0.03, .es: 0.03, .pt: 0.02, .ja: 0.02],
        taskKinds: [
            .writeCode: 0.32, .debugCode: 0.25, .explain: 0.15, .compare: 0.06, .stepByStepReasoning: 0.03,
            .generateExamples: 0.02, .extract: 0.03, .factualQuestion: 0.05, .continueConversation: 0.09,
        ],
        topics: .focused(count: 10, zipfExponent: 1.1, domains: [.programming, .dataScience, .math]),
        greeting: 0.05, background: 0.08, politeness: 0.08, typo: 0.1, followUp: 0.4,
        reasoningSuffix: 0.05, formatInstruction: 0.1, context: 0.12,
        sweeperShare: 0.08, sweepShare: 0.4, pastedCode: 0.06
    )

    /// A student: explanations, homework and essays; asks for worked steps more often than most.
    /// One in ten revises a whole course, topic after topic, on half of their prompts
    /// (assumption).
    public static let student = PromptStyle(
        taskKinds: [
            .explain: 0.25, .solveMath: 0.14, .summarize: 0.1, .stepByStepReasoning: 0.08, .rewrite: 0.07,
            .factualQuestion: 0.12, .brainstorm: 0.06, .compare: 0.05, .translate: 0.04,
            .generateExamples: 0.02, .gradeAnswer: 0.02, .continueConversation: 0.05,
        ],
        topics: .focused(
            count: 15, zipfExponent: 0.9,
            domains: [.science, .math, .history, .writing, .education, .programming]
        ),
        greeting: 0.2, background: 0.2, politeness: 0.25, typo: 0.15, reasoningSuffix: 0.12,
        sweeperShare: 0.1, sweepShare: 0.5
    )

    /// A professional: emails, rewriting and summaries of pasted documents.
    public static let professional = PromptStyle(
        taskKinds: [
            .draftEmail: 0.25, .rewrite: 0.18, .summarize: 0.16, .extract: 0.08, .translate: 0.07,
            .brainstorm: 0.08, .explain: 0.08, .compare: 0.04, .classify: 0.02, .continueConversation: 0.04,
        ],
        topics: .focused(count: 8, zipfExponent: 1, domains: [.business, .finance, .law, .customerSupport, .writing]),
        greeting: 0.1, politeness: 0.3, typo: 0.08, formatInstruction: 0.25, context: 0.3
    )

    /// A benign evaluation or data team: grading and labelling through fixed templates over a
    /// broad topic range, with reasoning requested. Looks like a campaign on purpose (a
    /// hard negative); rates are assumptions. Most harnesses run a benchmark subject by
    /// subject (MMLU's 57 subjects: Hendrycks et al., ICLR 2021; EleutherAI's
    /// lm-evaluation-harness runs task by task), so 80 % of accounts sweep, on 90 % of their
    /// prompts, in their own order.
    public static let evaluationHarness = PromptStyle(
        languages: [.en: 0.7, .de: 0.1, .fr: 0.1, .es: 0.1], languageStickiness: 0.9,
        taskKinds: [.gradeAnswer: 0.5, .classify: 0.25, .extract: 0.15, .factualQuestion: 0.1],
        topics: .uniform(), greeting: 0, background: 0, politeness: 0, typo: 0, followUp: 0,
        reasoningSuffix: 0.5, formatInstruction: 0.6, context: 0.1, templateReuse: 0.6, nearDuplicate: 0.2,
        sweeperShare: 0.8, sweepShare: 0.9
    )

    // MARK: - Distillation tactics

    /// Coverage harvesting: walks every topic in order across three languages, explanation and
    /// reasoning prompts, little small talk (assumption, after the breadth-first harvesting
    /// described in provider reports on distillation campaigns).
    public static let coverageSweep = PromptStyle(
        languages: [.en: 0.5, .zh: 0.3, .es: 0.2], languageStickiness: 0,
        taskKinds: [
            .explain: 0.3, .factualQuestion: 0.2, .stepByStepReasoning: 0.2, .compare: 0.15, .solveMath: 0.15,
        ],
        topics: .sweep(), greeting: 0.02, background: 0.02, politeness: 0.03, typo: 0.01, followUp: 0.02,
        reasoningSuffix: 0.5, formatInstruction: 0.2, context: 0.02, templateReuse: 0.3, nearDuplicate: 0.02
    )

    /// Chain-of-thought elicitation: reasoning-heavy tasks with an explicit request for the
    /// full reasoning on most prompts (assumption).
    public static let reasoningElicitation = PromptStyle(
        languages: [.en: 0.8, .zh: 0.2], languageStickiness: 0.8,
        taskKinds: [.stepByStepReasoning: 0.4, .solveMath: 0.3, .explain: 0.15, .compare: 0.15],
        topics: .uniform(domains: [.math, .science, .programming, .dataScience, .finance]),
        greeting: 0.02, background: 0.02, politeness: 0.05, typo: 0.01, followUp: 0.05,
        reasoningSuffix: 0.85, formatInstruction: 0.15, context: 0.02, templateReuse: 0.2, nearDuplicate: 0.05
    )

    /// Self-instruct style seed generation: asks the model to write instructions and examples
    /// through a fixed scaffold (Wang et al., "Self-Instruct", ACL 2023).
    public static let selfInstruct = PromptStyle(
        languages: [.en: 1], languageStickiness: 1,
        taskKinds: [.generateExamples: 0.7, .brainstorm: 0.15, .rewrite: 0.15],
        topics: .uniform(), greeting: 0, background: 0, politeness: 0.02, typo: 0, followUp: 0.02,
        reasoningSuffix: 0.05, formatInstruction: 0.5, context: 0.05, templateReuse: 0.7, nearDuplicate: 0.05
    )

    /// Rubric-graded harvesting: has the model grade answers against a rubric to obtain
    /// preference and reward data (assumption).
    public static let rubricHarvest = PromptStyle(
        languages: [.en: 0.7, .es: 0.15, .fr: 0.15], languageStickiness: 0.5,
        taskKinds: [.gradeAnswer: 0.75, .compare: 0.15, .classify: 0.1],
        topics: .uniform(), greeting: 0, background: 0, politeness: 0.02, typo: 0.01, followUp: 0.02,
        reasoningSuffix: 0.4, formatInstruction: 0.5, context: 0.05, passageSentences: 2...5,
        templateReuse: 0.5, nearDuplicate: 0.1
    )

    /// Logit probing: short classification and factual prompts, sent with log-probabilities
    /// requested (parameters set elsewhere), often repeated with small changes (assumption).
    public static let logitProbe = PromptStyle(
        languages: [.en: 1], languageStickiness: 1,
        taskKinds: [.classify: 0.5, .factualQuestion: 0.4, .explain: 0.1],
        topics: .uniform(), greeting: 0, background: 0, politeness: 0, typo: 0, followUp: 0,
        reasoningSuffix: 0.02, formatInstruction: 0.3, context: 0, passageSentences: 1...2,
        templateReuse: 0.4, nearDuplicate: 0.3
    )
}
