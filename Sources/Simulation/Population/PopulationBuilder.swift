import GroundTruth
import Randomness
import Traffic

/// Every account of a run, its plan and its truth, built sequentially from the seed so the
/// result never depends on threads.
struct Population: Sendable {
    /// The account table, sorted by id; an account's index is its rank.
    let accounts: [Account]
    /// Plans by rank.
    let plans: [AccountPlan]
    /// Truth by rank.
    let truth: [AccountTruth]
    /// Compiled personas, by population index.
    let runtimes: [PersonaRuntime]
    /// Symbol codes of request fields.
    let symbols: Interner
    /// Account ids in rank order.
    let accountNames: Interner
}

/// Builds the ``Population`` of a scenario: organisations, accounts and their plans.
struct PopulationBuilder {
    let scenario: Scenario
    let seed: UInt64
    let scale: Double
    let synthesizer: PromptSynthesizer

    private struct Draft {
        var idValue: UInt64
        var account: Account
        var plan: AccountPlan
        var truth: AccountTruth
    }

    /// Organisation-level facts shared by the accounts of one organisation.
    private struct Organisation {
        var id: String
        var payment: String
        var domain: String?
        var country: String
        var seed: UInt64
    }

    func build() -> Population {
        let symbols = Interner([""])
        let idKey = SeedKey(.identifiers, 0).derive(from: seed)
        let networkKey = SeedKey(.identifiers, 2).derive(from: seed)
        var drafts: [Draft] = []
        var runtimes: [PersonaRuntime] = []
        var ordinal: UInt64 = 0

        for (populationIndex, spec) in scenario.populations.enumerated() {
            let profile = spec.profile
            let runtime = PersonaRuntime(
                name: spec.persona.rawValue, profile: profile, prompts: compile(profile.content.prompt), symbols: symbols)
            runtimes.append(runtime)
            let tables = IdentityTables(profile.identity)
            let populationSource = RandomSource(seed: seed, key: SeedKey(.population, populationIndex))
            let count = Int((Double(spec.accounts) * scale).rounded())
            var organisation: Organisation?
            var organisationLeft = 0
            var organisationIndex = 0

            for accountIndex in 0..<count {
                if organisationLeft == 0 {
                    let orgSource = RandomSource(seed: seed, key: SeedKey(.organisation, populationIndex, organisationIndex))
                    organisation = makeOrganisation(orgSource, tables: tables, idKey: idKey)
                    organisationLeft = profile.identity.orgSizeMean > 1
                        ? populationSource.geometric(1 / profile.identity.orgSizeMean) : 1
                    organisationIndex += 1
                }
                organisationLeft -= 1
                guard let organisation else { continue }
                let source = RandomSource(seed: seed, key: SeedKey(.account, populationIndex, accountIndex))
                let idValue = Mix.mix64(ordinal ^ idKey)
                let accountID = "acct_" + hex16(idValue)
                let networks = drawNetworks(source, tables: tables, organisation: organisation, key: networkKey, symbols: symbols)
                let (created, firstActive) = drawCreation(source, identity: profile.identity)
                let emailDomain: String =
                    switch tables.emailKinds.sample(source) {
                    case .freemail: DomainCatalog.freemail[tables.freemail.sample(source)].domain
                    case .company, .academic: organisation.domain ?? DomainCatalog.company(organisation.seed)
                    }
                let country = organisation.domain == nil ? tables.countries.sample(source) : organisation.country
                let account = Account(
                    id: accountID, org: organisation.id, created: created, tier: tables.tiers.sample(source),
                    payment: organisation.payment, emailDomain: emailDomain, country: country,
                    signupIP: symbols[networks[0].ip])
                let client = tables.clients.sample(source)
                let versions = ClientCatalog.versions(client)
                let version = versions[max(0, versions.count - source.geometric(0.25))]
                let fingerprints = ClientCatalog.tlsFingerprints(client)
                let content = profile.content
                let plan = AccountPlan(
                    rank: 0, ordinal: ordinal, seed: SeedKey(.actor, populationIndex, accountIndex).derive(from: seed),
                    runtime: populationIndex, firstActive: firstActive,
                    requestsPerDay: profile.arrival.requestsPerDay * source.lognormal(mu: 0, sigma: profile.arrival.volumeSigma),
                    utcOffsetHours: CountryClock.offset(country),
                    keys: (0..<min(8, source.geometric(1 / max(1, profile.identity.keysPerAccountMean)))).map {
                        symbols.code(for: "key_" + hex16(Mix.mix64(idValue ^ UInt64($0) &* 0x9e37_79b9)).prefix(12))
                    },
                    networks: networks,
                    userAgent: symbols.code(for: ClientCatalog.userAgent(client, version: version)),
                    tlsFingerprint: symbols.code(for: fingerprints[source.index(below: fingerprints.count)]),
                    systemPrompts: drawSystemPrompts(source, mean: content.systemPromptsMean, organisation: organisation, symbols: symbols),
                    tokenMultiplier: content.accountTokenSigma > 0 ? source.lognormal(mu: 0, sigma: content.accountTokenSigma) : 1,
                    temperature: runtime.temperatures.sample(source),
                    maxTokens: content.maxTokensChoices.isEmpty ? 0 : content.maxTokensChoices[source.index(below: content.maxTokensChoices.count)],
                    adoptionDelay: source.lognormal(mu: log(max(0.01, content.adoptionDelayDaysMedian)), sigma: 0.8) * 86_400_000,
                    preferredFamily: runtime.families.values.firstIndex(of: runtime.families.sample(source)) ?? 0)
                let truth = AccountTruth(account: accountID, label: .benign, persona: spec.persona.rawValue, decoy: spec.persona.isDecoy)
                drafts.append(Draft(idValue: idValue, account: account, plan: plan, truth: truth))
                ordinal += 1
            }
        }

        drafts.sort { $0.idValue < $1.idValue }
        for rank in drafts.indices { drafts[rank].plan.rank = UInt32(rank) }
        return Population(
            accounts: drafts.map(\.account), plans: drafts.map(\.plan), truth: drafts.map(\.truth),
            runtimes: runtimes, symbols: symbols, accountNames: Interner(drafts.map(\.account.id)))
    }

