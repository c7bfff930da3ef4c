#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness
import Simulation
import Testing
import Traffic

/// Prompt-text synthesis: pools, determinism, the 512-character cut, scripts, style
/// distributions, the shared-pool property and typos.
struct PromptTests {
    let synthesizer = PromptSynthesizer.shared

    // MARK: - Helpers

    /// Writes `count` prompts for `accounts` accounts (round robin) of `style`.
    func generate(
        _ style: PromptStyle, count: Int, accounts: Int = 1, seed: UInt64 = 7
    ) throws -> (column: TextColumn, written: [WrittenPrompt]) {
        let compiled = try synthesizer.compile(style)
        let sources = (0..<accounts).map { RandomSource(seed: seed, key: SeedKey(.text, 0, $0)) }
        var states = [PromptState](repeating: PromptState(), count: accounts)
        var column = TextColumn()
        var written: [WrittenPrompt] = []
        for i in 0..<count {
            let a = i % accounts
            written.append(synthesizer.write(style: compiled, state: &states[a], into: &column, source: sources[a]))
        }
        return (column, written)
    }

    /// A style reduced to one language, no follow-ups or reuse, other knobs as given.
    func only(_ language: Language, _ base: PromptStyle = .generalUser) -> PromptStyle {
        var style = base
        style.languages = [language: 1]
        return style
    }

    /// The adversarial-like style of the shared-pool property: a broad sweep with reasoning
    /// suffixes in three languages.
    static let sweepHarvest = PromptStyle(
        languages: [.en: 0.5, .zh: 0.3, .es: 0.2], languageStickiness: 0,
        taskKinds: [.explain: 0.3, .stepByStepReasoning: 0.3, .factualQuestion: 0.2, .gradeAnswer: 0.2],
        topics: .sweep(), greeting: 0, background: 0, politeness: 0, typo: 0, followUp: 0,
        reasoningSuffix: 0.9, formatInstruction: 0.3, context: 0, templateReuse: 0.3, nearDuplicate: 0.05
    )

    static let adversarialPresets: [PromptStyle] = [
        .coverageSweep, .reasoningElicitation, .selfInstruct, .rubricHarvest, .logitProbe, sweepHarvest,
    ]
    static let benignPresets: [PromptStyle] = [.generalUser, .developer, .student, .professional, .evaluationHarness]

    // MARK: - Pools

    @Test func standardPoolsAreCompleteAndLargeEnough() throws {
        let pools = PromptPools.standard
        try pools.validate()
        #expect(pools.topicCount >= 150)
        #expect(Set(pools.topics.map(\.domain)).count >= 12)
        for language in Language.allCases {
            let phrases = pools.phrases(language)
            for kind in TaskKind.allCases {
                #expect((phrases.templates[kind]?.count ?? 0) >= 4, "\(language) \(kind)")
            }
            #expect(phrases.reasoning.count >= 4)
            #expect(phrases.formats.count >= 4)
            #expect(phrases.followUps.count >= 4)
        }
        #expect(pools.domain(ofTopic: 0) == .science)
        #expect(pools.topicIndices(in: [.law]).count == 12)
    }

