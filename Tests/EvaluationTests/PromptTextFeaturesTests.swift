import Evaluation
@testable import Features
import Foundation
import Testing
import Traffic

/// The audit's text and sequence features on hand-made prompts, account by account.
struct PromptTextFeaturesTests {
    static let long =
        "Explain the French revolution in simple terms, covering its causes, the main events between 1789 and 1799, "
        + "the key figures on every side, and how it changed politics in Europe for the following century."
    static let bread = "How do I bake sourdough bread at home without a proofing basket or a stand mixer?"
    static let hamlet = "Summarise the plot of Hamlet in three sentences for a student."
    static let unrelated = [
        "apple orchard pruning calendar", "submarine sonar physics primer", "medieval castle architecture survey",
        "quantum tunnelling basics explained", "jazz chord voicings on guitar", "volcanic soil chemistry notes",
        "arctic fox migration patterns", "baroque violin bowing technique",
    ]

    /// The prompts of each account, in order.
    static let prompts: [(String, [String])] = [
        ("seq", [long, long, bread, String(long.dropLast()) + "!"]),
        ("zh", ["请一步一步地思考。", "数学归纳法是什么？"]),
        ("ja", ["ステップバイステップで考えてください。", "東京の天気はどうですか？"]),
        (
            "multi",
            [
                "THINK STEP BY STEP about the answer.", "Denk Schritt für Schritt und zeig den Rechenweg.",
                "Réfléchis étape par étape et explique le résultat.", "Piensa paso a paso y explica el resultado.",
                "Pense passo a passo e mostre todo o raciocínio.",
            ]
        ),
        ("plain", ["I think the movie was good.", "Stepping stones by the river.", "Step back and relax.", "Un paso adelante."]),
        ("window9", [hamlet] + unrelated + [hamlet]),
        ("window8", [hamlet] + unrelated.prefix(7) + [hamlet]),
        ("silent", []),
    ]

    static func table() throws -> FeatureTable {
        var requests: [Request] = []
        var time: Int64 = 1_000
        // Interleave the accounts: sequences are per account, whatever comes between.
        let longest = prompts.map(\.1.count).max() ?? 0
        for position in 0..<longest {
            for (account, texts) in prompts where position < texts.count {
                requests.append(Request(id: "\(account)-\(position)", ts: time, account: account, prompt: texts[position]))
                time += 1
            }
        }
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner())
        for request in requests { batch.append(request) }
        return try AccountFeatures.compute(accounts: prompts.map { AccountFeaturesTests.account($0.0) }, batches: [batch])
    }

    @Test func reasoningPhrasesInEveryLanguage() throws {
        let table = try Self.table()
        #expect(table.value("prompt.reasoning_share", of: "multi") == 1)
        #expect(table.value("prompt.reasoning_share", of: "zh") == 0.5)
        #expect(table.value("prompt.reasoning_share", of: "ja") == 0.5)
        // "think", "step" and "paso" alone are not a request for reasoning.
        #expect(table.value("prompt.reasoning_share", of: "plain") == 0)
        #expect(table.value("prompt.reasoning_share", of: "seq") == 0)
        #expect(table.value("prompt.reasoning_share", of: "silent") == 0)
    }

    @Test func scriptsAndLanguages() throws {
        let table = try Self.table()
        // 请一步一步地思考 + 数学归纳法是什么: 16 Han among 18 non-space scalars (。 and ？ are punctuation).
        #expect(isClose(table.value("prompt.cjk_share", of: "zh"), 16.0 / 18))
        #expect(table.value("prompt.kana_share", of: "zh") == 0)
        // 17 kana + 考, then 4 Han + 7 kana, among 31 non-space scalars.
        #expect(isClose(table.value("prompt.cjk_share", of: "ja"), 29.0 / 31))
        #expect(isClose(table.value("prompt.kana_share", of: "ja"), 24.0 / 31))
        #expect(table.value("prompt.cjk_share", of: "seq") == 0)
        #expect(table.category("prompt.language", of: "zh") == "zh")
        #expect(table.category("prompt.language", of: "ja") == "ja")
        #expect(table.category("prompt.language", of: "seq") == "en")
        #expect(table.category("prompt.language", of: "silent") == AccountFeatures.noRequests)
        // Five prompts, five languages (en, de, fr, es, pt): log₂ 5 bits; the tie goes to English.
        #expect(isClose(table.value("prompt.language_entropy", of: "multi"), log2(5.0), tolerance: 1e-12))
        #expect(table.category("prompt.language", of: "multi") == "en")
        #expect(table.value("prompt.language_entropy", of: "seq") == 0)
        #expect(table.value("prompt.language_entropy", of: "zh") == 0)
    }

    /// seq: long, long again (a duplicate), bread (a new topic), long with "!" for "." (a near
    /// duplicate of both earlier copies).
    @Test func sequenceOfOneAccount() throws {
        let table = try Self.table()
        #expect(table.value("prompt.near_duplicate_share", of: "seq") == 0.5)
        // Steps: identical (1), to bread (≈ 0), back to long (≈ 0).
        let step = try #require(table.value("prompt.step_similarity_mean", of: "seq"))
        #expect(step > 0.3 && step < 0.45, "\(step)")
        // long → long shares words; long → bread and bread → long share none.
        #expect(isClose(table.value("prompt.step_disjoint_share", of: "seq"), 2.0 / 3))
        // Openings: "explain the french revolution in simple" three times, "how do i bake sourdough bread".
        #expect(table.value("prompt.opening_distinct_rate", of: "seq") == 0.5)
        let lengths = Self.prompts[0].1.map { Double($0.unicodeScalars.count) }
        let mean = lengths.reduce(0, +) / 4
        let deviation = (lengths.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(isClose(table.value("prompt.chars_cv", of: "seq"), deviation / mean, tolerance: 1e-12))
        // Every opening of "multi" differs; every statistic of a silent account is 0.
        #expect(table.value("prompt.opening_distinct_rate", of: "multi") == 1)
        for name in [
            "prompt.chars_cv", "prompt.near_duplicate_share", "prompt.step_similarity_mean", "prompt.step_disjoint_share",
            "prompt.opening_distinct_rate", "prompt.cjk_share",
        ] {
            #expect(table.value(name, of: "silent") == 0, "\(name)")
        }
    }

    /// Near-duplicates are looked for among the last 8 prompts only (a fixed state per account):
    /// the same prompt 9 prompts later is new again, 8 prompts later it is a near-duplicate.
    @Test func nearDuplicatesWithinAFixedWindow() throws {
        let table = try Self.table()
        #expect(table.value("prompt.near_duplicate_share", of: "window9") == 0)
        #expect(isClose(table.value("prompt.near_duplicate_share", of: "window8"), 1.0 / 9))
        // Unrelated prompts share no content word and little text.
        #expect(table.value("prompt.step_disjoint_share", of: "window9") == 1)
        #expect(try #require(table.value("prompt.step_similarity_mean", of: "window9")) < 0.1)
    }

    @Test func textFeaturesAreListed() throws {
        let table = try Self.table()
        for name in [
            "prompt.chars_cv", "prompt.reasoning_share", "prompt.opening_distinct_rate", "prompt.near_duplicate_share",
            "prompt.step_similarity_mean", "prompt.step_disjoint_share", "prompt.cjk_share", "prompt.kana_share",
            "prompt.language", "prompt.language_entropy",
        ] {
            #expect(AccountFeatures.featureNames.contains(name), "\(name)")
            #expect(FeatureGroup.of(name) == .promptText, "\(name)")
            #expect(table[name] != nil, "\(name)")
        }
    }
}
