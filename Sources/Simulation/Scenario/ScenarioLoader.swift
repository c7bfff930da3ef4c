import Foundation

/// Reads and validates scenario files (YAML, DESIGN §3).
///
/// ```yaml
/// name: quickstart
/// seed: 42
/// start: 2026-03-02T00:00:00Z
/// duration: 2d
/// models:
///   - {name: atlas-large-2026-01, family: large, released: 2026-01-15T00:00:00Z}
/// populations:
///   - persona: developer
///     accounts: 300
///     params: {requests_per_day: 25}
/// ```
public enum ScenarioLoader {
    /// Loads the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: nil, keyPath: "", message: "cannot read the file")
        }
        return try parse(data, file: path)
    }

    /// Parses scenario bytes; `file` names them in errors.
    public static func parse(_ data: Data, file: String) throws(ScenarioError) -> Scenario {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: file, line: nil, keyPath: "", message: "not UTF-8 text")
        }
        let root = try SpecNode.root(yaml: text, file: file)
        let keys = try root.mapping(allowed: ["name", "description", "seed", "start", "duration", "models", "populations"])
        func required(_ key: String) throws(ScenarioError) -> SpecNode {
            guard let node = keys[key] else {
                throw ScenarioError(file: file, line: nil, keyPath: key, message: "missing required key")
            }
            return node
        }
        let name = try required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw try required("name").error("expected a name of letters, digits, - and _")
        }
        let seedNode = try required("seed")
        let seed = try UInt64(seedNode.int(min: 0))
        let start = try required("start").instant()
        let duration = try required("duration").duration()

        var models: [ModelOffer] = []
        for item in try required("models").list() {
            models.append(try model(item))
        }
        guard !models.isEmpty else { throw try required("models").error("expected at least one model") }
        var seen = Set<String>()
        for (model, item) in zip(models, try required("models").list()) where !seen.insert(model.name).inserted {
            throw item.error("duplicate model name \"\(model.name)\"")
        }
        guard models.contains(where: { $0.family != .embedding && $0.released <= start + duration }) else {
            throw try required("models").error("expected a chat model released before the scenario ends")
        }

        var populations: [PopulationSpec] = []
        for item in try required("populations").list() {
            populations.append(try population(item))
        }
        return Scenario(
            name: name, description: try keys["description"]?.string() ?? "", seed: seed, start: start,
            duration: duration, models: models, populations: populations, contentHash: SHA256.hex(of: data))
    }

    private static func model(_ node: SpecNode) throws(ScenarioError) -> ModelOffer {
        let keys = try node.mapping(allowed: ["name", "family", "released"])
        guard let nameNode = keys["name"] else { throw node.error("missing required key \"name\"") }
        guard let familyNode = keys["family"] else { throw node.error("missing required key \"family\"") }
        let familyName = try familyNode.string()
        guard let family = ModelFamily(rawValue: familyName) else {
            throw familyNode.error(
                "unknown model family \"\(familyName)\"; expected one of "
                    + ModelFamily.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let releasedNode = keys["released"] else { throw node.error("missing required key \"released\"") }
        return ModelOffer(name: try nameNode.string(), family: family, released: try releasedNode.instant())
    }

    private static func population(_ node: SpecNode) throws(ScenarioError) -> PopulationSpec {
        let keys = try node.mapping(allowed: ["persona", "accounts", "params"])
        guard let personaNode = keys["persona"] else { throw node.error("missing required key \"persona\"") }
        let personaName = try personaNode.string()
        guard let persona = Persona(rawValue: personaName) else {
            throw personaNode.error(
                "unknown persona \"\(personaName)\"; expected one of "
                    + Persona.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let accountsNode = keys["accounts"] else { throw node.error("missing required key \"accounts\"") }
        let accounts = try accountsNode.int(min: 0)
        var profile = persona.defaultProfile
        if let params = keys["params"] {
            for (key, value) in try params.pairs() {
                guard let knob = PersonaProfile.knobs[key] else {
                    throw value.error(
                        "unknown parameter; expected one of \(PersonaProfile.knobs.keys.sorted().joined(separator: ", "))")
                }
                let number = try value.double(min: knob.range.lowerBound, max: knob.range.upperBound)
                profile[keyPath: knob.keyPath] = number
            }
        }
        return PopulationSpec(persona: persona, accounts: accounts, profile: profile)
    }
}
