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
    /// Parameter menus: the profile's weights mixed with the population's (``ParameterMenu``).
    let temperatures: WeightedTable<Double>
    let maxTokens: WeightedTable<Int32>
    let topLogprobs: WeightedTable<Int32>
    let promptTokens: PromptTokenModel
    let completionTokens: TokenSampler
    let prompts: CompiledPromptStyle

    init(name: String, profile: PersonaProfile, prompts: CompiledPromptStyle, symbols: Interner, synthesizer: PromptSynthesizer) {
        self.name = name
        self.profile = profile
        self.prompts = prompts
        let content = profile.content
        weekly = profile.arrival.activity.weekly
        endpoints = WeightedTable(cases: content.endpoints)
        endpointCodes = Endpoint.allCases.map { symbols.code(for: $0.rawValue) }
        families = WeightedTable(cases: content.families.filter { $0.key != .embedding })
        temperatures = WeightedTable(sorted: ParameterMenu.mixed(content.temperatures, into: ParameterMenu.temperatures))
        maxTokens = WeightedTable(sorted: ParameterMenu.mixed(content.maxTokens, into: ParameterMenu.maxTokens))
        topLogprobs = WeightedTable(sorted: ParameterMenu.mixed(content.topLogprobs, into: ParameterMenu.topLogprobs))
        promptTokens = PromptTokenModel(
            total: content.promptTokens, correlation: content.promptTextCorrelation, style: prompts, synthesizer: synthesizer)
        completionTokens = TokenSampler(content.completionTokens)
    }
}
