import Randomness
import Traffic

/// Writes synthetic user prompts (the trace's `prompt` field) from ``PromptPools``.
///
/// Built once and shared by every actor on every thread: the pools are encoded up front into
/// one UTF-8 arena with each phrase's character count and token estimate, so writing a prompt
/// is a handful of random draws and `memcpy`s into a stack buffer, then one append to the
/// column. A class because it owns that arena; immutable after `init`.
public final class PromptSynthesizer: @unchecked Sendable {
    /// The trace keeps the first 512 characters (Unicode scalars) of the last user message.
    public static let maxCharacters = 512

    /// The pools this synthesizer encodes.
    public let pools: PromptPools
    private let arena: UnsafeMutableBufferPointer<UInt8>
    private let phrases: UnsafeMutableBufferPointer<EncodedPhrase>
    /// Pool ranges: `PoolSlot.perLanguage` per language, then the language-neutral row.
    private let ranges: UnsafeMutableBufferPointer<PoolRange>
    private let neutralRow: Int
    /// ``TaskKind/Attachment`` of each task kind, by index (0 none, 1 passage, 2 code, 3 math).
    private let attachments: UnsafeMutableBufferPointer<UInt8>

    /// Encodes `pools`.
    ///
    /// - Throws: ``PromptPoolsError`` if the pools are incomplete (see ``PromptPools/validate()``).
    public init(pools: PromptPools = .standard) throws(PromptPoolsError) {
        try pools.validate()
        self.pools = pools
        var bytes: [UInt8] = []
        var table: [EncodedPhrase] = []
        var rows: [PoolRange] = []

        func addPool(_ list: [String], latin: Int) {
            rows.append(PoolRange(start: Int32(table.count), count: Int32(list.count)))
            for phrase in list {
                let parts = PromptPools.slotParts(phrase)
                let prefix = parts[0]
                let suffix = parts.count > 1 ? parts[1] : ""
                let units = phrase.unicodeScalars.reduce(0) { $0 + TokenEstimate.units($1, latin: latin) }
                let prefixBytes = Array(prefix.utf8)
                let suffixBytes = Array(suffix.utf8)
                table.append(EncodedPhrase(
                    start: UInt32(bytes.count),
                    length: UInt16(prefixBytes.count + suffixBytes.count),
                    slot: UInt16(prefixBytes.count),
                    scalars: UInt16(prefix.unicodeScalars.count + suffix.unicodeScalars.count),
                    scalarsBeforeSlot: UInt16(prefix.unicodeScalars.count),
                    tokenUnits: UInt16(units - (parts.count > 1 ? 3 * latin : 0)),
                    hasSlot: parts.count > 1
                ))
                bytes += prefixBytes
                bytes += suffixBytes
            }
        }

        for language in Language.allCases {
            let p = pools.phrases(language)
            precondition(p.contextSentences.count <= 64, "at most 64 context sentences per language")
            let latin = language == .en ? TokenEstimate.english : TokenEstimate.otherLatin
            for list in [
                p.greetings, p.backgrounds, p.politeness, p.reasoning, p.formats, p.followUps,
                p.contextIntros, p.contextSentences, p.mathProblems,
                pools.topics.map { $0.name(in: language) }, [language.isCJK ? "" : " "],
            ] {
                addPool(list, latin: latin)
            }
            for kind in TaskKind.allCases { addPool(p.templates[kind] ?? [], latin: latin) }
        }
        neutralRow = Language.allCases.count * PoolSlot.perLanguage
        for list in [pools.codeSnippets, ["```\n"], ["\n```"], ["\n\n"], ["\n"]] {
            addPool(list, latin: TokenEstimate.english)
        }

        bytes += [UInt8](repeating: 0, count: PromptBuffer.slack)  // chunked copies read past a phrase
        arena = .allocate(capacity: bytes.count)
        _ = arena.initialize(from: bytes)
        phrases = .allocate(capacity: table.count)
        _ = phrases.initialize(from: table)
        ranges = .allocate(capacity: rows.count)
        _ = ranges.initialize(from: rows)
        attachments = .allocate(capacity: TaskKind.allCases.count)
        _ = attachments.initialize(from: TaskKind.allCases.map { kind -> UInt8 in
            switch kind.attachment {
            case .none: 0
            case .passage: 1
            case .code: 2
            case .mathProblem: 3
            }
        })
    }

