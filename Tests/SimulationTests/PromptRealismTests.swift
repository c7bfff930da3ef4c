import Randomness
import Simulation
import Testing
import Traffic

/// Issue 7, prompt text: sweeps in a keyed random order interleaved with interests, varied
/// and organisation-specific pasted context, varied follow-ups, embeddings passages, code
/// where it fits, and blending one style toward another.
struct PromptRealismTests {
    let synthesizer = PromptSynthesizer.shared

    // MARK: - Helpers

    /// Writes `count` prompts for each of `accounts` accounts (one account after another),
    /// each starting from `state(account)`.
    func generate(
        _ style: PromptStyle, accounts: Int, count: Int, seed: UInt64 = 1,
        state: (Int) -> PromptState = { _ in PromptState() }
    ) throws -> (column: TextColumn, written: [[WrittenPrompt]], states: [PromptState]) {
        let compiled = try synthesizer.compile(style)
        var column = TextColumn()
        var written: [[WrittenPrompt]] = []
        var states: [PromptState] = []
        for account in 0..<accounts {
            let source = RandomSource(seed: seed, key: SeedKey(.text, 2, account))
            var promptState = state(account)
            written.append((0..<count).map { _ in
                synthesizer.write(style: compiled, state: &promptState, into: &column, source: source)
            })
            states.append(promptState)
        }
        return (column, written, states)
    }

    /// Share of consecutive prompts of one account whose topic index rises by exactly one
    /// (the table-order artifact of issue 7: 0.75–0.91 for campaigns, 0.018 for developers).
    static func plusOneShare(_ written: [[WrittenPrompt]]) -> Double {
        var steps = 0
        var plusOne = 0
        for account in written {
            for (a, b) in zip(account, account.dropFirst()) {
                steps += 1
                if b.topic == a.topic + 1 { plusOne += 1 }
            }
        }
        return Double(plusOne) / Double(max(1, steps))
    }

    /// A style in one language without fillers, follow-ups or reuse unless set afterwards.
    static func bare(_ language: Language, kinds: [TaskKind: Double] = [.explain: 1]) -> PromptStyle {
        PromptStyle(
            languages: [language: 1], languageStickiness: 1, taskKinds: kinds, topics: .uniform(), greeting: 0,
            background: 0, politeness: 0, typo: 0, followUp: 0, reasoningSuffix: 0, formatInstruction: 0, context: 0,
            templateReuse: 0, nearDuplicate: 0, pastedCode: 0)
    }

    // MARK: - Sweeps

    @Test(arguments: [1, 2, 3, 5, 17, 36, 64, 180, 1000])
    func sweepPermutationIsADeterministicBijection(count: Int) {
        for seed: UInt64 in [0, 1, 0xdead_beef] {
            let permutation = SweepPermutation(count: count, seed: seed)
            let values = (0..<count).map { permutation[$0] }
            #expect(Set(values) == Set(0..<count))
            #expect(values == (0..<count).map { SweepPermutation(count: count, seed: seed)[$0] })
            #expect(permutation[count + 3] == permutation[3 % count])
        }
        if count >= 17 {
            let a = (0..<count).map { SweepPermutation(count: count, seed: 7)[$0] }
            let b = (0..<count).map { SweepPermutation(count: count, seed: 8)[$0] }
            #expect(a != b)
            #expect(a != Array(0..<count))
            // Consecutive steps are unrelated in the table: few +1 steps (about 1/count).
            let plusOne = zip(a, a.dropFirst()).filter { $1 == $0 + 1 }.count
            #expect(Double(plusOne) / Double(count) < 0.05 + 2 / Double(count))
        }
    }

