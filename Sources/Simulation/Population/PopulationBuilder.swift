import GroundTruth
import Randomness
import Traffic

/// Every account of a run, its actors' plans and its truth, built sequentially from the seed
/// so the result never depends on threads.
struct Population: Sendable {
    /// The account table, sorted by id; an account's index is its rank.
    let accounts: [Account]
    /// Actor plans, ordered by rank (a reseller-mix account has two: genuine and campaign).
    let plans: [AccountPlan]
    /// Truth by rank.
    let truth: [AccountTruth]
    /// The campaigns, in scenario order (a plan's `campaign` indexes this).
    let campaigns: [CampaignTruth]
    /// Compiled personas and tactics; plans index this.
    let runtimes: [PersonaRuntime]
    /// Symbol codes of request fields.
    let symbols: Interner
    /// Account ids in rank order.
    let accountNames: Interner
    /// What each campaign's coordinator needs at run time, in scenario order.
    let campaignPlans: [CampaignPlan]
}

/// A campaign's accounts by rank, its stock of replacements and how it adapts (DESIGN §7).
struct CampaignPlan: Sendable {
    var adaptation: Adaptation?
    /// Ranks of the accounts it starts with.
    var members: [UInt32]
    /// Ranks of its stock accounts, in the order it puts them to work (rank order).
    var reserves: [UInt32]
    /// The runtime its replacements use after it switches tactic, or nil.
    var switchRuntime: Int?
    /// Seed of its coordinator's own random stream (replacement delays and reuse).
    var seed: UInt64
}

/// Builds the ``Population`` of a scenario: organisations, accounts, campaigns and plans.
struct PopulationBuilder {
    let scenario: Scenario
    let seed: UInt64
    let scale: Double
    let synthesizer: PromptSynthesizer

    private struct Draft {
        var idValue: UInt64
        var account: Account
        var plans: [AccountPlan]
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

    /// The state of a build in progress.
    private struct Build {
        let symbols = Interner([""])
        var drafts: [Draft] = []
        /// Per campaign, its plan (accounts filled in by rank once they are sorted).
        var campaignPlans: [CampaignPlan] = []
        var runtimes: [PersonaRuntime] = []
        var ordinal: UInt64 = 0
        let idKey: UInt64
        let networkKey: UInt64

        /// A new actor identity: unique ordinal, opaque account id value.
        mutating func nextOrdinal() -> (ordinal: UInt64, idValue: UInt64) {
            defer { ordinal += 1 }
            return (ordinal, Mix.mix64(ordinal ^ idKey))
        }
    }

    func build() -> Population {
        var build = Build(
            idKey: SeedKey(.identifiers, 0).derive(from: seed), networkKey: SeedKey(.identifiers, 2).derive(from: seed))
        for (index, spec) in scenario.populations.enumerated() {
            addPopulation(spec, index: index, to: &build)
        }
        var campaigns: [CampaignTruth] = []
        for (index, spec) in scenario.campaigns.enumerated() {
            campaigns.append(addCampaign(spec, index: index, to: &build))
        }
        var drafts = build.drafts
        drafts.sort { $0.idValue < $1.idValue }
        var campaignPlans = build.campaignPlans
        for rank in drafts.indices {
            guard let plan = drafts[rank].plans.first(where: { $0.campaign >= 0 }) else { continue }
            if plan.dormant {
                campaignPlans[Int(plan.campaign)].reserves.append(UInt32(rank))
            } else {
                campaignPlans[Int(plan.campaign)].members.append(UInt32(rank))
            }
        }
        var plans: [AccountPlan] = []
        plans.reserveCapacity(drafts.count)
        for rank in drafts.indices {
            for var plan in drafts[rank].plans {
                plan.rank = UInt32(rank)
                plans.append(plan)
            }
        }
        return Population(
            accounts: drafts.map(\.account), plans: plans, truth: drafts.map(\.truth), campaigns: campaigns,
            runtimes: build.runtimes, symbols: build.symbols, accountNames: Interner(drafts.map(\.account.id)),
            campaignPlans: campaignPlans)
    }

