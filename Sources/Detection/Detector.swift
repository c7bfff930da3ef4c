import Traffic

/// A causal, streaming detector (DESIGN §4): it sees requests in time order, batch by batch,
/// and the account table; it never sees the truth (this module cannot even name it).
///
/// One call per batch keeps dispatch off the per-request path. Implementations keep their
/// state per account in arrays indexed by the batch's account codes.
public protocol Detector {
    /// A stable name (`volume`, `parameter-abuse`, …).
    var name: String { get }
    /// The threshold the detector recommends, documented with it.
    var defaultThreshold: Double { get }
    /// The configuration as key–value pairs, for result manifests.
    var configuration: [String: String] { get }

    /// Called once, before the first batch, with the account table (in account-code order).
    mutating func begin(accounts: [Account])

    /// Consumes the next batch; records score rises on `board`.
    mutating func observe(_ batch: RequestBatch, board: inout ScoreBoard)

    /// Called once after the last batch (e.g. to close open windows).
    mutating func finish(board: inout ScoreBoard)
}

extension Detector {
    public mutating func begin(accounts: [Account]) {}
    public mutating func finish(board: inout ScoreBoard) {}
    public var configuration: [String: String] { [:] }
}
