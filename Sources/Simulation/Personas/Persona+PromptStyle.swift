extension Persona {
    /// How the persona's prompts read. Products that serve many end users (chat-app, router)
    /// see every topic and language their users bring; individuals focus on a few interests;
    /// some accounts of developer, eval-harness, synthetic-data and research-lab sweep topics
    /// (issue 7: benign sweeps exist, so a sweep alone is no proof). Rates without a source
    /// are assumptions.
    public var promptStyle: PromptStyle {
        switch self {
        case .chatApp:
            PromptStyle(languageStickiness: 0, topics: .uniform())
        case .codingAgent:
            // Agents send the files, diffs and tool output they work on with most turns
            // (the observation turns of SWE-agent, Yang et al., NeurIPS 2024): pasted code in
            // 45 % of prompts, so that coding agents carry code more often than developers.
            PromptStyle(
                languages: PromptStyle.developer.languages, languageStickiness: 0.9,
                taskKinds: [.writeCode: 0.3, .debugCode: 0.3, .explain: 0.1, .extract: 0.05, .continueConversation: 0.25],
                topics: .focused(count: 16, zipfExponent: 0.8, domains: [.programming, .dataScience]),
                greeting: 0, background: 0.02, politeness: 0.02, typo: 0.02, followUp: 0.6,
                reasoningSuffix: 0.08, formatInstruction: 0.2, context: 0.3, templateReuse: 0.1, nearDuplicate: 0.03,
                pastedCode: 0.45)
        case .developer:
            .developer
        case .enterpriseRAG:
            PromptStyle(
                languages: PromptStyle.professional.languages, languageStickiness: 0.95,
                taskKinds: PromptStyle.professional.taskKinds, topics: PromptStyle.professional.topics,
                greeting: 0.05, politeness: 0.15, typo: 0.06, formatInstruction: 0.2, context: 0.75)
        case .evalHarness:
            .evaluationHarness
        case .syntheticData:
            // Taxonomy-driven generation walks a list of subjects (GLAN: Li et al., "Synthetic
            // Data (Almost) from Scratch", 2024): 30 % of accounts sweep on 60 % of prompts.
            PromptStyle(
                languages: [.en: 0.8, .es: 0.05, .fr: 0.05, .de: 0.05, .pt: 0.05], languageStickiness: 0.9,
                taskKinds: [.generateExamples: 0.55, .rewrite: 0.2, .brainstorm: 0.15, .classify: 0.1],
                topics: .focused(count: 16, zipfExponent: 0.5), greeting: 0, background: 0, politeness: 0.02,
                typo: 0, followUp: 0.02, reasoningSuffix: 0.1, formatInstruction: 0.6, context: 0.1,
                templateReuse: 0.7, nearDuplicate: 0.1, sweeperShare: 0.3, sweepShare: 0.6)
        case .researchLab:
            // Probing studies run one prompt set over many subjects: 20 % of accounts sweep on
            // half of their prompts.
            PromptStyle(
                languages: [.en: 0.85, .zh: 0.05, .de: 0.05, .fr: 0.05], languageStickiness: 0.95,
                taskKinds: [.classify: 0.3, .factualQuestion: 0.35, .explain: 0.15, .stepByStepReasoning: 0.1, .solveMath: 0.1],
                topics: .focused(count: 16, zipfExponent: 0.6), greeting: 0, background: 0.02, politeness: 0.02,
                typo: 0.02, followUp: 0.05, reasoningSuffix: 0.15, formatInstruction: 0.3, context: 0.05,
                templateReuse: 0.4, nearDuplicate: 0.25, sweeperShare: 0.2, sweepShare: 0.5)
        case .router:
            PromptStyle(languageStickiness: 0, topics: .uniform(), followUp: 0.35)
        }
    }
}