    deinit {
        arena.deallocate()
        phrases.deallocate()
        ranges.deallocate()
        attachments.deallocate()
    }

    /// A synthesizer over ``PromptPools/standard`` (validated by the test suite), shared by all.
    public static let shared: PromptSynthesizer = try! PromptSynthesizer()

    /// Compiles `style` against this synthesizer's pools (once per style; share the result).
    ///
    /// - Throws: ``PromptStyleError`` if the style is invalid.
    public func compile(_ style: PromptStyle) throws(PromptStyleError) -> CompiledPromptStyle {
        try CompiledPromptStyle(style, pools: pools)
    }

    // MARK: - Writing

    /// Appends one prompt as one value of `column` and returns what was written.
    ///
    /// The prompt is cut at ``maxCharacters`` Unicode scalars, never inside a character; the
    /// returned token estimate covers the whole message, cut text included. On an account's
    /// first prompt the state draws the account's own choices (``PromptState/personalize(for:source:)``).
    /// All randomness comes from `source`, so a seed reproduces the text exactly.
    ///
    /// - Parameters:
    ///   - style: the account's compiled style.
    ///   - state: the account's prompt memory (updated).
    ///   - column: the column to append to.
    ///   - source: the account's random stream.
    @discardableResult
    public func write(
        style: CompiledPromptStyle, state: inout PromptState, into column: inout TextColumn, source: RandomSource
    ) -> WrittenPrompt {
        precondition(style.poolTopicCount == pools.topicCount, "style compiled against other prompt pools")
        if !state.personalized || Int(state.focusedCount) != style.focusedCount {
            state.personalize(for: style, source: source)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PromptBuffer.stackCapacity) { stack in
            var out = PromptBuffer(stack: stack.baseAddress!, limit: Self.maxCharacters)
            let written = compose(style, &state, &out, source)
            column.append(utf8: UnsafeBufferPointer(start: out.base, count: out.count))
            out.release()
            return written
        }
    }

