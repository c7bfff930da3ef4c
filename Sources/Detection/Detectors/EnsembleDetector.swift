import Features
import Traffic

/// Combines other detectors' evidence by a rule fixed in advance, never fitted to evaluated
/// traffic: each member runs with its default configuration, and an account's ensemble score is
/// the largest of its normalised member scores nᵢ = min(sᵢ / cᵢ, `cap`) (`rule=max`) or their
/// sum (`rule=sum`, the sum rule of Kittler et al., "On combining classifiers", IEEE TPAMI 1998),
/// where sᵢ is the member's running maximum and cᵢ its scale.
///
/// **Scales.** With `normalise=calibrated` (the default) cᵢ is the member's score that only
/// 0.1 % of benign accounts reach on calibration traffic — its `fpr_budget` operating point on
/// `realistic-mix` at calibration seed 900, scale 1 (``calibratedScales``; `distillbench run
/// Scenarios/realistic-mix.yaml --seeds 900 --detectors all`), never an evaluation or tuning
/// seed — so 1 means the same for every member: "as rare as the benchmark's FPR budget among
/// benign accounts". With `normalise=default` cᵢ is the member's default threshold, so 1 means
/// "flagged by its own rule"; several defaults (`volume`'s limit, `parameter-abuse`'s share,
/// `knn-stateful`'s per-query percentile) are reached by 0.4–2.3 % of benign accounts, and
/// under the sum rule their noise adds up (20 % of benign accounts of seed 900 above 1).
///
/// **Rule and threshold.** `max` with threshold 1 is a logical OR of the members at the budget: at
/// most about ten members × 0.1 % of benign accounts flagged (0.63 % on seed 900, recall 0.56). It
/// was chosen over `sum` on the same calibration run: AP 0.607 against 0.447 (and 0.261 / 0.199
/// normalised by the default thresholds). `sum` ranks accounts with several signals above accounts
/// with one, at the cost of adding the members' benign noise: at 1 it flags 21 % of benign
/// accounts. Capping keeps one runaway signal from dominating a sum. The combination is causal:
/// member rises are merged in time order. A member that the run also includes with its defaults is
/// not run twice: the runner lends its rises (``CombiningDetector``), with the same result.
public struct EnsembleDetector: ConfigurableDetector, CombiningDetector {
    /// The ensemble's parameters.
    public struct Settings: DetectorConfiguration {
        /// Member catalogue names joined by `+` (default: every other built-in detector but `null`).
        public var members: String = EnsembleDetector.defaultMembers.joined(separator: "+")
        /// `max` or `sum` of the normalised member scores.
        public var rule: String = "max"
        /// `calibrated` (by each member's score at the FPR budget on calibration traffic) or
        /// `default` (by its default threshold).
        public var normalise: String = "calibrated"
        /// The cap on each normalised member score.
        public var cap: Double = 2

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .choice("rule", \.rule, of: ["max", "sum"], "how normalised member scores combine"),
                .choice("normalise", \.normalise, of: ["calibrated", "default"], "member scores over their calibrated scale or their default threshold"),
                .number("cap", \.cap, in: 1...1_000, "cap on each normalised member score"),
                .text("members", \.members, "member detectors (catalogue names joined by +), each with its defaults"),
            ]
        }
    }

    /// Every built-in detector but `null` and the ensemble itself.
    public static var defaultMembers: [String] {
        DetectorCatalog.members.map(\.name).filter { $0 != NullDetector.catalogName }
    }

    public static let catalogName = "ensemble"
    public static let summary = "largest of the other detectors' scores, each over its score at the FPR budget on calibration traffic"

    /// Each built-in member's score at the benchmark's 0.1 % FPR budget on calibration traffic:
    /// `realistic-mix`, calibration seed 900, scale 1 (the `fpr_budget` operating points of
    /// `distillbench run Scenarios/realistic-mix.yaml --seeds 900 --detectors all`), to 4
    /// significant digits. Recompute when a member or the generator changes.
    public static let calibratedScales: [String: Double] = [
        "volume": 6.477, "parameter-abuse": 2.745, "cot-elicitation": 0.1268, "coverage": 1.105,
        "prada": 0.2394, "knn-stateful": 1.191, "near-duplicate": 2.119, "window-mmd": 0.1265,
        "hydra": 0.2201, "temporal": 1.080,
    ]
    public let settings: Settings
    public let defaultThreshold = 1.0
    public let needs: PromptFeatureSet
    public let reads: Set<RequestField>

    /// Configured names and scales of the members, in order.
    public let memberNames: [String]
    private let scales: [Double]
    /// The members run inside, with their boards; `nil` where the runner lends the member's rises.
    private var members: [(any Detector)?]
    private var boards: [ScoreBoard] = []
    /// Change points of each own member's board already folded in.
    private var consumed: [Int] = []
    /// Normalised member scores per account, `account * members.count + member`.
    private var normalised: [Double] = []
    private var steps = ScoreSteps(.additive(0.01), floor: 0.01)

    public init(settings: Settings = Settings()) throws(DetectorError) {
        self.settings = settings
        let names = settings.members.split(separator: "+").map { String($0.trimmingWhitespace()) }
        guard !names.isEmpty else {
            throw .inconsistent(detector: Self.catalogName, reason: "members: expected one or more detector names")
        }
        var members: [any Detector] = []
        for name in names {
            guard let kind = DetectorCatalog.members.first(where: { $0.name == name }) else {
                throw .badValue(
                    detector: Self.catalogName, parameter: "members",
                    expected: "names joined by + among \(DetectorCatalog.members.map(\.name).joined(separator: ", "))",
                    found: name)
            }
            guard !members.contains(where: { $0.name == name }) else {
                throw .inconsistent(detector: Self.catalogName, reason: "members: \(name) appears twice")
            }
            members.append(try kind.make())
        }
        self.members = members
        memberNames = members.map(\.name)
        let calibrated = settings.normalise == "calibrated"
        scales = members.map { calibrated ? Self.calibratedScales[$0.name] ?? $0.defaultThreshold : $0.defaultThreshold }
        needs = members.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
        reads = members.reduce(into: Set<RequestField>()) { $0.formUnion($1.reads) }
    }

    public mutating func borrow(_ names: Set<String>) {
        for index in members.indices where names.contains(memberNames[index]) { members[index] = nil }
    }

    public mutating func begin(accounts: [Account]) throws {
        boards = members.map { _ in ScoreBoard(accounts: accounts.count) }
        consumed = members.map { _ in 0 }
        for index in members.indices { try members[index]?.begin(accounts: accounts) }
    }

    public mutating func observe(
        _ batch: RequestBatch, features: PromptFeatures, lent: [String: [ScoreBoard.ChangePoint]],
        board: inout ScoreBoard
    ) throws {
        for index in members.indices { try members[index]?.observe(batch, features: features, board: &boards[index]) }
        fold(lent: lent, into: &board)
    }

    public mutating func finish(lent: [String: [ScoreBoard.ChangePoint]], board: inout ScoreBoard) throws {
        for index in members.indices { try members[index]?.finish(board: &boards[index]) }
        fold(lent: lent, into: &board)
    }

    /// Folds the members' new rises — their own boards' and the lent ones — in time order (ties
    /// by member order, then recording order) into the ensemble.
    private mutating func fold(lent: [String: [ScoreBoard.ChangePoint]], into board: inout ScoreBoard) {
        var rises: [(time: Int64, member: Int, order: Int, point: ScoreBoard.ChangePoint)] = []
        for member in members.indices {
            let points: ArraySlice<ScoreBoard.ChangePoint>
            if members[member] == nil {
                points = (lent[memberNames[member]] ?? [])[...]
            } else {
                points = boards[member].changePoints[consumed[member]...]
                consumed[member] = boards[member].changePoints.count
            }
            for (order, point) in points.enumerated() { rises.append((point.time, member, order, point)) }
        }
        guard !rises.isEmpty else { return }
        rises.sort { ($0.time, $0.member, $0.order) < ($1.time, $1.member, $1.order) }
        let width = members.count
        for (_, member, _, point) in rises {
            let account = Int(point.account)
            if (account + 1) * width > normalised.count {
                normalised.append(contentsOf: repeatElement(0, count: (account + 1) * width - normalised.count))
            }
            steps.grow(to: account + 1)
            normalised[account * width + member] = min(point.score / scales[member], settings.cap)
            let row = normalised[(account * width)..<((account + 1) * width)]
            let score = settings.rule == "max" ? (row.max() ?? 0) : row.reduce(0, +)
            steps.offer(score, account: point.account, time: point.time, board: &board)
        }
    }
}