    private func compile(_ style: PromptStyle) -> CompiledPromptStyle {
        do {
            return try synthesizer.compile(style)
        } catch {
            preconditionFailure("invalid built-in prompt style: \(error)")
        }
    }

    // MARK: - Draws

    private func makeOrganisation(_ source: RandomSource, tables: IdentityTables, idKey: UInt64) -> Organisation {
        let orgSeed = source.next()
        let kind = tables.emailKinds.sample(source)
        let domain: String? =
            switch kind {
            case .freemail: nil
            case .company: DomainCatalog.company(orgSeed)
            case .academic: DomainCatalog.academic(orgSeed)
            }
        return Organisation(
            id: "org_" + hex16(Mix.mix64(orgSeed ^ idKey)).prefix(12), payment: "pm_" + hex16(Mix.mix64(orgSeed)).prefix(14),
            domain: domain, country: tables.countries.sample(source), seed: orgSeed)
    }

    private func drawNetworks(
        _ source: RandomSource, tables: IdentityTables, organisation: Organisation, key: UInt64, symbols: Interner
    ) -> [AccountPlan.Network] {
        let count = min(16, source.geometric(1 / max(1, tables.prefixesPerAccountMean)))
        var kind = tables.networks.sample(source)
        return (0..<count).map { index in
            if index > 0, source.chance(0.3) { kind = tables.networks.sample(source) }
            let shared = kind == .corporate || kind == .university
            // Corporate and campus networks are the organisation's own: its accounts share them.
            let local = RandomSource(seed: shared ? organisation.seed ^ UInt64(source.index(below: 3)) : source.next())
            let asn = tables.systems[kind]!.sample(local)
            let prefix = UInt64(local.index(below: Int(NetworkCatalog.prefixPoolSize(kind))))
            let token = "net-" + hex16(Mix.mix64(key ^ UInt64(asn) << 32 ^ prefix)).prefix(10)
            return AccountPlan.Network(ip: symbols.code(for: String(token)), asn: asn)
        }
    }

    private func drawCreation(_ source: RandomSource, identity: IdentityModel) -> (created: Int64, firstActive: Int64) {
        if source.chance(identity.newAccountShare) {
            let created = scenario.start + Int64(source.uniform() * Double(scenario.duration) * 0.9)
            return (created, created + Int64(source.exponential(mean: 3_600_000)))
        }
        let ageDays = source.lognormal(mu: log(max(0.1, identity.accountAgeDaysMedian)), sigma: identity.accountAgeSigma)
        return (scenario.start - Int64(max(1 / 24, ageDays) * 86_400_000), scenario.start)
    }

    private func drawSystemPrompts(
        _ source: RandomSource, mean: Double, organisation: Organisation, symbols: Interner
    ) -> [UInt32] {
        let count = mean > 0 ? source.poisson(mean: mean) : 0
        var codes = (0..<count).map { index in
            // Accounts of one organisation serve the same products: they share system prompts.
            let product = source.chance(0.6) ? UInt64(index) : source.next()
            return symbols.code(for: "sys_" + hex16(Mix.mix64(organisation.seed ^ product &* 0x2545_f491_4f6c_dd1d)).prefix(16))
        }
        if count == 0 || source.chance(0.2) { codes.append(symbols.code(for: "")) }
        return codes
    }
}

/// A persona's identity model compiled to alias tables.
struct IdentityTables {
    let tiers: WeightedTable<Tier>
    let emailKinds: WeightedTable<EmailKind>
    let countries: WeightedTable<String>
    let networks: WeightedTable<NetworkKind>
    let clients: WeightedTable<ClientKind>
    let freemail: WeightedTable<Int>
    let systems: [NetworkKind: WeightedTable<UInt32>]
    let prefixesPerAccountMean: Double

    init(_ identity: IdentityModel) {
        tiers = WeightedTable(cases: identity.tiers)
        emailKinds = WeightedTable(cases: identity.emailKinds)
        countries = WeightedTable(sorted: identity.countries)
        networks = WeightedTable(cases: identity.networks)
        clients = WeightedTable(cases: identity.clients)
        freemail = WeightedTable(DomainCatalog.freemail.enumerated().map { ($0.offset, $0.element.weight) })
        systems = NetworkCatalog.systems.mapValues { WeightedTable($0.map { ($0.asn, $0.weight) }) }
        prefixesPerAccountMean = identity.prefixesPerAccountMean
    }
}

/// `value` as 16 lowercase hex digits.
func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}


#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