    @Test func invalidStylesAreRejected() {
        #expect(throws: PromptStyleError.invalidWeights("languages")) {
            try synthesizer.compile(PromptStyle(languages: [.en: 0]))
        }
        #expect(throws: PromptStyleError.invalidProbability("typo", 1.5)) {
            try synthesizer.compile(PromptStyle(typo: 1.5))
        }
        #expect(throws: PromptStyleError.invalidTopicCount(40)) {
            try synthesizer.compile(PromptStyle(topics: .focused(count: 40)))
        }
    }

    // MARK: - Text

    @Test func sameSeedSameText() throws {
        for style in Self.benignPresets + Self.adversarialPresets {
            let a = try generate(style, count: 500, accounts: 5, seed: 11)
            let b = try generate(style, count: 500, accounts: 5, seed: 11)
            let c = try generate(style, count: 500, accounts: 5, seed: 12)
            #expect(a.column == b.column)
            #expect(a.written == b.written)
            #expect(a.column != c.column)
        }
    }

    @Test(arguments: Language.allCases)
    func promptsAreValidUTF8AndAtMost512Characters(_ language: Language) throws {
        var style = only(language, .professional)
        style.context = 0.6
        style.contextSentences = 20...40  // long pasted documents: the cut must happen
        let (column, written) = try generate(style, count: 3000, accounts: 30)
        var truncated = 0
        for i in 0..<column.count {
            let bytes = Array(column.bytes[column.range(i)])
            let text = try #require(String(validating: bytes, as: UTF8.self))
            #expect(text.unicodeScalars.count <= PromptSynthesizer.maxCharacters)
            #expect(text.unicodeScalars.count == written[i].characters)
            #expect(!text.isEmpty)
            if written[i].features.contains(.truncated) {
                truncated += 1
                #expect(written[i].characters >= PromptSynthesizer.maxCharacters - 3)
                #expect(written[i].tokens > written[i].characters / 4)  // the cut text still counts
            }
        }
        #expect(truncated > 100)
    }

    @Test(arguments: Language.allCases)
    func everyLanguageIsWrittenInItsScript(_ language: Language) throws {
        let (column, _) = try generate(only(language), count: 2000, accounts: 20)
        var marked = 0
        for i in 0..<column.count {
            let scalars = column[i].unicodeScalars
            let han = scalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
            let kana = scalars.filter { (0x3040...0x30FF).contains($0.value) }.count
            let latin = scalars.filter { $0.properties.isAlphabetic && $0.value < 0x250 }.count
            switch language {
            case .zh:
                #expect(kana == 0)
                if han > latin { marked += 1 }
            case .ja:
                if kana > 0 { marked += 1 }
            default:
                #expect(han + kana == 0)
                let text = column[i]
                let markers: [String] = switch language {
                case .en: [" the ", " you ", " me ", " my ", " this ", " is ", " and ", " to ", " that", "?"]
                case .es: ["¿", "á", "é", "í", "ó", "ú", "ñ", " el ", " la ", " los ", " las "]
                case .de: ["Thema", "ä", "ö", "ü", "ß", " ich ", " die ", " das ", " du ", " und ", " ist "]
                case .fr: ["é", "è", "à", "ç", "ê", " le ", " la ", " les ", " l'"]
                case .pt: ["ã", "õ", "ç", "é", "ê", " o ", " a ", " os ", " as "]
                default: []
                }
                if markers.contains(where: { text.contains($0) }) { marked += 1 }
            }
        }
        #expect(marked >= column.count * 85 / 100, "\(language): \(marked) of \(column.count)")
    }

    @Test func tokenEstimatesFollowTheScript() throws {
        var style = PromptStyle.generalUser
        style.context = 0
        for (language, low, high) in [(Language.en, 3.3, 4.7), (.zh, 0.8, 1.6), (.de, 2.6, 3.6)] {
            let (_, written) = try generate(only(language, style), count: 2000, accounts: 20)
            let chars = written.reduce(0) { $0 + $1.characters }
            let tokens = written.reduce(0) { $0 + $1.tokens }
            let perToken = Double(chars) / Double(tokens)
            #expect(perToken > low && perToken < high, "\(language): \(perToken) characters per token")
        }
    }

    // MARK: - Distributions

    @Test func broadCoverageTouchesFarMoreTopicsThanFocused() throws {
        let focused = PromptStyle(topics: .focused(count: 8), followUp: 0)
        let broad = PromptStyle(topics: .uniform(), followUp: 0)
        let (_, narrowWritten) = try generate(focused, count: 2000)
        let (_, broadWritten) = try generate(broad, count: 2000)
        let narrowTopics = Set(narrowWritten.map(\.topic)).count
        let broadTopics = Set(broadWritten.map(\.topic)).count
        #expect(narrowTopics <= 8)
        #expect(broadTopics >= 170)
        // Zipf: the most frequent focused topic is asked far more often than the least.
        var counts: [Int: Int] = [:]
        for w in narrowWritten { counts[w.topic, default: 0] += 1 }
        #expect(counts.values.max()! > 4 * counts.values.min()!)
    }

    @Test func focusedAccountsHaveTheirOwnTopics() throws {
        let compiled = try synthesizer.compile(PromptStyle(topics: .focused(count: 6)))
        var column = TextColumn()
        var profiles: Set<[Int]> = []
        for account in 0..<20 {
            var state = PromptState()
            synthesizer.write(
                style: compiled, state: &state, into: &column, source: RandomSource(seed: 1, key: SeedKey(.text, 0, account)))
            #expect(state.focusedTopics.count == 6)
            #expect(Set(state.focusedTopics).count == 6)
            profiles.insert(state.focusedTopics)
        }
        #expect(profiles.count == 20)
    }

    @Test func featureRatesMatchTheStyle() throws {
        let style = PromptStyle(
            greeting: 0.2, politeness: 0.1, typo: 0, followUp: 0, reasoningSuffix: 0.3, formatInstruction: 0.25,
            context: 0.15, templateReuse: 0, nearDuplicate: 0)
        let n = 20_000
        let (column, written) = try generate(style, count: n, accounts: 50)
        func rate(_ feature: PromptFeatures) -> Double {
            Double(written.filter { $0.features.contains(feature) }.count) / Double(n)
        }
        #expect(abs(rate(.reasoningSuffix) - 0.3) < 0.015)
        #expect(abs(rate(.greeting) - 0.2) < 0.015)
        #expect(abs(rate(.formatInstruction) - 0.25) < 0.015)
        #expect(abs(rate(.context) - 0.15) < 0.015)
        #expect(abs(rate(.politeness) - 0.1) < 0.015)
        // The flags describe the text: a reasoning suffix of the prompt's language is present.
        let pools = PromptPools.standard
        for i in 0..<2000 where written[i].features.contains(.reasoningSuffix) && !written[i].features.contains(.truncated) {
            let suffixes = pools.phrases(written[i].language).reasoning
            #expect(suffixes.contains { column[i].contains($0) }, "\(column[i])")
        }
    }

    @Test func followUpsAndReuseKeepThePreviousExchange() throws {
        let (_, followUps) = try generate(PromptStyle(followUp: 0.5, templateReuse: 0, nearDuplicate: 0), count: 4000)
        for (previous, current) in zip(followUps, followUps.dropFirst()) where current.features.contains(.followUp) {
            #expect(current.topic == previous.topic)
            #expect(current.language == previous.language)
        }
        let rate = Double(followUps.filter { $0.features.contains(.followUp) }.count) / 4000
        #expect(abs(rate - 0.5) < 0.03)

        let scaffold = PromptStyle(topics: .uniform(), followUp: 0, templateReuse: 0.9, nearDuplicate: 0)
        let (_, reused) = try generate(scaffold, count: 2000)
        var sameKind = 0
        var reuses = 0
        for (previous, current) in zip(reused, reused.dropFirst()) where current.features.contains(.templateReuse) {
            reuses += 1
            if current.kind == previous.kind && current.language == previous.language { sameKind += 1 }
        }
        #expect(reuses == sameKind)
        #expect(reuses > 1700)

        let repeats = PromptStyle(typo: 0, followUp: 0, formatInstruction: 0, templateReuse: 0, nearDuplicate: 1)
        let (column, written) = try generate(repeats, count: 50)
        #expect(Set(written.map(\.topic)).count == 1)
        #expect(Set((0..<50).map { column[$0] }).count > 1)  // fillers are redrawn
    }

    // MARK: - Shared pools

    @Test func adversarialStylesOnlyReweightBenignPools() {
        let pools = PromptPools.standard
        let benign = Self.benignPresets.reduce(into: Set<PhraseID>()) { $0.formUnion(pools.support(of: $1)) }
        for style in Self.adversarialPresets {
            let support = pools.support(of: style)
            #expect(!support.isEmpty)
            #expect(support.isSubset(of: benign), "\(support.subtracting(benign).sorted { $0.description < $1.description }.prefix(5))")
        }
        // The general benign user alone can produce every phrase.
        #expect(pools.support(of: .generalUser).isSuperset(of: Self.adversarialPresets.reduce(into: Set<PhraseID>()) {
            $0.formUnion(pools.support(of: $1))
        }))
    }

    @Test func adversarialWordsAllOccurInBenignText() throws {
        // Empirical check of the same property on English text: every word an adversarial
        // style writes is also written by benign users.
        func words(_ generated: (column: TextColumn, written: [WrittenPrompt])) -> Set<Substring> {
            var words: Set<Substring> = []
            for i in 0..<generated.column.count {
                var split = generated.column[i].split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                if generated.written[i].features.contains(.truncated) { split.removeLast() }  // cut mid-word
                // Numbers fill slots from the same ranges on both sides; a finite sample of
                // benign text cannot hold every value, so they are left out.
                words.formUnion(split.filter { !$0.allSatisfy(\.isNumber) })
            }
            return words
        }
        var benign = PromptStyle.generalUser
        benign.typo = 0
        let benignWords = words(try generate(only(.en, benign), count: 120_000, accounts: 6000))
        for var style in Self.adversarialPresets {
            style.typo = 0
            let adversarialWords = words(try generate(only(.en, style), count: 3000, accounts: 10))
            let unique = adversarialWords.subtracting(benignWords)
            #expect(unique.isEmpty, "\(unique.prefix(10))")
        }
    }

    // MARK: - Typos

    @Test func typosOccurAtTheConfiguredRateAndOnlyChangeALittle() throws {
        var clean = PromptStyle.generalUser
        clean.typo = 0
        var sloppy = clean
        sloppy.typo = 0.3
        let cleanStyle = try synthesizer.compile(clean)
        let sloppyStyle = try synthesizer.compile(sloppy)
        /// Two clean prompts of history, then one in `style` (so follow-ups and reuse occur too).
        func third(_ style: CompiledPromptStyle, trial: Int) -> (String, WrittenPrompt) {
            let source = RandomSource(seed: 5, key: SeedKey(.text, 1, trial))
            var state = PromptState()
            var column = TextColumn()
            synthesizer.write(style: cleanStyle, state: &state, into: &column, source: source)
            synthesizer.write(style: cleanStyle, state: &state, into: &column, source: source)
            let written = synthesizer.write(style: style, state: &state, into: &column, source: source)
            return (column[2], written)
        }
        let n = 6000
        var withTypos = 0
        for trial in 0..<n {
            // Typos are drawn last, so both agree on everything before them.
            let (a, aWritten) = third(cleanStyle, trial: trial)
            let (b, bWritten) = third(sloppyStyle, trial: trial)
            #expect(aWritten.typos == 0)
            #expect(aWritten.topic == bWritten.topic)
            if bWritten.typos == 0 {
                #expect(a == b)
            } else {
                withTypos += 1
                if bWritten.typos == 1 { #expect(a != b) }  // two typos may undo each other
                #expect(abs(aWritten.characters - bWritten.characters) <= bWritten.typos)
                #expect(b.unicodeScalars.count == bWritten.characters)
            }
        }
        let rate = Double(withTypos) / Double(n)
        #expect(abs(rate - 0.3) < 0.025, "typo rate \(rate)")
    }

    // MARK: - Inspection and timing (opt-in)

    /// `PROMPT_SAMPLES=1 swift test --filter PromptTests` prints examples of every preset.
    @Test func printSamples() throws {
        guard getenv("PROMPT_SAMPLES") != nil else { return }
        for (name, style) in [
            ("generalUser", PromptStyle.generalUser), ("developer", .developer), ("student", .student),
            ("professional", .professional), ("evaluationHarness", .evaluationHarness),
            ("coverageSweep", .coverageSweep), ("reasoningElicitation", .reasoningElicitation),
            ("selfInstruct", .selfInstruct), ("rubricHarvest", .rubricHarvest), ("logitProbe", .logitProbe),
        ] {
            let (column, written) = try generate(style, count: 12, accounts: 4, seed: 99)
            print("==== \(name)")
            for i in 0..<column.count {
                print("[\(written[i].language.rawValue) \(written[i].kind.rawValue) t\(written[i].topic) \(written[i].characters)c \(written[i].tokens)tok] \(column[i])")
            }
        }
        for language in Language.allCases {
            let (column, written) = try generate(only(language), count: 10, accounts: 10, seed: 5)
            print("==== generalUser, \(language.rawValue) only")
            for i in 0..<column.count {
                print("[\(written[i].language.rawValue) \(written[i].kind.rawValue) t\(written[i].topic) \(written[i].characters)c \(written[i].tokens)tok] \(column[i])")
            }
        }
    }

    /// `PROMPT_BENCH=1 swift test -c release --filter PromptTests` prints ns per prompt: the
    /// best of 15 runs of 200 000 prompts over 1000 accounts (10 prompts per account visit), in
    /// thread CPU time, so that other load on a shared machine counts as little as possible.
    @Test func measureWriteSpeed() throws {
        guard getenv("PROMPT_BENCH") != nil else { return }
        let accounts = 1000
        let rounds = 20
        let repeats = getenv("PROMPT_BENCH_REPEATS").flatMap { Int(String(cString: $0)) } ?? 15
        let n = accounts * rounds * 10
        for (name, style) in [
            ("generalUser", PromptStyle.generalUser), ("developer", .developer), ("coverageSweep", .coverageSweep),
            ("professional", .professional), ("rubricHarvest", .rubricHarvest),
        ] {
            let compiled = try synthesizer.compile(style)
            var best = Double.infinity
            var bytes = 0
            for _ in 0..<repeats {
                var states = [PromptState](repeating: PromptState(), count: accounts)
                let sources = (0..<accounts).map { RandomSource(seed: 1, key: SeedKey(.text, 0, $0)) }
                var column = TextColumn()
                column.reserveCapacity(values: accounts * 10, bytesPerValue: 400)
                bytes = 0
                let start = Self.threadCPUTime()
                for _ in 0..<rounds {
                    for a in 0..<accounts {
                        let source = sources[a]
                        var state = states[a]
                        for _ in 0..<10 {
                            synthesizer.write(style: compiled, state: &state, into: &column, source: source)
                        }
                        states[a] = state
                    }
                    bytes += column.bytes.count
                    column.removeAll()
                }
                best = min(best, (Self.threadCPUTime() - start) / Double(n))
            }
            print("\(name): \(Int(best.rounded())) ns/prompt (CPU, best of \(repeats)), \(bytes / n) bytes/prompt")
        }
    }

    /// CPU time of the calling thread in nanoseconds.
    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