    // MARK: - Benign populations

    private func addPopulation(_ spec: PopulationSpec, index: Int, to build: inout Build) {
        let runtimeIndex = addRuntime(name: spec.persona.rawValue, profile: spec.profile, to: &build)
        let tables = IdentityTables(spec.profile.identity)
        let populationSource = RandomSource(seed: seed, key: SeedKey(.population, index))
        var organisation: Organisation?
        var organisationLeft = 0
        var organisationIndex = 0
        for accountIndex in 0..<scaled(spec.accounts) {
            if organisationLeft == 0 {
                let orgSource = RandomSource(seed: seed, key: SeedKey(.organisation, index, organisationIndex))
                organisation = makeOrganisation(orgSource, tables: tables, idKey: build.idKey)
                organisationLeft = spec.profile.identity.orgSizeMean > 1
                    ? populationSource.geometric(1 / spec.profile.identity.orgSizeMean) : 1
                organisationIndex += 1
            }
            organisationLeft -= 1
            guard let organisation else { continue }
            let source = RandomSource(seed: seed, key: SeedKey(.account, index, accountIndex))
            let (ordinal, idValue) = build.nextOrdinal()
            let (account, plan) = drawAccount(
                source, idValue: idValue, ordinal: ordinal, runtime: runtimeIndex, profile: spec.profile, tables: tables,
                organisation: organisation, actorSeed: SeedKey(.actor, index, accountIndex).derive(from: seed), build: &build)
            let truth = AccountTruth(account: account.id, label: .benign, persona: spec.persona.rawValue, decoy: spec.persona.isDecoy)
            build.drafts.append(Draft(idValue: idValue, account: account, plans: [plan], truth: truth))
        }
    }

    // MARK: - Campaigns

