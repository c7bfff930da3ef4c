import Detection
import Features
import Traffic

/// Runs a detector over hand-built batches as the runner would: the shared prompt features it
/// declares computed per batch, then `begin`, `observe` per batch, `finish`.
enum DetectorHarness {
    static func run(
        _ detector: some Detector, _ batches: [RequestBatch], accounts: Int, settings: PromptFeatureSettings = .standard
    ) throws -> ScoreBoard {
        var detector = detector
        var board = ScoreBoard(accounts: accounts)
        try detector.begin(accounts: [])
        for batch in batches {
            let features = PromptFeatures(of: batch, needs: detector.needs, settings: settings)
            try detector.observe(batch, features: features, board: &board)
        }
        try detector.finish(board: &board)
        return board
    }

    /// One batch of `requests` over the account names `accounts`.
    static func batch(_ requests: [Request], accounts: [String]) -> RequestBatch {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner(accounts))
        for request in requests { batch.append(request) }
        return batch
    }
}
