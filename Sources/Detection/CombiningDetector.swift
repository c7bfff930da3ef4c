import Features
import Traffic

/// A detector that combines other detectors' scores (``EnsembleDetector``).
///
/// When a run also includes some of its members under the same configured name, the runner
/// lends the combiner their score rises instead of letting it run copies of its own: the
/// result is the same, the work is done once. Per batch the runner first runs every other
/// detector, then the combiners with the rises the lent members recorded on that batch.
public protocol CombiningDetector: Detector {
    /// The configured names of its members, in its order.
    var memberNames: [String] { get }

    /// From now on the members named in `names` run outside: their rises come from
    /// ``observe(_:features:lent:board:)`` and ``finish(lent:board:)``. Called before `begin`.
    mutating func borrow(_ names: Set<String>)

    /// Consumes the next batch, with the rises each lent member recorded on it (by name).
    mutating func observe(
        _ batch: RequestBatch, features: PromptFeatures, lent: [String: [ScoreBoard.ChangePoint]],
        board: inout ScoreBoard) throws

    /// Called once after the last batch, with the rises the lent members recorded finishing.
    mutating func finish(lent: [String: [ScoreBoard.ChangePoint]], board: inout ScoreBoard) throws
}

extension CombiningDetector {
    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws {
        try observe(batch, features: features, lent: [:], board: &board)
    }

    public mutating func finish(board: inout ScoreBoard) throws {
        try finish(lent: [:], board: &board)
    }
}