    private func addCampaign(_ spec: CampaignSpec, index: Int, to build: inout Build) -> CampaignTruth {
        let coordination = spec.coordination
        var profile = spec.profile
        // A campaign keeps at least one account at any positive scale.
        let accounts = spec.accounts > 0 ? max(1, scaled(spec.accounts)) : 0
        // Spend the budget evenly: a log-normal spread of median 1 would raise the mean.
        profile.arrival.requestsPerDay = spec.requestsPerAccountPerDay
            / exp(profile.arrival.volumeSigma * profile.arrival.volumeSigma / 2)
        let campaignRuntime = addRuntime(name: spec.tactic.rawValue, profile: profile, to: &build)
        // A reseller-mix account is one of the cover persona's accounts: it looks like one of the
        // scenario's own (its overrides included), carrying that population's genuine traffic.
        let cover = spec.cover ?? .router
        let coverProfile = scenario.populations.first { $0.persona == cover }?.profile ?? cover.defaultProfile
        let coverRuntime = spec.tactic == .resellerMix
            ? addRuntime(name: cover.rawValue, profile: coverProfile, to: &build) : nil
        let identity = spec.tactic == .resellerMix ? coverProfile.identity : profile.identity
        let tables = IdentityTables(identity)
        let major = 1_000_000 + index
        let campaignSource = RandomSource(seed: seed, key: SeedKey(.campaign, index))
        let campaignSeed = campaignSource.next()
        let waves = (0..<Int(coordination.creationWaves)).map { _ in
            Double(spec.start) - campaignSource.uniform() * coordination.leadDays * 86_400_000
        }.sorted()
        let campaignOffset = CountryClock.offset(tables.countries.sample(campaignSource))
        // Shared templates run under popular stock system prompts, as many genuine products do.
        let sharedSystemPrompts = (0..<Int(coordination.sharedSystemPrompts)).map { _ in
            build.symbols.code(for: Self.stockSystemPrompt(Self.stockSystemPrompts.sample(campaignSource)))
        }
        // The campaign's compiled style already knows its topic list: split the sweep over it.
        let sweepLength = max(1, build.runtimes[campaignRuntime].prompts.sweepTopics.count)
        var paymentCluster = 0
        var memberIDs: [String] = []
        var memberDrafts: [Int] = []
        let adaptation = spec.adaptation
        let reserveCount = adaptation?.replace.map { scaled($0.reserve ?? spec.accounts) } ?? 0
        var switchRuntime: Int?
        if let target = adaptation?.switchTo {
            var switched = target.profile(cover: target.defaultCover, level: spec.sophistication)
            switched.arrival.requestsPerDay = profile.arrival.requestsPerDay
            switchRuntime = addRuntime(name: target.rawValue, profile: switched, to: &build)
        }

        for accountIndex in 0..<(accounts + reserveCount) {
            let source = RandomSource(seed: seed, key: SeedKey(.account, major, accountIndex))
            let isReserve = accountIndex >= accounts
            if !isReserve {
                if accountIndex > 0, source.chance(1 / coordination.paymentClusterSize) { paymentCluster += 1 }
                if coordination.paymentClusterSize <= 1 { paymentCluster = accountIndex }
            }
            var organisation = makeOrganisation(
                RandomSource(seed: seed, key: SeedKey(.organisation, major, accountIndex)), tables: tables, idKey: build.idKey)
            if !isReserve, coordination.paymentClusterSize > 1 {
                organisation.payment = "pm_" + hex16(Mix.mix64(campaignSeed ^ UInt64(paymentCluster) &* 0x9e37_79b9)).prefix(14)
            }
            if isReserve, let replace = adaptation?.replace, adaptation?.rotate != true, !memberDrafts.isEmpty, source.chance(replace.reuse) {
                // A stock account bought with a card the campaign already uses.
                organisation.payment = build.drafts[memberDrafts[source.index(below: memberDrafts.count)]].account.payment
            }
            // Stock accounts take ordinals of their own, so that the campaigns after this one
            // keep their ids whether or not it keeps a stock.
            let (ordinal, idValue) = isReserve
                ? Self.reserveOrdinal(campaign: index, stock: accountIndex - accounts, idKey: build.idKey) : build.nextOrdinal()
            var (account, plan) = drawAccount(
                source, idValue: idValue, ordinal: ordinal, runtime: coverRuntime ?? campaignRuntime, profile: profile,
                tables: tables, organisation: organisation,
                actorSeed: SeedKey(.actor, major, accountIndex).derive(from: seed), build: &build)
            if !waves.isEmpty {
                let wave = waves[source.index(below: waves.count)]
                account.created = Int64(wave + source.uniform() * coordination.creationWindowHours * 3_600_000)
            }
            if coordination.proxyPoolSize > 0 {
                plan.networks = (0..<min(16, 2 + source.geometric(0.2))).map { _ in
                    proxy(UInt64(source.index(below: Int(coordination.proxyPoolSize))), campaignSeed: campaignSeed,
                          tables: tables, build: &build)
                }
                account.signupIP = build.symbols[plan.networks[0].ip]
            }
            // Members rotate the shared prompts and, like most scripts, often send none.
            if !sharedSystemPrompts.isEmpty { plan.systemPrompts = sharedSystemPrompts + [build.symbols.code(for: "")] }
            if coordination.synchronized {
                plan.utcOffsetHours = campaignOffset
                plan.daySeed = campaignSeed
            }
            if source.chance(coordination.migrationShare) {
                plan.adoptionDelay = source.lognormal(mu: log(coordination.migrationDelayHours * 3_600_000), sigma: 0.5)
            }
            plan.networkRotation = coordination.networkRotation
            plan.firstActive = max(account.created, spec.start)
            plan.lastActive = spec.end
            plan.campaign = Int32(index)
            plan.dormant = isReserve
            if adaptation?.rotate == true {
                plan.rotated = freshWire(
                    RandomSource(seed: seed, key: SeedKey(.account, major + 250_000, accountIndex)), tables: tables,
                    organisation: organisation, campaignSeed: campaignSeed, coordination: coordination, build: &build)
            }
            if coordination.partitionTopics {
                plan.sweepStart = accountIndex * sweepLength / max(1, accounts)
                plan.sweepSeed = campaignSeed
            }

            var plans = [plan]
            var truth = AccountTruth(account: account.id, label: .adversarial, tactic: spec.tactic.rawValue, campaign: spec.id)
            if let coverRuntime {
                // The genuine end-user traffic of the reseller, and the campaign's share on top.
                var genuine = plan
                genuine.campaign = -1
                genuine.runtime = coverRuntime
                genuine.firstActive = max(account.created, scenario.start)
                genuine.lastActive = scenario.end
                genuine.sweepStart = nil
                genuine.sweepSeed = nil
                genuine.networkRotation = 0.2
                let campaignPart = build.nextOrdinal()
                plans[0].ordinal = campaignPart.ordinal
                plans[0].runtime = campaignRuntime
                plans[0].habits = AccountHabits(profile.content, source: source)
                plans[0].seed = SeedKey(.actor, major + 500_000, accountIndex).derive(from: seed)
                // The campaign's part spends its budget; the genuine part keeps the reseller's volume.
                plans[0].requestsPerDay = profile.arrival.requestsPerDay * source.lognormal(mu: 0, sigma: profile.arrival.volumeSigma)
                plans.append(genuine)
                truth = AccountTruth(
                    account: account.id, label: .mixed, persona: cover.rawValue,
                    tactic: spec.tactic.rawValue, campaign: spec.id)
            }
            memberIDs.append(account.id)
            if !isReserve { memberDrafts.append(build.drafts.count) }
            build.drafts.append(Draft(idValue: idValue, account: account, plans: plans, truth: truth))
        }
        build.campaignPlans.append(
            CampaignPlan(adaptation: adaptation, members: [], reserves: [], switchRuntime: switchRuntime, seed: campaignSource.next()))
        // Split the budget between the members in proportion to their drawn volumes: the
        // campaign sends what it set out to (issue 7, artifact 5), however few its accounts.
        let requested = Int((Double(spec.budget) * scale).rounded())
        let quotas = Self.quotas(budget: requested, weights: memberDrafts.map { build.drafts[$0].plans[0].requestsPerDay })
        for (draft, quota) in zip(memberDrafts, quotas) { build.drafts[draft].plans[0].quota = quota }
        return CampaignTruth(
            id: spec.id, tactic: spec.tactic.rawValue, accounts: memberIDs.sorted(), start: spec.start, end: spec.end,
            requested: requested, level: spec.sophistication.rawValue)
    }

