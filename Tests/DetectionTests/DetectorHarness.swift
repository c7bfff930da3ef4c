import Detection
import Features
import GroundTruth
import Simulation
import Traffic

/// Runs a detector over hand-built batches as the runner would: the shared prompt features it
/// declares computed per batch, then `begin`, `observe` per batch, `finish`.
enum DetectorHarness {
    static func run(
        _ detector: some Detector, _ batches: [RequestBatch], accounts: Int, table: [Account] = [],
        settings: PromptFeatureSettings = .standard
    ) throws -> ScoreBoard {
        var detector = detector
        var board = ScoreBoard(accounts: accounts)
        try detector.begin(accounts: table)
        for batch in batches {
            let features = PromptFeatures(of: batch, needs: detector.needs, settings: settings)
            try detector.observe(batch, features: features, board: &board)
        }
        try detector.finish(board: &board)
        return board
    }

    /// Runs a detector over a generated trace, as the runner would (batches of 4,096).
    static func run(_ detector: some Detector, generated generator: TrafficGenerator) throws -> ScoreBoard {
        var batches: [RequestBatch] = []
        generator.run(threads: 2, batchSize: 4_096) { batches.append($0) }
        return try run(detector, batches, accounts: generator.accounts.count, table: generator.accounts)
    }

    /// The final scores of a board by the generated accounts' persona or tactic (adversarial
    /// ones marked with a trailing `*`).
    static func scores(_ board: ScoreBoard, truth: GroundTruth, accounts: [Account]) -> [String: [Double]] {
        let kinds = Dictionary(uniqueKeysWithValues: truth.accounts.map {
            ($0.account, ($0.tactic ?? $0.persona ?? "?") + ($0.label == .benign ? "" : "*"))
        })
        var result: [String: [Double]] = [:]
        for (code, account) in accounts.enumerated() {
            result[kinds[account.id] ?? "?", default: []].append(board.score(of: UInt32(code)))
        }
        return result
    }

    /// One batch of `requests` over the account names `accounts`.
    static func batch(_ requests: [Request], accounts: [String]) -> RequestBatch {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner(accounts))
        for request in requests { batch.append(request) }
        return batch
    }
}
