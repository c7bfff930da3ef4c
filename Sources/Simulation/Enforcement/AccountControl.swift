/// What the provider does to one account's later requests (DESIGN §7): the generator's side of
/// an enforcement action. Times are ms; `.infinity` means never.
///
/// The actor applies it when it emits a request, after drawing everything the request would
/// have been, so an account nobody acts on produces exactly its open-loop stream.
public struct AccountControl: Sendable, Hashable {
    /// Requests at or after this time are refused (403, no completion served)…
    public var refusedFrom = Double.infinity
    /// …until this time (an appeal upheld), from which they are served again.
    public var reinstatedAt = Double.infinity
    /// Requests per minute served from `throttledFrom` on (429 beyond them); 0 = no limit.
    public var perMinute = 0
    public var throttledFrom = Double.infinity
    /// Completions are cut to ``degradedCompletionTokens`` from this time on.
    public var degradedFrom = Double.infinity

    public init() {}

    /// Completion tokens a degraded account is served at most [Assumption: a truncated answer of
    /// about a paragraph, too short to teach reasoning, still useful to a genuine caller].
    public static let degradedCompletionTokens: Int32 = 64

    /// Whether any action applies at some time (the fast path skips the others).
    var isActive: Bool { refusedFrom.isFinite || throttledFrom.isFinite || degradedFrom.isFinite }

    /// Whether a request at `time` is refused outright.
    func refuses(at time: Double) -> Bool { time >= refusedFrom && time < reinstatedAt }
}