    /// The ordinal and id value of stock account `stock` of campaign `campaign`: a space of
    /// their own above every other account's (fewer than 2³⁰ accounts, 2²⁰ stock each).
    private static func reserveOrdinal(campaign: Int, stock: Int, idKey: UInt64) -> (ordinal: UInt64, idValue: UInt64) {
        let ordinal = 0xC000_0000 + UInt64(campaign % 1_024) << 20 + UInt64(stock % (1 << 20))
        return (ordinal, Mix.mix64(ordinal ^ idKey))
    }

    /// Fresh proxies and a fresh client for a campaign account that rotates: from the
    /// campaign's pool when it has one, else networks of the account's own kind.
    private func freshWire(
        _ source: RandomSource, tables: IdentityTables, organisation: Organisation, campaignSeed: UInt64,
        coordination: Coordination, build: inout Build
    ) -> WireIdentity {
        let networks: [AccountPlan.Network] =
            coordination.proxyPoolSize > 0
            ? (0..<min(16, 2 + source.geometric(0.2))).map { _ in
                proxy(UInt64(source.index(below: Int(coordination.proxyPoolSize))), campaignSeed: campaignSeed ^ 0x5eed,
                      tables: tables, build: &build)
            }
            : drawNetworks(source, tables: tables, organisation: organisation, key: build.networkKey, symbols: build.symbols)
        let client = tables.clients.sample(source)
        let versions = ClientCatalog.versions(client)
        let version = versions[max(0, versions.count - source.geometric(0.25))]
        let fingerprints = ClientCatalog.tlsFingerprints(client)
        return WireIdentity(
            networks: networks, userAgent: build.symbols.code(for: ClientCatalog.userAgent(client, version: version)),
            tlsFingerprint: build.symbols.code(for: fingerprints[source.index(below: fingerprints.count)]))
    }

