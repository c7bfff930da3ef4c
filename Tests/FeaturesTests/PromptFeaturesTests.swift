import Foundation
import Features
import Testing
import Traffic

/// The shared prompt features of issue 9, item 1: normalisation, the three features, and
/// determinism (same prompt → same values on every machine and thread count).
struct PromptFeaturesTests {
    static func batch(_ prompts: [String]) -> RequestBatch {
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for (index, prompt) in prompts.enumerated() {
            batch.append(Request(id: "r\(index)", ts: Int64(index), account: "a", prompt: prompt))
        }
        return batch
    }

    static func cosine(_ features: PromptFeatures, _ i: Int, _ j: Int) -> Float {
        zip(features.embedding(i), features.embedding(j)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func normalisationFoldsCaseAndSpaceInEveryShippedLanguage() {
        let pairs = [
            ("Explain  the TCP handshake\n", "explain the tcp handshake"),
            ("Schritt für Schritt ÜBER Straßen", "schritt für schritt über straßen"),
            ("  ÉTAPE par étape ", "étape par étape"),
            ("请逐步解释这个问题", "请逐步解释这个问题"),
        ]
        for (a, b) in pairs {
            let features = PromptFeatures(of: Self.batch([a, b]), needs: .all)
            #expect(features.textHashes[0] == features.textHashes[1], "\(a)")
            #expect(features.embedding(0) == features.embedding(1), "\(a)")
            #expect(features.signature(0) == features.signature(1), "\(a)")
        }
    }

    @Test func embeddingsAreUnitVectorsAndSeparateTopics() {
        let prompts = [
            "Summarise the quarterly revenue report for the board meeting",
            "Summarise the quarterly revenue report for the board meeting, briefly",
            "Write a haiku about autumn leaves falling in Kyoto",
            "量子コンピュータの仕組みを順を追って説明してください",
            "量子コンピュータの仕組みを簡単に説明してください",
            "",
        ]
        let features = PromptFeatures(of: Self.batch(prompts), needs: .embedding, settings: PromptFeatureSettings(embeddingDimension: 256))
        for i in 0..<5 {
            let norm = features.embedding(i).reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(features.embedding(5).allSatisfy { $0 == 0 })
        #expect(Self.cosine(features, 0, 1) > 0.8)
        #expect(Self.cosine(features, 0, 2) < 0.3)
        #expect(Self.cosine(features, 3, 4) > 0.5)
        #expect(Self.cosine(features, 3, 2) < 0.3)
        #expect(features.signatures.isEmpty && features.textHashes.isEmpty)
    }

    @Test func minHashEstimatesJaccardSimilarity() {
        let base = "Classify the sentiment of this review as positive or negative: the battery died after two days"
        let prompts = [base, base.replacingOccurrences(of: "two days", with: "three days"), "How do I centre a div in CSS grid layouts?"]
        let features = PromptFeatures(of: Self.batch(prompts), needs: .minHash)
        #expect(features.signatures.count == 3 * 64)
        #expect(PromptFeatures.similarity(features.signature(0), features.signature(1)) > 0.75)
        #expect(PromptFeatures.similarity(features.signature(0), features.signature(2)) < 0.2)
        // Densified: no bin is left empty for a text with any 3-gram.
        #expect(!features.signatures.contains(.max))
    }

    /// Fixed values: a change to normalisation or hashing changes what every text result means.
    @Test func valuesAreFixedAcrossMachines() {
        let features = PromptFeatures(of: Self.batch(["Let's think step by step."]), needs: .all, settings: PromptFeatureSettings(embeddingDimension: 16, minHashBins: 8))
        #expect(features.textHashes == [Self.goldenTextHash])
        #expect(Array(features.signature(0)) == Self.goldenSignature)
        #expect(Array(features.embedding(0)).map { ($0 * 1000).rounded() } == Self.goldenEmbedding)
    }

    /// A text of one 3-gram leaves all bins but one empty: densification fills them.
    @Test func densifiedSignaturesAreFixed() {
        let features = PromptFeatures(of: Self.batch(["ok!"]), needs: .minHash, settings: PromptFeatureSettings(minHashBins: 8))
        #expect(Array(features.signature(0)) == Self.goldenDensified, "\(Array(features.signature(0)))")
    }

    @Test func threadCountDoesNotChangeTheValues() {
        let prompts = (0..<3_000).map { "prompt number \($0) about topic \($0 % 17) — 第\($0)问" }
        let one = PromptFeatures(of: Self.batch(prompts), needs: .all, threads: 1)
        let four = PromptFeatures(of: Self.batch(prompts), needs: .all, threads: 4)
        #expect(one.embeddings == four.embeddings && one.signatures == four.signatures && one.textHashes == four.textHashes)
    }

    static let goldenTextHash: UInt64 = 8_631_795_893_983_323_067
    static let goldenSignature: [UInt32] = [
        219_353_777, 473_993_773, 223_242_642, 831_283_911, 909_562_690, 1_258_307_559, 1_160_966_830, 1_542_867_848,
    ]
    static let goldenDensified: [UInt32] = [513_810_971, 1_653_342_565, 1_220_896_550, 1_183_982_674, 2_689_909_250, 3_239_732_455, 3_990_488_650, 3_672_558_414]
    static let goldenEmbedding: [Float] = [-577, -144, -289, 289, 144, 144, 144, -144, 0, 0, -433, -144, 144, 289, 289, 0]
}