    /// Draws and assembles one prompt into `out`.
    private func compose(
        _ style: CompiledPromptStyle, _ state: inout PromptState, _ out: inout PromptBuffer, _ source: RandomSource
    ) -> WrittenPrompt {
        var dice = Dice(source)
        let s = style.knobs
        var features: PromptFeatures = []
        var language: Int
        var kind: Int
        var template: Int
        var topic: Int
        var span: Range<Int>

        if state.hasPrevious && dice.chance(s.followUp) {
            // A follow-up continues the previous exchange: same language, topic and task.
            features.insert(.followUp)
            language = Int(state.language)
            kind = Int(state.kind)
            template = Int(state.template)
            topic = Int(state.topic)
            let row = language * PoolSlot.perLanguage
            let start = out.count
            putSlotted(draw(row + PoolSlot.followUp, &dice), topic: topic, row: row, &out)
            span = start..<out.count
            var block = false
            addSuffixes(s, row: row, block: &block, &features, &out, &dice)
            if dice.chance(s.politeness) {
                separate(row: row, block: block, &out)
                put(draw(row + PoolSlot.politeness, &dice), &out)
                features.insert(.politeness)
            }
        } else {
            if state.hasPrevious && dice.chance(s.nearDuplicate) {
                features.insert(.nearDuplicate)
                language = Int(state.language)
                kind = Int(state.kind)
                template = Int(state.template)
                topic = Int(state.topic)
            } else if state.hasPrevious && dice.chance(s.templateReuse) {
                features.insert(.templateReuse)
                language = Int(state.language)
                kind = Int(state.kind)
                template = Int(state.template)
                topic = drawTopic(style, &state, &dice)
            } else {
                language = Int(state.primaryLanguage)
                if !dice.chance(s.languageStickiness) { language = dice.sample(style.languageTable) }
                kind = dice.sample(style.kindTable)
                template = dice.index(below: Int(ranges[language * PoolSlot.perLanguage + PoolSlot.templates + kind].count))
                topic = drawTopic(style, &state, &dice)
            }
            let row = language * PoolSlot.perLanguage
            var started = false

            if dice.chance(s.greeting) {
                put(draw(row + PoolSlot.greeting, &dice), &out)
                features.insert(.greeting)
                started = true
            }
            if dice.chance(s.background) {
                if started { put(Int(ranges[row + PoolSlot.separator].start), &out) }
                put(draw(row + PoolSlot.background, &dice), &out)
                features.insert(.background)
                started = true
            }
            var contextAfter = false
            var contextCount = 0
            if dice.chance(s.context) {
                features.insert(.context)
                contextCount = s.contextSentencesLow + dice.index(below: s.contextSentencesSpan)
                contextAfter = dice.chance(32_768)
                if !contextAfter {
                    if started { put(neutral(PoolSlot.paragraph), &out) }
                    putContext(row: row, sentences: contextCount, &out, &dice)
                    put(neutral(PoolSlot.paragraph), &out)
                    started = false
                }
            }
            if started { put(Int(ranges[row + PoolSlot.separator].start), &out) }

            let start = out.count
            putSlotted(Int(ranges[row + PoolSlot.templates + kind].start) + template, topic: topic, row: row, &out)
            span = start..<out.count

            var block = false
            switch attachments[kind] {
            case 1:  // text to summarize, translate, rewrite, classify, extract from or grade
                put(neutral(PoolSlot.paragraph), &out)
                putSentences(row: row, count: max(1, s.passageSentencesLow + dice.index(below: s.passageSentencesSpan)), &out, &dice)
                block = true
            case 2:  // a code snippet, fenced half of the time
                put(neutral(PoolSlot.paragraph), &out)
                let fenced = dice.chance(32_768)
                if fenced { put(neutral(PoolSlot.fenceOpen), &out) }
                put(draw(neutralRow + PoolSlot.code, &dice), &out)
                if fenced { put(neutral(PoolSlot.fenceClose), &out) }
                block = true
            case 3:  // a math problem, inline
                put(Int(ranges[row + PoolSlot.separator].start), &out)
                put(draw(row + PoolSlot.math, &dice), &out)
            default:
                break
            }
            addSuffixes(s, row: row, block: &block, &features, &out, &dice)
            if contextAfter {
                put(neutral(PoolSlot.paragraph), &out)
                putContext(row: row, sentences: contextCount, &out, &dice)
                block = true
            }
            if dice.chance(s.politeness) {
                separate(row: row, block: block, &out)
                put(draw(row + PoolSlot.politeness, &dice), &out)
                features.insert(.politeness)
            }
            state.language = UInt8(language)
            state.kind = UInt8(kind)
            state.template = UInt16(template)
            state.topic = Int32(topic)
        }

        // Typos last, so a style that differs only in `typo` writes the same text before them.
        var typos = 0
        if dice.chance(s.typo) {
            let u = dice.next16()
            let wanted = u < 39_322 ? 1 : u < 58_982 ? 2 : 3  // assumption: most typed prompts have one slip
            span = span.lowerBound..<min(span.upperBound, out.count)
            for _ in 0..<wanted where out.applyTypo(in: &span, dice: &dice) { typos += 1 }
            out.trimToLimit()
        }
        if out.truncated { features.insert(.truncated) }
        return WrittenPrompt(
            characters: out.scalars, tokens: max(1, (out.tokenUnits + 11) / 12), topic: topic, typos: typos,
            features: features, languageIndex: UInt8(language), kindIndex: UInt8(kind)
        )
    }

    // MARK: - Pieces

    /// The next topic of the account's selection.
    @inline(__always)
    private func drawTopic(_ style: CompiledPromptStyle, _ state: inout PromptState, _ dice: inout Dice) -> Int {
        if let table = style.rankTable { return Int(state.focusedTopic(dice.sample(table))) }
        let topics = style.allowedTopics
        if style.sweeps {
            let position = Int(state.sweepPosition) % topics.count
            state.sweepPosition &+= 1
            return Int(topics[position])
        }
        return Int(topics[dice.index(below: topics.count)])
    }

