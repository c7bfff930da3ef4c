import Randomness

/// What every actor of a run shares, read-only: the model shelf, the prompt synthesizer and
/// a few fixed symbol codes and keys.
struct GenerationContext: Sendable {
    let models: ModelShelf
    let prompts: PromptSynthesizer
    /// Symbol code of the empty string.
    let emptyCode: UInt32
    /// Key that makes request ids depend on the seed.
    let requestKey: UInt64
    /// Chance that a genuine customer banned by mistake appeals (closed loop).
    var appealShare = 0.0

    /// The request id value of an account's `sequence`-th request: a bijection of
    /// (ordinal, sequence), so ids are unique, and opaque like a gateway's.
    func requestID(ordinal: UInt64, sequence: UInt64) -> UInt64 {
        Mix.mix64((ordinal << 32 | (sequence & 0xffff_ffff)) ^ requestKey)
    }
}
