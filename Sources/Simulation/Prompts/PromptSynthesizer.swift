import Randomness
import Traffic

/// Writes synthetic user prompts (the trace's `prompt` field) from ``PromptPools``.
///
/// Built once and shared by every actor on every thread: the pools are encoded up front into
/// one padded UTF-8 arena with each phrase's character count, token estimate and slots, so
/// writing a prompt is a handful of random draws and `memcpy`s into a stack buffer, then one
/// append to the column. A class because it owns that arena; immutable after `init`.
public final class PromptSynthesizer: @unchecked Sendable {
    /// The trace keeps the first 512 characters (Unicode scalars) of the last user message.
    public static let maxCharacters = 512

    /// The pools this synthesizer encodes.
    public let pools: PromptPools
    private let arena: PaddedBytes
    private let phrases: UnsafeMutableBufferPointer<EncodedPhrase>
    /// The pool each slot kind draws from, per language, by
    /// `language * PhraseSlot.allCases.count + kind` (see ``EncodedSlot``).
    private let slotPools: UnsafeMutableBufferPointer<PoolRange>
    /// Pool ranges: `PoolSlot.perLanguage` per language, then the language-neutral row.
    private let ranges: UnsafeMutableBufferPointer<PoolRange>
    private let neutralRow: Int
    /// Per task kind (by index): ``TaskKind/Attachment`` in bits 0–1 (0 none, 1 passage,
    /// 2 code, 3 math), and bit 2 set if pasted code fits the kind whatever the topic.
    private let kindFlags: UnsafeMutableBufferPointer<UInt8>
    /// Bit `l` set if language `l` writes the month before the day.
    private let monthFirstFlags: Int
    /// Per topic: its ``ContextGroup`` in bits 0–1, bit 2 set for programming and data science.
    private let topicFlags: UnsafeMutableBufferPointer<UInt8>
    private static let debugCodeKind = TaskKind.debugCode.index
    private static let passageKind = TaskKind.extract.index