    /// Reasoning suffix and format instruction, each with its probability.
    @inline(__always)
    private func addSuffixes(
        _ s: CompiledPromptStyle.Knobs, row: Int, block: inout Bool, _ features: inout PromptFeatures, _ out: inout PromptBuffer,
        _ dice: inout Dice
    ) {
        if dice.chance(s.reasoningSuffix) {
            separate(row: row, block: block, &out)
            put(draw(row + PoolSlot.reasoning, &dice), &out)
            features.insert(.reasoningSuffix)
            block = false
        }
        if dice.chance(s.formatInstruction) {
            separate(row: row, block: block, &out)
            put(draw(row + PoolSlot.format, &dice), &out)
            features.insert(.formatInstruction)
            block = false
        }
    }

    /// A context header, a newline and `sentences` context sentences.
    private func putContext(row: Int, sentences: Int, _ out: inout PromptBuffer, _ dice: inout Dice) {
        put(draw(row + PoolSlot.contextIntro, &dice), &out)
        put(neutral(PoolSlot.newline), &out)
        putSentences(row: row, count: sentences, &out, &dice)
    }

    /// `count` context sentences joined by the language's separator, none repeated until the
    /// pool is used up.
    private func putSentences(row: Int, count: Int, _ out: inout PromptBuffer, _ dice: inout Dice) {
        let pool = ranges[row + PoolSlot.context]
        let size = Int(pool.count)  // ≤ 64, checked when encoding
        let separator = Int(ranges[row + PoolSlot.separator].start)
        var used: UInt64 = 0
        var left = size
        for i in 0..<count {
            if i > 0 { put(separator, &out) }
            if left == 0 {
                used = 0
                left = size
            }
            var pick = dice.index(below: size)
            while used & (1 << UInt64(pick)) != 0 { pick = dice.index(below: size) }
            used |= 1 << UInt64(pick)
            left -= 1
            put(Int(pool.start) + pick, &out)
        }
    }

    /// A paragraph break after a pasted block, else the language's sentence separator.
    @inline(__always)
    private func separate(row: Int, block: Bool, _ out: inout PromptBuffer) {
        put(block ? neutral(PoolSlot.paragraph) : Int(ranges[row + PoolSlot.separator].start), &out)
    }

    /// A uniformly drawn phrase of pool `pool` (an index into `ranges`).
    @inline(__always)
    private func draw(_ pool: Int, _ dice: inout Dice) -> Int {
        let range = ranges[pool]
        return Int(range.start) + dice.index(below: Int(range.count))
    }

    /// The single phrase of language-neutral pool `slot`.
    @inline(__always)
    private func neutral(_ slot: Int) -> Int { Int(ranges[neutralRow + slot].start) }

    /// Appends phrase `id` (without slot).
    @inline(__always)
    private func put(_ id: Int, _ out: inout PromptBuffer) {
        let phrase = phrases[id]
        out.append(arena.baseAddress! + Int(phrase.start), length: Int(phrase.length), scalarCount: Int(phrase.scalars))
        out.tokenUnits += Int(phrase.tokenUnits)
    }

    /// Appends phrase `id` with its slot (if any) filled by `topic`'s name in the language of `row`.
    @inline(__always)
    private func putSlotted(_ id: Int, topic: Int, row: Int, _ out: inout PromptBuffer) {
        let phrase = phrases[id]
        guard phrase.hasSlot else { return put(id, &out) }
        let base = arena.baseAddress! + Int(phrase.start)
        let slot = Int(phrase.slot)
        let before = Int(phrase.scalarsBeforeSlot)
        out.append(base, length: slot, scalarCount: before)
        put(Int(ranges[row + PoolSlot.topic].start) + topic, &out)
        out.append(base + slot, length: Int(phrase.length) - slot, scalarCount: Int(phrase.scalars) - before)
        out.tokenUnits += Int(phrase.tokenUnits)
    }

}