    /// Fails on table-order sweeps: sweeping styles rise by one topic index about as rarely
    /// as a developer's prompts do.
    @Test func sweepsDoNotFollowTheTopicTable() throws {
        let hydraLike = PromptStyle(
            languages: [.en: 0.6, .zh: 0.2, .es: 0.1, .fr: 0.1], languageStickiness: 0.5,
            taskKinds: [.explain: 0.25, .stepByStepReasoning: 0.2, .solveMath: 0.15, .compare: 0.1, .factualQuestion: 0.3],
            topics: .sweep(), followUp: 0.05, reasoningSuffix: 0.4, templateReuse: 0.3, nearDuplicate: 0.03)
        var mimicLike = PromptStyle.developer
        mimicLike.topics = .sweep()
        var syllabus = PromptStyle.developer
        syllabus.sweeperShare = 1
        let developer = try generate(.developer, accounts: 40, count: 200)
        let developerShare = Self.plusOneShare(developer.written)
        #expect(developerShare < 0.05)
        for style in [PromptStyle.coverageSweep, hydraLike, mimicLike, syllabus, .evaluationHarness] {
            let (_, written, _) = try generate(style, accounts: 40, count: 200)
            let share = Self.plusOneShare(written)
            #expect(share < 0.05, "+1 share \(share) (developer \(developerShare))")
        }
        // A pure sweep still visits every topic once per round.
        let pure = PromptStyle(topics: .sweep(), followUp: 0, templateReuse: 0, nearDuplicate: 0)
        let n = try synthesizer.compile(pure).sweepTopics.count
        let (_, round, _) = try generate(pure, accounts: 3, count: n)
        for account in round { #expect(Set(account.map(\.topic)).count == n) }
    }

    @Test func campaignMembersSplitOneKeyedWalk() throws {
        let style = PromptStyle(topics: .sweep(domains: [.law, .health]), followUp: 0, templateReuse: 0, nearDuplicate: 0)
        let compiled = try synthesizer.compile(style)
        let n = compiled.sweepTopics.count
        #expect(compiled.sweepTopics == PromptPools.standard.topicIndices(in: [.law, .health]))
        let members = 4
        func walk(seed: UInt64) throws -> [[Int]] {
            try generate(style, accounts: members, count: n / members) {
                PromptState(sweepSeed: seed, sweepStart: $0 * n / members)
            }.written.map { $0.map(\.topic) }
        }
        let parts = try walk(seed: 99)
        let joined = parts.flatMap { $0 }
        #expect(Set(joined) == Set(compiled.sweepTopics))  // the members partition the topics
        #expect(joined.count == n)
        #expect(joined == (0..<n).map { compiled.sweepTopics[SweepPermutation(count: n, seed: 99)[$0]] })
        #expect(try walk(seed: 99) == parts)
        #expect(try walk(seed: 100).flatMap { $0 } != joined)
    }

    @Test func sweeperShareSplitsAccountsAndSweepShareSplitsDraws() throws {
        let style = PromptStyle(
            topics: .focused(count: 4, domains: [.cooking]), followUp: 0, templateReuse: 0, nearDuplicate: 0,
            sweeperShare: 0.3, sweepShare: 0.5, sweepDomains: [])
        let (_, written, states) = try generate(style, accounts: 600, count: 60)
        let sweepers = states.indices.filter { states[$0].sweeper }
        let share = Double(sweepers.count) / Double(states.count)
        #expect(abs(share - 0.3) < 0.05, "sweeper share \(share)")
        var outside = 0
        var total = 0
        for account in states.indices {
            let focused = Set(states[account].focusedTopics)
            let away = written[account].filter { !focused.contains($0.topic) }.count
            if states[account].sweeper {
                outside += away
                total += written[account].count
            } else {
                #expect(away == 0)  // accounts that do not sweep keep to their interests
            }
        }
        let walked = Double(outside) / Double(total)
        #expect(abs(walked - 0.5) < 0.04, "walk share \(walked)")
    }

    @Test func promptStateStaysSmall() {
        #expect(MemoryLayout<PromptState>.size <= 64)  // one per account, millions of accounts
    }

    @Test func personasSweepWhereIssueSevenSaysTheyDo() {
        #expect(Persona.developer.promptStyle.sweeperShare > 0 && Persona.developer.promptStyle.sweeperShare <= 0.1)
        #expect(Persona.evalHarness.promptStyle.sweeperShare >= 0.7)
        #expect(Persona.syntheticData.promptStyle.sweeperShare > 0)
        #expect(Persona.chatApp.promptStyle.sweeperShare == 0)
    }

    // MARK: - Pasted context and follow-ups

    /// Fails on the 15-sentence pools: single-sentence contexts are mostly distinct and none
    /// is pasted in more than 3 % of prompts.
    @Test(arguments: Language.allCases)
    func pastedContextIsVaried(_ language: Language) throws {
        var style = Self.bare(language)
        style.context = 1
        style.contextSentences = 1...1
        let (column, _, _) = try generate(style, accounts: 100, count: 50)
        let intros = Set(PromptPools.standard.phrases(language).contextIntros)
        var counts: [Substring: Int] = [:]
        for i in 0..<column.count {
            let lines = column[i].split(separator: "\n", omittingEmptySubsequences: true)
            for (a, b) in zip(lines, lines.dropFirst()) where intros.contains(String(a)) { counts[b, default: 0] += 1 }
        }
        let total = counts.values.reduce(0, +)
        #expect(total == column.count)
        #expect(counts.count * 10 > total * 4, "\(counts.count) distinct of \(total)")
        #expect(counts.values.max()! * 100 < total * 3, "\(counts.max { $0.value < $1.value }!)")
    }

    /// Fails on the 8–12 one-liners: follow-ups are mostly distinct, none above 5 %.
    @Test(arguments: Language.allCases)
    func followUpsAreVaried(_ language: Language) throws {
        var style = Self.bare(language)
        style.followUp = 0.5
        let (column, written, _) = try generate(style, accounts: 100, count: 60)
        let flat = written.flatMap { $0 }
        var counts: [String: Int] = [:]
        for i in flat.indices where flat[i].features.contains(.followUp) { counts[column[i], default: 0] += 1 }
        let total = counts.values.reduce(0, +)
        #expect(total > 2500)
        #expect(counts.count * 10 > total * 2, "\(counts.count) distinct of \(total)")
        #expect(counts.values.max()! * 100 < total * 5, "\(counts.max { $0.value < $1.value }!)")
    }

    @Test func accountsOfOneOrganisationShareVocabulary() throws {
        var style = Self.bare(.en)
        style.context = 1
        style.contextSentences = 6...6
        style.topics = .focused(count: 3, domains: [.business, .finance, .customerSupport])
        /// The account's most frequent products (top 2) and companies (top 5).
        func top(_ seed: UInt64, account: Int) throws -> [Set<String>] {
            let (column, _, _) = try generate(style, accounts: 1, count: 300, seed: UInt64(account) + 50) { _ in
                PromptState(entitySeed: seed)
            }
            return [(PromptPools.standard.products, 2), (PromptPools.standard.companies, 5)].map { names, keep in
                var counts: [String: Int] = [:]
                for i in 0..<column.count {
                    for name in names where column[i].contains(name) { counts[name, default: 0] += 1 }
                }
                return Set(counts.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(keep).map(\.key))
            }
        }
        let a = try top(42, account: 1)
        let b = try top(42, account: 2)
        let c = try top(4242, account: 3)
        #expect(a == b, "\(a) vs \(b)")
        #expect(a[0].intersection(c[0]).count + a[1].intersection(c[1]).count <= 2, "\(a) vs \(c)")
    }

    // MARK: - Embeddings passages

    @Test(arguments: Language.allCases)
    func embeddingsPassagesCarryNoChatPhrasing(_ language: Language) throws {
        var style = Self.bare(language, kinds: [.explain: 0.5, .stepByStepReasoning: 0.5])
        (style.greeting, style.politeness, style.reasoningSuffix, style.formatInstruction, style.typo) = (1, 1, 1, 1, 0.1)
        let compiled = try synthesizer.compile(style)
        let pools = PromptPools.standard.phrases(language)
        let chat = (pools.greetings + pools.politeness + pools.reasoning + pools.formats).filter { $0.count >= 5 }
        var column = TextColumn()
        var kinds: Set<String> = []
        for account in 0..<200 {
            let source = RandomSource(seed: 3, key: SeedKey(.text, 4, account))
            var state = PromptState()
            let first = synthesizer.write(style: compiled, state: &state, into: &column, source: source)
            for _ in 0..<5 {
                let passage = synthesizer.writePassage(style: compiled, state: &state, into: &column, source: source)
                let text = column[column.count - 1]
                #expect(passage.features.contains(.passage))
                #expect(passage.kind == .extract)
                #expect(passage.characters == text.unicodeScalars.count && passage.characters <= 512)
                #expect(!text.isEmpty && passage.tokens >= 1)
                #expect(!chat.contains { text.contains($0) }, "\(text)")
                #expect(state.previousTopic == first.topic)  // the chat exchange is left as it was
                kinds.insert(text.count < 60 ? "short" : "long")
            }
        }
        #expect(kinds == ["short", "long"])  // queries and chunks both occur
    }

    // MARK: - Code

    @Test func codingAgentsCarryCodeMoreOftenThanDevelopers() throws {
        func codeShare(_ style: PromptStyle) throws -> Double {
            let flat = try generate(style, accounts: 100, count: 100).written.flatMap { $0 }
            return Double(flat.filter { $0.features.contains(.code) }.count) / Double(flat.count)
        }
        let agent = try codeShare(Persona.codingAgent.promptStyle)
        let developer = try codeShare(Persona.developer.promptStyle)
        #expect(agent > 0.3 && agent > developer + 0.1, "coding agent \(agent), developer \(developer)")
        #expect(developer > 0.12)
    }

    /// Debugging prompts about programming and data topics use the concept phrasing; other
    /// topics are framed as an app or site about them, in every language, also when a
    /// template is reused with a topic of the other kind.
    @Test(arguments: Language.allCases)
    func debuggingTemplatesFitTheTopic(_ language: Language) throws {
        var style = Self.bare(language, kinds: [.debugCode: 1])
        style.templateReuse = 0.5
        let (column, written, _) = try generate(style, accounts: 40, count: 50)
        let pools = PromptPools.standard
        let phrases = pools.phrases(language)
        var technical = 0
        for (i, prompt) in written.flatMap({ $0 }).enumerated() {
            let domain = pools.domain(ofTopic: prompt.topic)
            let isTechnical = domain == .programming || domain == .dataScience
            if isTechnical { technical += 1 }
            let candidates = isTechnical ? phrases.codeTopicTemplates : phrases.templates[.debugCode]!
            let name = pools.topics[prompt.topic].name(in: language)
            let rendered = candidates.map { $0.split(separator: "{t}", omittingEmptySubsequences: false).joined(separator: name) }
            #expect(rendered.contains { column[i].hasPrefix($0) }, "\(column[i])")
            #expect(prompt.features.contains(.code))
        }
        #expect(technical > 100 && technical < 1900)
    }

    // MARK: - Blending

    /// Blending gives bit-identical weights however its tables were built: a dictionary's
    /// iteration order differs with its capacity and from process to process, and weights summed
    /// in that order differed in their last bit, so the same scenario could give another trace.
    @Test func blendingDoesNotDependOnDictionaryOrder() {
        // Weights whose float sum depends on the order of addition (0.1 + 0.2 + 0.3 ≠ 0.3 + 0.2 + 0.1).
        let weights = TaskKind.allCases.enumerated().map { ($0.element, 0.1 * Double($0.offset % 3 + 1) + 1e-3 * Double($0.offset)) }
        var results: Set<[TaskKind: Double]> = []
        for capacity in [0, 20, 32, 64, 128, 256, 512] {
            for order in [weights, Array(weights.reversed()), weights.sorted { $0.1 > $1.1 }] {
                var taskKinds = [TaskKind: Double](minimumCapacity: capacity)
                for (kind, weight) in order { taskKinds[kind] = weight }
                results.insert(PromptStyle(taskKinds: taskKinds).blended(toward: .developer, share: 0.3).taskKinds)
            }
        }
        #expect(results.count == 1)
    }

    @Test func blendingMovesEveryKnobTowardTheCover() throws {
        let campaign = PromptStyle(
            languages: [.en: 0.6, .zh: 0.4], languageStickiness: 0.5,
            taskKinds: [.explain: 0.5, .stepByStepReasoning: 0.5], topics: .sweep(), greeting: 0.02, background: 0,
            politeness: 0.04, typo: 0.02, followUp: 0.04, reasoningSuffix: 0.8, formatInstruction: 0.2, context: 0.02,
            contextSentences: 2...4, templateReuse: 0.3, nearDuplicate: 0.02, pastedCode: 0)
        let cover = PromptStyle.developer
        #expect(campaign.blended(toward: cover, share: 0) == campaign)

        let half = campaign.blended(toward: cover, share: 0.5)
        let coverLanguages = cover.languages.values.reduce(0, +)
        #expect(abs(half.languages[.en]! - (0.3 + 0.5 * cover.languages[.en]! / coverLanguages)) < 1e-9)
        let coverKinds = cover.taskKinds.values.reduce(0, +)
        #expect(abs(half.taskKinds[.writeCode]! - 0.5 * cover.taskKinds[.writeCode]! / coverKinds) < 1e-9)
        #expect(abs(half.taskKinds.values.reduce(0, +) - 1) < 1e-9)
        #expect(abs(half.reasoningSuffix - (0.8 + cover.reasoningSuffix) / 2) < 1e-9)
        #expect(abs(half.greeting - (0.02 + cover.greeting) / 2) < 1e-9)
        #expect(abs(half.pastedCode - cover.pastedCode / 2) < 1e-9)
        #expect(half.contextSentences == 2...6)
        // The campaign keeps its walk over every topic; its other draws follow the cover's interests.
        #expect(half.topics == cover.topics)
        #expect(half.sweeperShare == 1)
        #expect(half.sweepDomains == [])
        #expect(abs(half.sweepShare - (0.5 + 0.5 * cover.sweeperShare * cover.sweepShare)) < 1e-9)
        let (_, written, _) = try generate(half, accounts: 20, count: 200)
        #expect(Self.plusOneShare(written) < 0.05)

        // All the way: the cover's mixes and probabilities, its interests, almost no walking.
        let full = campaign.blended(toward: cover, share: 1)
        #expect(abs(full.languages[.en]! - cover.languages[.en]! / coverLanguages) < 1e-9)
        #expect(full.typo == cover.typo && full.followUp == cover.followUp)
        #expect(full.sweepShare < 0.05)
        _ = try synthesizer.compile(full)

        // A style without a walk takes the cover's interests once they weigh more and gains the cover's sweepers.
        let eval = PromptStyle.evaluationHarness
        let developer = PromptStyle.developer
        #expect(developer.blended(toward: eval, share: 0.3).topics == developer.topics)
        #expect(developer.blended(toward: eval, share: 0.3).sweeperShare == developer.sweeperShare)
        let focused = PromptStyle(topics: .focused(count: 5))
        let lawyer = PromptStyle(topics: .focused(count: 6, domains: [.law]))
        #expect(focused.blended(toward: lawyer, share: 0.3).topics == focused.topics)
        #expect(focused.blended(toward: lawyer, share: 0.7).topics == lawyer.topics)
        // A uniform selection counts as a walk by every account.
        #expect(abs(focused.blended(toward: eval, share: 0.5).sweeperShare - 0.5) < 1e-9)
        #expect(focused.blended(toward: eval, share: 0.5).sweepShare == 1)

        // Only the task mix moves.
        let tasks = campaign.blendingTasks(with: PromptStyle.chatTaskMix, share: 0.15)
        #expect((tasks.taskKinds[.draftEmail] ?? 0) > 0.005 && (tasks.taskKinds[.translate] ?? 0) > 0.004)
        var sameElse = tasks
        sameElse.taskKinds = campaign.taskKinds
        #expect(sameElse == campaign)
    }
}