    /// Encodes `pools`.
    ///
    /// - Throws: ``PromptPoolsError`` if the pools are incomplete (see ``PromptPools/validate()``).
    public init(pools: PromptPools = .standard) throws(PromptPoolsError) {
        try pools.validate()
        self.pools = pools
        var bytes: [UInt8] = []
        var table: [EncodedPhrase] = []
        var rows: [PoolRange] = []
        let latins = Language.allCases.map { $0 == .en ? TokenEstimate.english : TokenEstimate.otherLatin }
        let averages = Language.allCases.map { Self.averageSlotUnits(pools, $0, latin: latins[$0.index]) }
        var language = 0

        func addPool(_ list: [String], latin: Int, average: [Int]? = nil) {
            rows.append(PoolRange(start: Int32(table.count), count: Int32(list.count)))
            for phrase in list {
                let parsed = average == nil ? PromptPools.ParsedPhrase(literal: phrase, slots: []) : PromptPools.parse(phrase)
                let literal = Array(parsed.literal.utf8)
                let units = Self.units(parsed.literal, latin: latin)
                let slotUnits = parsed.slots.reduce(0) { $0 + (average?[Int($1.kind.rawValue)] ?? 0) }

                // The slot records go just before the text, so both share cache lines.
                for slot in parsed.slots {
                    precondition(slot.byteOffset <= Int(UInt16.max) && slot.scalarOffset <= Int(UInt8.max), "phrase too long")
                    bytes += EncodedSlot(
                        byteOffset: UInt16(slot.byteOffset), scalarOffset: UInt8(slot.scalarOffset), kind: slot.kind.rawValue
                    ).bytes
                }
                table.append(EncodedPhrase(
                    start: UInt32(bytes.count), length: UInt16(literal.count),
                    scalars: UInt16(parsed.literal.unicodeScalars.count), tokenUnits: UInt16(min(units, Int(UInt16.max))),

                    fullUnits: UInt16(min(units + slotUnits, Int(UInt16.max))), slotCount: UInt8(parsed.slots.count)))
                bytes += literal
            }
        }

        for current in Language.allCases {
            language = current.index
            let p = pools.phrases(current)
            let latin = latins[current.index]
            var lists: [[String]] = [
                p.greetings, p.backgrounds, p.politeness, p.reasoning, p.formats, p.followUps, p.contextIntros,
            ]
            lists += ContextGroup.allCases.map { p.context[$0] ?? [] }
            lists += [
                p.mathProblems, pools.topics.map { $0.name(in: current) }, [current.isCJK ? "" : " "], p.codeIntros,
                p.codeTopicTemplates, p.queries, p.descriptions, p.teams, p.months, [p.decimalMark], [p.groupMark],
            ]
            lists += Self.dateParts(p.dateFormat).map { [$0] }
            for list in lists { addPool(list, latin: latin, average: averages[language]) }
            for kind in TaskKind.allCases { addPool(p.templates[kind] ?? [], latin: latin, average: averages[language]) }
        }
        neutralRow = Language.allCases.count * PoolSlot.perLanguage
        let neutralPools: [[String]] = [
            pools.codeSnippets, ["```\n"], ["\n```"], ["\n\n"], ["\n"], pools.products, pools.companies, pools.people, ["."],
        ]
        for list in neutralPools {
            addPool(list, latin: TokenEstimate.english)
        }
        // The pool of every slot kind in every language.
        var poolTable: [PoolRange] = []
        for language in 0..<Language.allCases.count {
            let row = language * PoolSlot.perLanguage
            for kind in PhraseSlot.allCases {
                let pool: Int
                switch kind {
                case .topic: pool = row + PoolSlot.topic
                case .count, .day, .version: pool = neutralRow + PoolSlot.dot
                case .amount: pool = row + PoolSlot.groupMark
                case .percent: pool = row + PoolSlot.decimalMark
                case .date, .month: pool = row + PoolSlot.month
                case .product: pool = neutralRow + PoolSlot.product
                case .company: pool = neutralRow + PoolSlot.company
                case .team: pool = row + PoolSlot.team
                case .person: pool = neutralRow + PoolSlot.person
                }
                poolTable.append(rows[pool])
            }
        }
        monthFirstFlags = Language.allCases.reduce(0) {
            $0 | (Self.monthFirst(pools.phrases($1).dateFormat) ? 1 << $1.index : 0)
        }

        arena = PaddedBytes(bytes)
        phrases = .allocate(capacity: table.count)
        _ = phrases.initialize(from: table)
        slotPools = .allocate(capacity: poolTable.count)
        _ = slotPools.initialize(from: poolTable)
        ranges = .allocate(capacity: rows.count)
        _ = ranges.initialize(from: rows)
        kindFlags = .allocate(capacity: TaskKind.allCases.count)
        _ = kindFlags.initialize(from: TaskKind.allCases.map { kind -> UInt8 in
            let attachment: UInt8 =
                switch kind.attachment {
                case .none: 0
                case .passage: 1
                case .code: 2
                case .mathProblem: 3
                }
            return attachment | (kind.invitesCode ? 4 : 0)
        })
        topicFlags = .allocate(capacity: max(1, pools.topics.count))
        _ = topicFlags.initialize(from: pools.topics.map { topic -> UInt8 in
            UInt8(ContextGroup(topic.domain).rawValue) | (ContextGroup.isTechnical(topic.domain) ? 4 : 0)
        })
    }

    /// Token units of `text` in a language whose Latin text costs `latin` units per scalar.
    private static func units(_ text: String, latin: Int) -> Int {
        text.unicodeScalars.reduce(0) { $0 + TokenEstimate.units($1, latin: latin) }
    }

    /// The literal text before, between and after the two slots of a date format
    /// ("{D}. {M}" → "", ". ", "").
    static func dateParts(_ format: String) -> [String] {
        let parsed = PromptPools.parse(format)
        let bytes = Array(parsed.literal.utf8)
        let first = parsed.slots[0].byteOffset
        let second = parsed.slots[1].byteOffset
        return [bytes[..<first], bytes[first..<second], bytes[second...]].map { String(decoding: $0, as: UTF8.self) }
    }

    /// True if `format` writes the month before the day.
    static func monthFirst(_ format: String) -> Bool {
        PromptPools.parse(format).slots.first?.kind == .month
    }

