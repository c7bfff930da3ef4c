import Randomness
import Traffic

/// A persona's profile compiled for generation: alias tables, token samplers, the weekly
/// rate profile and the symbol codes its requests use. Built once per population and shared,
/// read-only, by all of its actors on every thread.
final class PersonaRuntime: Sendable {
    /// What the truth calls the actors' persona.
    let name: String
    let profile: PersonaProfile
    /// Activity of each hour of the week, mean 1.
    let weekly: [Double]
    let endpoints: WeightedTable<Endpoint>
    /// Symbol code of each endpoint, by `Endpoint.allCases` position.
    let endpointCodes: [UInt32]
    let families: WeightedTable<ModelFamily>
    let temperatures: WeightedTable<Double>
    let topLogprobs: WeightedTable<Int32>
    let promptTokens: TokenSampler
    let completionTokens: TokenSampler
    let prompts: CompiledPromptStyle

    init(name: String, profile: PersonaProfile, prompts: CompiledPromptStyle, symbols: Interner) {
        self.name = name
        self.profile = profile
        self.prompts = prompts
        let content = profile.content
        weekly = profile.arrival.activity.weekly
        endpoints = WeightedTable(cases: content.endpoints)
        endpointCodes = Endpoint.allCases.map { symbols.code(for: $0.rawValue) }
        families = WeightedTable(cases: content.families.filter { $0.key != .embedding })
        temperatures = WeightedTable(sorted: content.temperatures.isEmpty ? [1: 1] : content.temperatures)
        topLogprobs = WeightedTable(sorted: content.topLogprobs.isEmpty ? [0: 1] : content.topLogprobs)
        promptTokens = TokenSampler(content.promptTokens)
        completionTokens = TokenSampler(content.completionTokens)
    }
}
