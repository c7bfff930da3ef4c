/// What a prompt asks the model to do; every kind has several phrasing templates per language.
///
/// Shares follow what assistants see in the wild (coding, writing, explanation and advice
/// dominate: Tamkin et al., "Clio", 2024; Zhao et al., "WildChat", ICLR 2024), and every kind
/// is also used by distillation campaigns, only with other weights.
public enum TaskKind: String, CaseIterable, Sendable, Hashable, Codable {
    case explain
    case summarize
    case writeCode = "write-code"
    case debugCode = "debug-code"
    case translate
    case brainstorm
    case compare
    case solveMath = "solve-math"
    case draftEmail = "draft-email"
    case classify
    case extract
    case rewrite
    case factualQuestion = "factual-question"
    case rolePlay = "role-play"
    case stepByStepReasoning = "step-by-step"
    case gradeAnswer = "grade-answer"
    /// Self-instruct style ("Generate 5 diverse instructions about …"; Wang et al., ACL 2023).
    case generateExamples = "generate-examples"
    case continueConversation = "continue-conversation"

    /// The position of this kind in ``allCases``.
    public var index: Int { TaskKind.positions[self]! }

    /// ``allCases`` as a stored table (cheap to index in the write path).
    static let ordered: [TaskKind] = allCases
    private static let positions: [TaskKind: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) }
    )

    /// What the template is followed by: pasted text, a code snippet or a math problem.
    var attachment: Attachment {
        switch self {
        case .summarize, .translate, .classify, .extract, .rewrite, .gradeAnswer: .passage
        case .debugCode: .code
        case .solveMath: .mathProblem
        default: .none
        }
    }

    /// True for the coding tasks, whose prompts may carry pasted code whatever their topic
    /// ("write the recipe app's import script; here is what I have").
    var invitesCode: Bool { self == .writeCode || self == .debugCode }

    /// Material appended after a task template.
    enum Attachment: Sendable {
        case none, passage, code, mathProblem
    }
}