    /// The average token units of what fills each slot (by ``PhraseSlot`` raw value) in
    /// `language`: the mean over the pool a slot draws from, or over the values a number slot
    /// takes (for the text past the cut, whose slots are not drawn).
    private static func averageSlotUnits(_ pools: PromptPools, _ language: Language, latin: Int) -> [Int] {
        let phrases = pools.phrases(language)
        func mean(_ list: [String], _ latin: Int) -> Int {
            list.isEmpty ? 0 : list.reduce(0) { $0 + units($1, latin: latin) } / list.count
        }
        return PhraseSlot.allCases.map { slot in
            switch slot {
            case .topic: mean(pools.topics.map { $0.name(in: language) }, latin)
            case .count, .day: 2 * latin
            case .amount: 5 * latin  // 3, 5 or 6 characters
            case .percent: 5 * latin / 2  // 1–3 characters
            case .version: 6 * latin
            case .date: mean(phrases.months, latin) + mean(dateParts(phrases.dateFormat), latin) * 3 + 2 * latin
            case .month: mean(phrases.months, latin)
            case .product: mean(pools.products, TokenEstimate.english)
            case .company: mean(pools.companies, TokenEstimate.english)
            case .person: mean(pools.people, TokenEstimate.english)
            case .team: mean(phrases.teams, latin)
            }
        }
    }

    deinit {
        arena.deallocate()
        phrases.deallocate()
        slotPools.deallocate()
        ranges.deallocate()
        kindFlags.deallocate()
        topicFlags.deallocate()
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
        prepare(style, &state, source)
        return assemble(into: &column) { compose(style, &state, &$0, source) }
    }

    /// Appends the input of one embeddings request as one value of `column` and returns what
    /// was written: a passage of text, never a chat instruction, greeting, format or reasoning
    /// request. Half the passages are document chunks (1–5 sentences of the topic's context
    /// group), a third are search queries (typos at the style's rate), the rest short product
    /// or catalogue descriptions (assumption: a mix of indexing and querying, as in retrieval
    /// pipelines).
    ///
    /// The topic follows the account's selection (sweeps advance); the language its primary
    /// language with the style's stickiness. The previous chat exchange (follow-ups, reuse)
    /// is left as it was. The returned ``WrittenPrompt/kind`` is ``TaskKind/extract`` and its
    /// features contain ``PromptFeatures/passage``.
    ///
    /// - Parameters:
    ///   - style: the account's compiled style.
    ///   - state: the account's prompt memory (personalized on first use; the sweep advances).
    ///   - column: the column to append to.
    ///   - source: the account's random stream.
    @discardableResult
    public func writePassage(
        style: CompiledPromptStyle, state: inout PromptState, into column: inout TextColumn, source: RandomSource
    ) -> WrittenPrompt {
        prepare(style, &state, source)
        return assemble(into: &column) { composePassage(style, &state, &$0, source) }
    }

