import Features
import Traffic

/// Combines other detectors' evidence by a rule fixed in advance, never fitted: each member
/// runs inside the ensemble with its default configuration, and an account's ensemble score is
/// the sum over members of its normalised score nᵢ = min(sᵢ / τᵢ, `cap`), where sᵢ is the
/// member's running maximum and τᵢ its documented default threshold (`rule=sum`); or the largest
/// nᵢ (`rule=max`, a logical OR of the members at their defaults).
///
/// Normalising by the default threshold puts every member on the scale "1 = flagged by its own
/// rule"; capping keeps one runaway signal from dominating, so with `rule=sum` accounts with
/// several independent signals rank above accounts with one. The default threshold 1 is "one
/// member at its default threshold, or several part of the way" — chosen by this rule, not by
/// any trace. The combination is causal: member rises are merged in time order. A member that
/// the run also includes with its defaults is not run twice: the runner lends its rises
/// (``CombiningDetector``), with the same result.
///
/// Score-level fusion of this kind (sum of normalised scores) is the standard baseline of
/// multi-detector fusion (Kittler et al., "On combining classifiers", IEEE TPAMI 1998, the sum
/// rule).
public struct EnsembleDetector: ConfigurableDetector, CombiningDetector {
    /// The ensemble's parameters.
    public struct Settings: DetectorConfiguration {
        /// Member catalogue names joined by `+` (default: every other built-in detector but `null`).
        public var members: String = EnsembleDetector.defaultMembers.joined(separator: "+")
        /// `sum` or `max` of the normalised member scores.
        public var rule: String = "sum"
        /// The cap on each normalised member score.
        public var cap: Double = 2

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .choice("rule", \.rule, of: ["sum", "max"], "how normalised member scores combine"),
                .number("cap", \.cap, in: 1...1_000, "cap on each member's score over its default threshold"),
                .text("members", \.members, "member detectors (catalogue names joined by +), each with its defaults"),
            ]
        }
    }

    /// Every built-in detector but `null` and the ensemble itself.
    public static var defaultMembers: [String] {
        DetectorCatalog.members.map(\.name).filter { $0 != NullDetector.catalogName }
    }

    public static let catalogName = "ensemble"
    public static let summary = "sum of the other detectors' scores over their default thresholds, each capped at 2"
    public let settings: Settings
    public let defaultThreshold = 1.0
    public let needs: PromptFeatureSet

    /// Configured names and default thresholds of the members, in order.
    public let memberNames: [String]
    private let thresholds: [Double]
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
        thresholds = members.map(\.defaultThreshold)
        needs = members.reduce(into: PromptFeatureSet()) { $0.formUnion($1.needs) }
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
            normalised[account * width + member] = min(point.score / thresholds[member], settings.cap)
            let row = normalised[(account * width)..<((account + 1) * width)]
            let score = settings.rule == "max" ? (row.max() ?? 0) : row.reduce(0, +)
            steps.offer(score, account: point.account, time: point.time, board: &board)
        }
    }
}
