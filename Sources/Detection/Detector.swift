import Features
import Traffic

/// A causal, streaming detector (DESIGN §4): it sees requests in time order, batch by batch,
/// the account table, and the shared prompt features it declared; it never sees the truth (this
/// module cannot even name it).
///
/// One call per batch keeps dispatch off the per-request path. Implementations are value types
/// that keep their state per account in arrays indexed by the batch's account codes
/// (``PerAccount``, ``ScoreSteps``). A detector that throws is recorded as failed; the others'
/// results are unaffected.
public protocol Detector: Sendable {
    /// The configured name: the catalogue name, followed by the parameters that differ from
    /// their defaults (`prada(delta=0.92)`). Stable, and unique within a run.
    var name: String { get }
    /// The threshold the detector recommends, documented with it.
    var defaultThreshold: Double { get }
    /// The shared prompt features it reads (none by default).
    var needs: PromptFeatureSet { get }
    /// The request fields it reads (all by default). A reader may skip the others, which then
    /// hold their defaults (issue 10: what no running detector reads is not decoded); the
    /// prompt is read for any detector that ``needs`` prompt features.
    var reads: Set<RequestField> { get }
    /// Its configuration, for manifests.
    var configuration: any DetectorConfiguration { get }

    /// Called once, before the first batch, with the account table (in account-code order).
    mutating func begin(accounts: [Account]) throws

    /// Consumes the next batch and its features; records score rises on `board`.
    mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws

    /// Called once after the last batch (e.g. to close open windows).
    mutating func finish(board: inout ScoreBoard) throws
}

extension Detector {
    public var needs: PromptFeatureSet { [] }
    public var reads: Set<RequestField> { Set(RequestField.allCases) }
    public mutating func begin(accounts: [Account]) throws {}
    public mutating func finish(board: inout ScoreBoard) throws {}
}