    /// Runs `body` on a prompt buffer on the stack, then appends the text to `column`.
    @inline(__always)
    private func assemble(
        into column: inout TextColumn, _ body: (inout PromptBuffer) -> WrittenPrompt
    ) -> WrittenPrompt {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: PromptBuffer.stackCapacity) { stack in
            var out = PromptBuffer(stack: stack.baseAddress!, limit: Self.maxCharacters)
            let written = body(&out)
            column.append(utf8: UnsafeBufferPointer(start: out.base, count: out.count))
            out.release()
            return written
        }
    }

    /// Checks the style's pools and personalizes the state on first use (or a style change).
    @inline(__always)
    private func prepare(_ style: CompiledPromptStyle, _ state: inout PromptState, _ source: RandomSource) {
        precondition(style.poolTopicCount == pools.topicCount, "style compiled against other prompt pools")
        if !state.personalized || Int(state.focusedCount) != style.focusedCount {
            state.personalize(for: style, source: source)
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
            var fill = slotFill(language, topic, state)
            let start = out.count
            putPhrase(draw(fill.row + PoolSlot.followUp, &dice), &fill, &out, &dice)
            span = start..<out.count
            var block = false
            if codeFits(kind: kind, topic: topic) && dice.chance(s.pastedCode) {
                put(neutral(PoolSlot.paragraph), &out)
                putCode(row: fill.row, &out, &dice)
                features.insert(.code)
                block = true
            }
            addSuffixes(s, row: fill.row, block: &block, &features, &out, &dice)
            if dice.chance(s.politeness) {
                separate(row: fill.row, block: block, &out)
                put(draw(fill.row + PoolSlot.politeness, &dice), &out)
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
                topic = drawTopic(style, &state, &dice)
                template = dice.smallIndex(below: Self.maxTemplates)
            }
            var fill = slotFill(language, topic, state)
            let row = fill.row
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
                    putContext(&fill, sentences: contextCount, &out, &dice)
                    put(neutral(PoolSlot.paragraph), &out)
                    started = false
                }
            }
            let attachment = kindFlags[kind] & 3
            var codeAfter = false
            if attachment != 2 && codeFits(kind: kind, topic: topic) && dice.chance(s.pastedCode) {
                features.insert(.code)
                codeAfter = dice.chance(32_768)
                if !codeAfter {
                    if started { put(neutral(PoolSlot.paragraph), &out) }
                    putCode(row: row, &out, &dice)
                    put(neutral(PoolSlot.paragraph), &out)
                    started = false
                }
            }
            if started { put(Int(ranges[row + PoolSlot.separator].start), &out) }

            let start = out.count
            let templates = ranges[templatePool(row: row, kind: kind, topic: topic)]
            putPhrase(Int(templates.start) + template % Int(templates.count), &fill, &out, &dice)
            span = start..<out.count

            var block = false
            switch attachment {
            case 1:  // text to summarize, translate, rewrite, classify, extract from or grade
                put(neutral(PoolSlot.paragraph), &out)
                putSentences(
                    &fill, count: max(1, s.passageSentencesLow + dice.index(below: s.passageSentencesSpan)), &out, &dice)
                block = true
            case 2:  // a code snippet, fenced half of the time
                put(neutral(PoolSlot.paragraph), &out)
                putSnippet(&out, &dice)
                features.insert(.code)
                block = true
            case 3:  // a math problem, inline
                put(Int(ranges[row + PoolSlot.separator].start), &out)
                put(draw(row + PoolSlot.math, &dice), &out)
            default:
                break
            }
            if codeAfter {
                put(neutral(PoolSlot.paragraph), &out)
                putCode(row: row, &out, &dice)
                block = true
            }
            addSuffixes(s, row: row, block: &block, &features, &out, &dice)
            if contextAfter {
                put(neutral(PoolSlot.paragraph), &out)
                putContext(&fill, sentences: contextCount, &out, &dice)
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
        let typos = applyTypos(s.typo, span: span, &out, &dice)
        if out.truncated { features.insert(.truncated) }
        return WrittenPrompt(
            characters: out.scalars, tokens: max(1, (out.tokenUnits + 11) / 12), topic: topic, typos: typos,
            features: features, languageIndex: UInt8(language), kindIndex: UInt8(kind)
        )
    }

    /// Draws and assembles one embeddings input into `out`.
    private func composePassage(
        _ style: CompiledPromptStyle, _ state: inout PromptState, _ out: inout PromptBuffer, _ source: RandomSource
    ) -> WrittenPrompt {
        var dice = Dice(source)
        let s = style.knobs
        var language = Int(state.primaryLanguage)
        if !dice.chance(s.languageStickiness) { language = dice.sample(style.languageTable) }
        let topic = drawTopic(style, &state, &dice)
        var fill = slotFill(language, topic, state)
        var typos = 0
        let u = dice.next16()
        if u < 32_768 {  // a document chunk
            putSentences(&fill, count: 1 + dice.index(below: 5), &out, &dice)
        } else if u < 54_613 {  // a search query, typed
            putPhrase(draw(fill.row + PoolSlot.query, &dice), &fill, &out, &dice)
            typos = applyTypos(s.typo, span: 0..<out.count, &out, &dice)
        } else {  // a product or catalogue description, sometimes with a sentence of detail
            putPhrase(draw(fill.row + PoolSlot.description, &dice), &fill, &out, &dice)
            if dice.chance(32_768) {
                put(Int(ranges[fill.row + PoolSlot.separator].start), &out)
                putSentences(&fill, count: 1, &out, &dice)
            }
        }
        var features: PromptFeatures = [.passage]
        if out.truncated { features.insert(.truncated) }
        return WrittenPrompt(
            characters: out.scalars, tokens: max(1, (out.tokenUnits + 11) / 12), topic: topic, typos: typos,
            features: features, languageIndex: UInt8(language), kindIndex: UInt8(Self.passageKind))
    }

    // MARK: - Pieces

    /// Template indices are drawn below this bound and taken modulo the pool's size when
    /// written, so a reused template index stays valid when the topic changes pools.
    private static let maxTemplates = 1 << 12

    /// What fills the slots of the phrases of one prompt.
    struct SlotFill {
        /// The language's row of pools.
        var row: Int
        /// The topic.
        var topic: Int
        /// The phrase of the topic's name in the language.
        var topicID: Int
        /// The account's entity seed (``PromptState/entitySeed``).
        var entitySeed: UInt64
        /// Token units of one digit in the language.
        var latin: Int
        /// True if the language writes the month before the day.
        var monthFirst: Bool
        /// The language's first entry in the slot-pool table.
        var slotPools: Int
        /// The phrase before the parts of a date (the one between and the one after follow it).
        var datePrefix: Int
    }

    /// What fills the slots of a prompt in `language` about `topic` for the account of `state`.
    @inline(__always)
    private func slotFill(_ language: Int, _ topic: Int, _ state: PromptState) -> SlotFill {
        let row = language * PoolSlot.perLanguage
        return SlotFill(
            row: row, topic: topic, topicID: Int(ranges[row + PoolSlot.topic].start) + topic, entitySeed: state.entitySeed,
            latin: language == Language.en.index ? TokenEstimate.english : TokenEstimate.otherLatin,
            monthFirst: monthFirstFlags & (1 << language) != 0, slotPools: language * PhraseSlot.allCases.count,
            datePrefix: Int(ranges[row + PoolSlot.datePrefix].start))
    }

    /// The next topic of the account's selection: a step of the account's sweep walk with the
    /// style's sweep share if the account sweeps, otherwise a draw from the selection.
    @inline(__always)
    private func drawTopic(_ style: CompiledPromptStyle, _ state: inout PromptState, _ dice: inout Dice) -> Int {
        if state.sweeper && dice.chance(style.knobs.sweepShare) {
            let walk = style.sweepTopicList
            let position = Int(state.sweepPosition % UInt32(walk.count))
            state.sweepPosition = UInt32(position + 1)
            let step = SweepPermutation.value(
                at: position, count: walk.count, halfBits: style.sweepHalfBits, seed: state.sweepSeed)
            return Int(walk[step])
        }
        if let table = style.rankTable { return Int(state.focusedTopic(dice.sample(table))) }
        let topics = style.allowedTopics
        return Int(topics[dice.index(below: topics.count)])
    }

    /// The template pool of `kind` for `topic`: debugging a programming or data-science
    /// concept has its own phrasing; other topics are framed as an app or site about them.
    @inline(__always)
    private func templatePool(row: Int, kind: Int, topic: Int) -> Int {
        kind == Self.debugCodeKind && topicFlags[topic] & 4 != 0
            ? row + PoolSlot.codeTopicTemplates : row + PoolSlot.templates + kind
    }

    /// True if pasted code reads naturally with `kind` and `topic`: a programming or
    /// data-science topic, or a coding task about any topic.
    @inline(__always)
    private func codeFits(kind: Int, topic: Int) -> Bool {
        (topicFlags[topic] | kindFlags[kind]) & 4 != 0
    }

    /// Character-level typos in `span` with probability `threshold` (1–3 of them).
    @inline(__always)
    private func applyTypos(_ threshold: UInt32, span: Range<Int>, _ out: inout PromptBuffer, _ dice: inout Dice) -> Int {
        var typos = 0
        if dice.chance(threshold) {
            let u = dice.next16()
            let wanted = u < 39_322 ? 1 : u < 58_982 ? 2 : 3  // assumption: most typed prompts have one slip
            var span = span.lowerBound..<min(span.upperBound, out.count)
            for _ in 0..<wanted where out.applyTypo(in: &span, dice: &dice) { typos += 1 }
            out.trimToLimit()
        }
        return typos
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
    private func putContext(_ fill: inout SlotFill, sentences: Int, _ out: inout PromptBuffer, _ dice: inout Dice) {
        put(draw(fill.row + PoolSlot.contextIntro, &dice), &out)
        put(neutral(PoolSlot.newline), &out)
        putSentences(&fill, count: sentences, &out, &dice)
    }

    /// A header for pasted code, a newline and a file, diff or stack trace.
    private func putCode(row: Int, _ out: inout PromptBuffer, _ dice: inout Dice) {
        put(draw(row + PoolSlot.codeIntro, &dice), &out)
        put(neutral(PoolSlot.newline), &out)
        putSnippet(&out, &dice)
    }

    /// A code snippet, fenced half of the time.
    private func putSnippet(_ out: inout PromptBuffer, _ dice: inout Dice) {
        let fenced = dice.chance(32_768)
        if fenced { put(neutral(PoolSlot.fenceOpen), &out) }
        put(draw(neutralRow + PoolSlot.code, &dice), &out)
        if fenced { put(neutral(PoolSlot.fenceClose), &out) }
    }

    /// Share (16-bit threshold) of the sentences of a topic outside ``ContextGroup/work`` that
    /// come from the work group: the organisation's own vocabulary around any topic
    /// (assumption).
    private static let workSentenceThreshold: UInt32 = 16_384

    /// `count` context sentences joined by the language's separator: most from the topic's
    /// ``ContextGroup``, some from ``ContextGroup/work``; no template repeats within a group
    /// until the group is used up.
    private func putSentences(_ fill: inout SlotFill, count: Int, _ out: inout PromptBuffer, _ dice: inout Dice) {
        let own = Int(topicFlags[fill.topic] & 3)
        let separator = Int(ranges[fill.row + PoolSlot.separator].start)
        var usedOwn: UInt64 = 0
        var usedWork: UInt64 = 0
        for i in 0..<count {
            if i > 0 { put(separator, &out) }
            let work = own != ContextGroup.work.rawValue && dice.next16() < Self.workSentenceThreshold
            let pool = ranges[fill.row + PoolSlot.context + (work ? ContextGroup.work.rawValue : own)]
            let size = Int(pool.count)  // 1...64, checked by validation
            let full: UInt64 = size == 64 ? ~0 : (1 << UInt64(size)) - 1
            var used = work ? usedWork : usedOwn
            if used == full { used = 0 }
            var pick = dice.smallIndex(below: size)
            while used & (1 << UInt64(pick)) != 0 { pick = dice.smallIndex(below: size) }
            used |= 1 << UInt64(pick)
            if work { usedWork = used } else { usedOwn = used }
            putPhrase(Int(pool.start) + pick, &fill, &out, &dice)
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
        return Int(range.start) + dice.smallIndex(below: Int(range.count))
    }

    /// The single phrase of language-neutral pool `slot`.
    @inline(__always)
    private func neutral(_ slot: Int) -> Int { Int(ranges[neutralRow + slot].start) }

    /// Appends phrase `id` as stored (its slots, if any, left empty).
    @inline(__always)
    private func put(_ id: Int, _ out: inout PromptBuffer) {
        let phrase = phrases[id]
        out.append(arena, at: Int(phrase.start), length: Int(phrase.length), scalarCount: Int(phrase.scalars))
        out.tokenUnits += Int(phrase.tokenUnits)
    }

    /// Appends phrase `id` with its slots filled. Once the buffer is full the phrase only
    /// counts for tokens, with its slots at their average (nothing is drawn). Not inlined:
    /// one compact copy of the slot machinery keeps the generator's hot code in cache.
    @inline(never)
    private func putPhrase(_ id: Int, _ fill: inout SlotFill, _ out: inout PromptBuffer, _ dice: inout Dice) {
        let phrase = phrases[id]
        guard phrase.slotCount > 0 else { return put(id, &out) }
        guard !out.isFull else {
            out.tokenUnits += Int(phrase.fullUnits)
            out.truncated = true
            return
        }
        let start = Int(phrase.start)
        var byte = 0
        var scalar = 0
        let count = Int(phrase.slotCount)
        for i in 0..<count {
            let slot = EncodedSlot(arena.base + start - EncodedSlot.size * (count - i))
            let slotByte = Int(slot.byteOffset)
            let slotScalar = Int(slot.scalarOffset)
            out.append(arena, at: start + byte, length: slotByte - byte, scalarCount: slotScalar - scalar)
            if slot.kind == PhraseSlot.topic.rawValue {  // the most common slot: no call
                put(fill.topicID, &out)
            } else {
                putSlot(slot.kind, slotPools[fill.slotPools + Int(slot.kind)], &fill, &out, &dice)
            }
            byte = slotByte
            scalar = slotScalar
        }
        out.append(arena, at: start + byte, length: Int(phrase.length) - byte, scalarCount: Int(phrase.scalars) - scalar)
        out.tokenUnits += Int(phrase.tokenUnits)
    }

    /// Appends a number and counts its tokens.
    @inline(never)
    private func number(_ value: Int, minimumDigits: Int = 1, _ fill: SlotFill, _ out: inout PromptBuffer) {
        out.tokenUnits += fill.latin * out.appendNumber(value, minimumDigits: minimumDigits)
    }

    /// Appends what fills one slot (see ``PhraseSlot``): numbers are written digit by digit,
    /// names and months are phrases of small pools (kept in cache).
    @inline(never)
    private func putSlot(
        _ kind: UInt8, _ pool: PoolRange, _ fill: inout SlotFill, _ out: inout PromptBuffer, _ dice: inout Dice
    ) {
        let start = Int(pool.start)
        switch kind {
        case PhraseSlot.topic.rawValue:
            put(fill.topicID, &out)
        case PhraseSlot.count.rawValue:
            number(2 + dice.smallIndex(below: 39), fill, &out)
        case PhraseSlot.product.rawValue, PhraseSlot.company.rawValue, PhraseSlot.team.rawValue,
            PhraseSlot.person.rawValue:
            put(entity(start, Int(pool.count), kind, fill.entitySeed, &dice), &out)
        case PhraseSlot.date.rawValue:
            // A month of the pool and a day 2–28, in the language's order with its literal parts.
            let month = start + dice.smallIndex(below: 12)
            let day = 2 + dice.smallIndex(below: 27)
            put(fill.datePrefix, &out)
            if fill.monthFirst {
                put(month, &out)
                put(fill.datePrefix + 1, &out)
                number(day, fill, &out)
            } else {
                number(day, fill, &out)
                put(fill.datePrefix + 1, &out)
                put(month, &out)
            }
            put(fill.datePrefix + 2, &out)
        case PhraseSlot.amount.rawValue:
            // 100–999, 1,000–9,990 or 10,000–99,900, a third each: three significant digits
            // (assumption: figures in notes are rounded).
            let size = dice.smallIndex(below: 3)
            if size == 0 {
                number(100 + dice.smallIndex(below: 900), fill, &out)
            } else {
                number(size == 1 ? 1 + dice.smallIndex(below: 9) : 10 + dice.smallIndex(below: 90), fill, &out)
                put(start, &out)
                number((size == 1 ? 10 : 100) * dice.smallIndex(below: size == 1 ? 100 : 10), minimumDigits: 3, fill, &out)
            }
        case PhraseSlot.percent.rawValue:
            if dice.next16() < 36_700 {  // 56 %: whole, 2–59
                number(2 + dice.smallIndex(below: 58), fill, &out)
            } else {  // 1.0–9.9
                number(1 + dice.smallIndex(below: 9), fill, &out)
                put(start, &out)
                number(dice.smallIndex(below: 10), fill, &out)
            }
        case PhraseSlot.version.rawValue:
            number(1 + dice.smallIndex(below: 9), fill, &out)
            put(start, &out)
            number(dice.smallIndex(below: 30), fill, &out)
            put(start, &out)
            number(dice.smallIndex(below: 16), fill, &out)
        default:  // month and day appear only in date formats
            break
        }
    }

    /// An entity of the pool of `count` phrases at `start`: 80 % of the time one of the
    /// account's own entities of this kind (``PhraseSlot/ownEntities``, fixed by its entity
    /// seed), otherwise any (assumption).
    @inline(__always)
    private func entity(_ start: Int, _ count: Int, _ kind: UInt8, _ seed: UInt64, _ dice: inout Dice) -> Int {
        if dice.next16() < 52_429 {
            let own = (PhraseSlot(rawValue: kind) ?? .product).ownEntities
            // A cheap mix (multiply, xor-shift, multiply) of the seed and (kind, j): the
            // account's j-th own entity.
            var h = (seed ^ (UInt64(kind) << 8 | UInt64(dice.smallIndex(below: own)))) &* 0x9e37_79b9_7f4a_7c15
            h = (h ^ (h >> 32)) &* 0xd6e8_feb8_6659_fd93
            return start + Int(((h >> 32) &* UInt64(count)) >> 32)
        }
        return start + dice.smallIndex(below: count)
    }
}
