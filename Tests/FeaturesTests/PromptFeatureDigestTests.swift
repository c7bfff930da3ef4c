import Features
import Testing
import Traffic

/// Every bit of the shared prompt features over a varied corpus, pinned by one digest: a
/// faster featurizer must compute exactly what the README defines, in every shipped language,
/// with odd spacing, punctuation, invalid UTF-8, supplementary-plane scalars and tiny texts.
struct PromptFeatureDigestTests {
    static let pieces = [
        "Explain", "the", "TCP", "handshake", "Schritt", "für", "ÜBER", "Straßen", "ÉTAPE", "étape",
        "请逐步解释这个问题", "量子コンピュータ", "の仕組み", "한국어", "문장", "¿Por", "qué?", "Ça", "va",
        "step-by-step", "(rubric: 1–10)", "x", "42", "𝔘𝔫𝔦", "🙂", "\u{0301}", "…", "Ω", "ǅ",
    ]
    static let gaps = [" ", "  ", "\n", "\t ", "", ", ", "\u{3000}", "\u{00A0}"]

    /// A deterministic corpus of `count` prompts from the pieces and gaps above, plus edge cases.
    static func corpus(_ count: Int) -> [[UInt8]] {
        var state: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var prompts: [[UInt8]] = [[], [0x20], Array("a".utf8), Array("ab".utf8), Array("  Ab ".utf8), [0xFF, 0x41, 0xC3], [0xE2, 0x82]]
        for _ in 0..<count {
            var text = next(3) == 0 ? " " : ""
            for _ in 0..<(1 + next(60)) {
                text += pieces[next(pieces.count)]
                text += gaps[next(gaps.count)]
            }
            var bytes = Array(text.utf8)
            if next(20) == 0, !bytes.isEmpty { bytes[next(bytes.count)] = 0x80 | UInt8(next(64)) }
            prompts.append(bytes)
        }
        return prompts
    }

    static func batch(_ prompts: [[UInt8]]) -> RequestBatch {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for (index, prompt) in prompts.enumerated() {
            batch.append(Request(id: "r\(index)", ts: Int64(index), account: "a", prompt: String(decoding: prompt, as: UTF8.self)))
        }
        // Put the raw bytes back (invalid UTF-8 included) so the featurizer's decoder sees them.
        var raw = batch
        raw.prompts.removeAll()
        for prompt in prompts { prompt.withUnsafeBufferPointer { raw.prompts.append(utf8: $0) } }
        return raw
    }

    static func digest(_ features: PromptFeatures) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01b3 }
        for value in features.embeddings { add(UInt64(value.bitPattern)) }
        for value in features.signatures { add(UInt64(value)) }
        for value in features.textHashes { add(value) }
        return hash
    }

    @Test(arguments: [
        (PromptFeatureSet.all, 256, 64),
        (PromptFeatureSet.embedding, 100, 8),
        (PromptFeatureSet.minHash, 8, 1_000),
        (PromptFeatureSet.textHash, 8, 8),
        ([.embedding, .minHash] as PromptFeatureSet, 8_192, 64),
    ])
    func featuresOfAVariedCorpusAreFixed(needs: PromptFeatureSet, dimension: Int, bins: Int) {
        let features = PromptFeatures(
            of: Self.batch(Self.corpus(2_000)), needs: needs,
            settings: PromptFeatureSettings(embeddingDimension: dimension, minHashBins: bins))
        let key = "\(needs.names.joined(separator: "+"))/\(dimension)/\(bins)"
        #expect(Self.digest(features) == Self.golden[key], "\(key): \(Self.digest(features))")
    }

    static let golden: [String: UInt64] = [
        "embedding+minhash+text_hash/256/64": 11_914_883_116_135_129_304,
        "embedding/100/8": 14_250_460_938_231_411_075,
        "minhash/8/1000": 18_204_660_882_722_116_035,
        "text_hash/8/8": 17_897_274_654_908_231_002,
        "embedding+minhash/8192/64": 3_581_111_344_033_246_916,
    ]
}
