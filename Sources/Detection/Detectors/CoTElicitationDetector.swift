import Features
import Traffic

/// Flags accounts whose prompts coerce reasoning traces or rubric-style grading and whose
/// answers are long enough to carry them: the prompt family of reasoning-trace distillation.
///
/// Sources: the 2026 provider reports on distillation campaigns (quoted in
/// `Sources/Simulation/Campaigns/TacticCatalog.swift`): "chain-of-thought elicitation and
/// rubric-grading prompts", and one campaign of > 100,000 prompts "coercing full reasoning
/// traces in many non-English languages"; Kojima et al., "Large language models are zero-shot
/// reasoners", NeurIPS 2022, for the phrasing ("Let's think step by step").
///
/// Signal: a request *elicits a trace* when its prompt contains a ``ReasoningPhrases`` or
/// ``GradingPhrases`` phrase (all seven shipped languages; read from the prompt text directly,
/// one Aho–Corasick pass); it counts min(1, completion tokens / `trace_tokens`), so a grade of a
/// few tokens counts little and a full reasoning trace counts 1. The account's score is
///
///     Σ over eliciting requests of min(1, completion / trace_tokens) / max(requests, min_requests)
///
/// — the share of its requests that came back as full traces, damped so that fewer than
/// `min_requests` requests cannot reach the share they would have at that volume (a handful of
/// "think step by step" questions scores a handful / 50). Recorded in steps of 0.01.
///
/// Benign users ask for reasoning too (developers now and then; evaluation harnesses grade on
/// most prompts, but their answers are a score or a label, tens of tokens), so the weight by
/// completion length is what separates a harvest from an evaluation team.
///
/// Default threshold 0.3, chosen on calibration seeds 900–909 (see ``defaultThreshold``).
public struct CoTElicitationDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Completion tokens from which an eliciting request counts in full (default 512).
        public var traceTokens: Double = 512
        /// Requests before an account's share counts in full (default 50).
        public var minimumRequests: Double = 50

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .number("trace_tokens", \.traceTokens, in: 1...1e9, "completion tokens from which an eliciting request counts in full"),
                .number("min_requests", \.minimumRequests, in: 1...1e9, "requests before an account's share counts in full"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case traceTokens = "trace_tokens"
            case minimumRequests = "min_requests"
        }
    }

    public static let catalogName = "cot-elicitation"
    public static let summary = "share of requests coercing reasoning traces or rubric grading, weighted by completion length"
    public let settings: Settings
    /// 0.3, chosen on calibration seeds 900–909 of `tactic-cot-elicitation` and `tactic-hydra`
    /// and 900–904 of `realistic-mix` at scale 0.25 (25 evaluations): no benign account reached
    /// 0.3 in any of them (the highest on seed 900: evaluation harness 0.22, developer 0.15,
    /// synthetic-data 0.14), so 0.3 is the first round value above them with a margin. At it the
    /// naive cot campaign is caught in full (79–80 of 80 accounts a seed), 393–399 of 400 hydra
    /// accounts (their prompts coerce reasoning too), and 34–38 of realistic-mix's 76 careful cot
    /// accounts; its expert ones, written like a developer's, stay below. The other defaults,
    /// on seed 900: `trace_tokens` 256 flagged 2 of 10 evaluation harnesses, 1,024 halved the
    /// careful campaign's recall; `min_requests` 100 lost a quarter of the hydra accounts.
    public let defaultThreshold = 0.3
    public var reads: Set<RequestField> { [.ts, .account, .completionTokens, .prompt] }

    /// Reasoning and grading phrases in one automaton.
    static let phrases = PhraseMatcher(phrases: ReasoningPhrases.phrases + GradingPhrases.phrases)

    private var requests = PerAccount<Double>(0)
    private var traces = PerAccount<Double>(0)
    private var steps = ScoreSteps(.additive(0.01), floor: 0.01)

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func begin(accounts: [Account]) {
        grow(to: accounts.count)
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        let inverseTrace = 1 / settings.traceTokens
        let minimum = settings.minimumRequests
        let matcher = Self.phrases
        batch.prompts.bytes.withUnsafeBytes { bytes in
            for i in 0..<batch.count {
                let account = batch.accounts[i]
                let count = requests[account] + 1
                requests[account] = count
                let completion = batch.completionTokens[i]
                // An empty answer carries no trace: skip the scan.
                guard completion > 0 else { continue }
                guard matcher.matches(UnsafeRawBufferPointer(rebasing: bytes[batch.prompts.range(i)])) else { continue }
                let total = traces[account] + min(1, Double(completion) * inverseTrace)
                traces[account] = total
                steps.offer(total / max(count, minimum), account: account, time: batch.timestamps[i], board: &board)
            }
        }
    }

    private mutating func grow(to count: Int) {
        requests.grow(to: count)
        traces.grow(to: count)
        steps.grow(to: count)
    }
}