    /// Entry `index` of a campaign's proxy pool: a prefix of the same networks benign clients
    /// use (residential proxies are real subscribers' addresses).
    private func proxy(_ index: UInt64, campaignSeed: UInt64, tables: IdentityTables, build: inout Build) -> AccountPlan.Network {
        let local = RandomSource(seed: Mix.mix64(campaignSeed ^ index &* 0x94d0_49bb_1331_11eb))
        let kind = tables.networks.sample(local)
        let asn = tables.systems[kind]!.sample(local)
        let prefix = UInt64(local.index(below: Int(NetworkCatalog.prefixPoolSize(kind))))
        return AccountPlan.Network(ip: build.symbols.code(for: Self.prefixToken(build.networkKey, asn, prefix)), asn: asn)
    }

    // MARK: - Accounts

    private func scaled(_ count: Int) -> Int { Int((Double(count) * scale).rounded()) }

    private func addRuntime(name: String, profile: PersonaProfile, to build: inout Build) -> Int {
        build.runtimes.append(
            PersonaRuntime(
                name: name, profile: profile, prompts: compile(profile.content.prompt), symbols: build.symbols,
                synthesizer: synthesizer))
        return build.runtimes.count - 1
    }

    private func compile(_ style: PromptStyle) -> CompiledPromptStyle {
        do {
            return try synthesizer.compile(style)
        } catch {
            preconditionFailure("invalid built-in prompt style: \(error)")
        }
    }

    /// One account and its actor's plan, drawn from `source` with `profile`'s habits.
    private func drawAccount(
        _ source: RandomSource, idValue: UInt64, ordinal: UInt64, runtime runtimeIndex: Int, profile: PersonaProfile,
        tables: IdentityTables, organisation: Organisation, actorSeed: UInt64, build: inout Build
    ) -> (Account, AccountPlan) {
        let runtime = build.runtimes[runtimeIndex]
        let symbols = build.symbols
        let accountID = "acct_" + hex16(idValue)
        let networks = drawNetworks(source, tables: tables, organisation: organisation, key: build.networkKey, symbols: symbols)
        let (created, firstActive) = drawCreation(source, identity: profile.identity)
        let emailDomain: String =
            switch tables.emailKinds.sample(source) {
            case .freemail: DomainCatalog.freemail[tables.freemail.sample(source)].domain
            case .company, .academic: organisation.domain ?? DomainCatalog.company(organisation.seed)
            }
        let country = organisation.domain == nil ? tables.countries.sample(source) : organisation.country
        let account = Account(
            id: accountID, org: organisation.id, created: created, tier: tables.tiers.sample(source),
            payment: organisation.payment, emailDomain: emailDomain, country: country, signupIP: symbols[networks[0].ip])
        let client = tables.clients.sample(source)
        let versions = ClientCatalog.versions(client)
        let version = versions[max(0, versions.count - source.geometric(0.25))]
        let fingerprints = ClientCatalog.tlsFingerprints(client)
        let content = runtime.profile.content
        var plan = AccountPlan(
            rank: 0, ordinal: ordinal, seed: actorSeed, runtime: runtimeIndex, firstActive: firstActive,
            lastActive: scenario.end, daySeed: Mix.mix64(actorSeed ^ 0xd1b5_4a32_d192_ed03), networkRotation: 0.2,
            campaign: -1, sweepStart: nil,
            requestsPerDay: runtime.profile.arrival.requestsPerDay * source.lognormal(mu: 0, sigma: runtime.profile.arrival.volumeSigma),
            utcOffsetHours: CountryClock.offset(country),
            keys: (0..<min(8, source.geometric(1 / max(1, profile.identity.keysPerAccountMean)))).map {
                symbols.code(for: "key_" + hex16(Mix.mix64(idValue ^ UInt64($0) &* 0x9e37_79b9)).prefix(12))
            },
            networks: networks, userAgent: symbols.code(for: ClientCatalog.userAgent(client, version: version)),
            tlsFingerprint: symbols.code(for: fingerprints[source.index(below: fingerprints.count)]),
            systemPrompts: drawSystemPrompts(source, mean: content.systemPromptsMean, organisation: organisation, symbols: symbols),
            tokenMultiplier: content.accountTokenSigma > 0 ? source.lognormal(mu: 0, sigma: content.accountTokenSigma) : 1,
            habits: AccountHabits(content, source: source),
            temperature: runtime.temperatures.sample(source),
            maxTokens: runtime.maxTokens.sample(source),
            adoptionDelay: source.lognormal(mu: log(max(0.01, content.adoptionDelayDaysMedian)), sigma: 0.8) * 86_400_000,
            preferredFamily: runtime.families.values.firstIndex(of: runtime.families.sample(source)) ?? 0)
        plan.entitySeed = organisation.seed
        return (account, plan)
    }

