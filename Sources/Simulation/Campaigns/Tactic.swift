/// Distillation tactics (issue 3): how a campaign harvests a model's answers. Each has a
/// profile of the same shape as a benign persona's (``PersonaProfile``) and a
/// ``Coordination`` of its accounts; sources are cited in `TacticCatalog.swift`.
public enum Tactic: String, Sendable, Hashable, CaseIterable {
    /// Few accounts, volume up to the rate limits, broad topic sweep, long outputs.
    case bulkHarvest = "bulk-harvest"
    /// Many accounts each under per-account limits: creation waves, shared payment, proxy
    /// pools, synchronized schedules, shared templates.
    case hydra
    /// Distillation routed through reseller accounts that also carry genuine end-user traffic.
    case resellerMix = "reseller-mix"
    /// Reasoning-trace coercion and rubric grading in many languages; long completions.
    case cotElicitation = "cot-elicitation"
    /// Logprobs with the maximum top_logprobs, logit-bias probes, max_tokens 1, very many requests.
    case logitHarvest = "logit-harvest"
    /// Seed-task expansion with near-duplicate scaffolds, temperature 1, repeated sampling.
    case selfInstruct = "self-instruct"
    /// Low and slow: copies a benign persona's timing, lengths and parameters; only its
    /// content coverage betrays it.
    case mimic
    /// Moves its traffic to a model within a day of that model's release.
    case modelMigration = "model-migration"
}
