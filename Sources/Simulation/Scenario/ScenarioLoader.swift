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
        let keys = try root.mapping(
            allowed: ["name", "description", "seed", "start", "duration", "models", "populations", "campaigns"])
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
        var campaigns: [CampaignSpec] = []
        for (index, item) in (try keys["campaigns"]?.list() ?? []).enumerated() {
            let campaign = try self.campaign(item, index: index, span: start...(start + duration))
            if campaigns.contains(where: { $0.id == campaign.id }) {
                throw item.error("duplicate campaign id \"\(campaign.id)\"")
            }
            campaigns.append(campaign)
        }
        return Scenario(
            name: name, description: try keys["description"]?.string() ?? "", seed: seed, start: start,
            duration: duration, models: models, populations: populations, campaigns: campaigns,
            contentHash: SHA256.hex(of: data))
    }

    private static func campaign(_ node: SpecNode, index: Int, span: ClosedRange<Int64>) throws(ScenarioError) -> CampaignSpec {
        let keys = try node.mapping(allowed: ["id", "tactic", "accounts", "budget", "start", "end", "cover", "sophistication", "params", "adapt"])
        guard let tacticNode = keys["tactic"] else { throw node.error("missing required key \"tactic\"") }
        let tacticName = try tacticNode.string()
        guard let tactic = Tactic(rawValue: tacticName) else {
            throw tacticNode.error(
                "unknown tactic \"\(tacticName)\"; expected one of " + Tactic.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let accountsNode = keys["accounts"] else { throw node.error("missing required key \"accounts\"") }
        guard let budgetNode = keys["budget"] else { throw node.error("missing required key \"budget\" (exchanges)") }
        let id = try keys["id"]?.string() ?? "\(tactic.rawValue)-\(index + 1)"
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw (keys["id"] ?? node).error("expected a campaign id of letters, digits, - and _")
        }
        let start = try keys["start"]?.instant() ?? span.lowerBound
        let end = try keys["end"]?.instant() ?? span.upperBound
        guard span.contains(start) else { throw keys["start"]!.error("expected a time within the scenario") }
        guard span.contains(end), end > start else {
            throw (keys["end"] ?? node).error("expected an end after the campaign's start, within the scenario")
        }
        var cover: Persona?
        if let coverNode = keys["cover"] {
            let name = try coverNode.string()
            guard let persona = Persona(rawValue: name) else {
                throw coverNode.error(
                    "unknown persona \"\(name)\"; expected one of " + Persona.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard tactic == .mimic || tactic == .resellerMix else {
                throw coverNode.error("only mimic and reseller-mix campaigns take a cover persona")
            }
            cover = persona
        }
        var level = Sophistication.naive
        if let levelNode = keys["sophistication"] {
            let name = try levelNode.string()
            guard let parsed = Sophistication(rawValue: name) else {
                throw levelNode.error(
                    "unknown sophistication \"\(name)\"; expected one of "
                        + Sophistication.allCases.map(\.rawValue).joined(separator: ", "))
            }
            level = parsed
        }
        let accounts = try accountsNode.int(min: 0)
        let budget = try budgetNode.int(min: 0)
        if accounts == 0, budget > 0 {
            throw accountsNode.error("expected at least 1 account for a budget of \(budget) exchanges, found 0")
        }
        var campaign = CampaignSpec(
            id: id, tactic: tactic, accounts: accounts, budget: budget,
            start: start, end: end, cover: cover, sophistication: level)
        for (key, value) in try keys["params"]?.pairs() ?? [] {
            if key == "requests_per_day" {
                throw value.error("a campaign's volume comes from its budget; set budget instead")
            }
            if let knob = PersonaProfile.knobs[key] {
                campaign.profile[keyPath: knob.keyPath] = try value.double(min: knob.range.lowerBound, max: knob.range.upperBound)
            } else if let knob = Coordination.knobs[key] {
                campaign.coordination[keyPath: knob.keyPath] = try value.double(min: knob.range.lowerBound, max: knob.range.upperBound)
            } else {
                let known = (Array(PersonaProfile.knobs.keys) + Array(Coordination.knobs.keys)).filter { $0 != "requests_per_day" }
                throw value.error("unknown parameter; expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
        if let adapt = keys["adapt"] {
            guard tactic != .resellerMix else { throw adapt.error("a reseller-mix campaign rides its customers' accounts and cannot adapt") }
            campaign.adaptation = try adaptation(adapt)
        }
        return campaign
    }

    /// A campaign's `adapt:` mapping (``Adaptation``).
    private static func adaptation(_ node: SpecNode) throws(ScenarioError) -> Adaptation {
        let keys = try node.mapping(allowed: ["replace", "slow_down", "rotate", "switch", "spread", "money_usd"])
        var adaptation = Adaptation()
        if let replaceNode = keys["replace"] {
            var replace = Adaptation.Replace()
            let fields = try replaceNode.mapping(allowed: ["delay_h", "cost_usd", "reuse", "reserve"])
            if let value = fields["delay_h"] { replace.delayHours = try value.double(min: 0, max: 10_000) }
            if let value = fields["cost_usd"] { replace.costPerAccount = try value.double(min: 0, max: 1_000_000) }
            if let value = fields["reuse"] { replace.reuse = try value.double(min: 0, max: 1) }
            if let value = fields["reserve"] { replace.reserve = try value.int(min: 0) }
            adaptation.replace = replace
        }
        if let slow = keys["slow_down"] {
            let fields = try slow.mapping(allowed: ["factor"])
            adaptation.slowDown = try fields["factor"]?.double(min: 0.01, max: 1) ?? 0.5
        }
        if let rotate = keys["rotate"] { adaptation.rotate = try rotate.bool() }
        if let switchNode = keys["switch"] {
            let fields = try switchNode.mapping(allowed: ["to", "after"])
            guard let toNode = fields["to"] else { throw switchNode.error("missing required key \"to\" (a tactic)") }
            let name = try toNode.string()
            guard let tactic = Tactic(rawValue: name), tactic != .resellerMix else {
                throw toNode.error(
                    "unknown tactic \"\(name)\"; expected one of "
                        + Tactic.allCases.filter { $0 != .resellerMix }.map(\.rawValue).joined(separator: ", "))
            }
            adaptation.switchTo = tactic
            adaptation.switchAfter = try fields["after"]?.int(min: 1) ?? 1
        }
        if let spread = keys["spread"] { adaptation.spread = min(100, try spread.int(min: 1)) }
        if let money = keys["money_usd"] { adaptation.moneyBudget = try money.double(min: 0, max: 1e12) }
        if adaptation.replace == nil, adaptation.switchTo != nil || adaptation.spread > 1 || adaptation.moneyBudget != nil {
            throw node.error("switch, spread and money_usd act on replacements: add replace")
        }
        return adaptation
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