    private func makeOrganisation(_ source: RandomSource, tables: IdentityTables, idKey: UInt64) -> Organisation {
        let orgSeed = source.next()
        let domain: String? =
            switch tables.emailKinds.sample(source) {
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
            return AccountPlan.Network(ip: symbols.code(for: Self.prefixToken(key, asn, prefix)), asn: asn)
        }
    }

    /// The token of network prefix `prefix` of `asn`: one global space for every actor.
    private static func prefixToken(_ key: UInt64, _ asn: UInt32, _ prefix: UInt64) -> String {
        "net-" + hex16(Mix.mix64(key ^ UInt64(asn) << 32 ^ prefix)).prefix(10)
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
            // Many products use a stock system prompt ("You are a helpful assistant." and the
            // like) [Assumption: half]; the rest are the organisation's own, shared by its
            // accounts.
            if source.chance(Self.stockSystemPromptShare) {
                return symbols.code(for: Self.stockSystemPrompt(Self.stockSystemPrompts.sample(source)))
            }
            let product = source.chance(0.6) ? UInt64(index) : source.next()
            return symbols.code(for: "sys_" + hex16(Mix.mix64(organisation.seed ^ product &* 0x2545_f491_4f6c_dd1d)).prefix(16))
        }
        if count == 0 || source.chance(0.2) { codes.append(symbols.code(for: "")) }
        return codes
    }
}

extension PopulationBuilder {
    /// The least a campaign account sends when the budget allows it [Assumption: an account
    /// opened to harvest is used for more than a request or two].
    static let minimumQuota = 3

    /// `budget` split into whole quotas in proportion to `weights` (largest remainders), each at
    /// least ``minimumQuota`` where the budget allows and never below 1.
    static func quotas(budget: Int, weights: [Double]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let floor = max(1, min(minimumQuota, budget / weights.count))
        let spare = max(0, budget - floor * weights.count)
        let total = weights.reduce(0, +)
        let shares = weights.map { total > 0 ? Double(spare) * $0 / total : Double(spare) / Double(weights.count) }
        var quotas = shares.map { floor + Int($0.rounded(.down)) }
        let left = max(0, budget - quotas.reduce(0, +))  // 0 when even the floor overspends
        let byRemainder = shares.indices.sorted {
            let a = shares[$0] - shares[$0].rounded(.down)
            let b = shares[$1] - shares[$1].rounded(.down)
            return a != b ? a > b : $0 < $1
        }
        for index in byRemainder.prefix(left) { quotas[index] += 1 }
        return quotas
    }

    /// Share of system prompts that are stock ones.
    static let stockSystemPromptShare = 0.5
    /// Popularity of the 24 stock system prompts (Zipf, exponent 1.2).
    static let stockSystemPrompts = WeightedTable(
        DiscreteDistribution.zipfWeights(count: 24, exponent: 1.2).enumerated().map { ($0.offset, $0.element) })

    /// The hash token of stock system prompt `index`: the same for every actor of every run.
    static func stockSystemPrompt(_ index: Int) -> String {
        "sys_" + hex16(Mix.mix64(0x5157_4f43_4b00_0000 ^ UInt64(index))).prefix(16)
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
