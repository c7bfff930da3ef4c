import Detection
import Features
import Foundation
import Traffic

/// PRADA's synthetic-versus-natural finding (Juuti et al., "PRADA: Protecting against DNN Model
/// Stealing Attacks", EuroS&P 2019, §VI): an extraction campaign of synthetic queries — small
/// perturbations of a few seed inputs — is flagged within its first tests, while a stream of
/// natural, diverse queries is never flagged. Reproduced on prompts with ``QueryCampaigns``:
/// three accounts of `queries` each, interleaved in time — natural prompts; `templates` natural
/// prompts each re-sent with one word changed (the synthetic campaign); and 50 templates with five
/// words changed (heavier rewording, in between) — through `prada` at the paper's δ.
public enum PradaSyntheticNatural {
    /// One stream's outcome.
    public struct Row: Sendable, Hashable {
        /// `natural`, `templated` or `rephrased`.
        public var stream: String
        /// Queries the stream sent.
        public var queries: Int
        /// Shapiro–Wilk tests run on it.
        public var tests: Int
        /// The stream's queries up to and including the first test with W < δ; nil: never flagged.
        public var queriesToFlag: Int?
        /// Its lowest W over all tests.
        public var lowestW: Double
        /// Its median W over all tests.
        public var medianW: Double
    }

    /// The three streams' outcomes at `delta` (the paper's 0.9), in the order natural, templated,
    /// rephrased; deterministic for a `seed`.
    public static func run(delta: Double = 0.9, queries: Int = 600, templates: Int = 20, seed: UInt64 = 5) throws -> [Row] {
        var campaigns = QueryCampaigns(seed: seed)
        let streams: [(account: String, prompts: [String])] = [
            ("natural", campaigns.natural(queries)),
            ("templated", campaigns.perturbed(queries, templates: templates, changes: 1)),
            ("rephrased", campaigns.perturbed(queries, templates: 50, changes: 5)),
        ]
        let names = streams.map(\.account)
        var batch = RequestBatch(symbols: Interner(), accountNames: Interner(names))
        for request in QueryCampaigns.requests(streams) { batch.append(request) }
        var settings = PradaDetector.Settings()
        settings.delta = delta
        var detector = PradaDetector(settings: settings)
        let statistics = try detector.statistics(batch, features: PromptFeatures(of: batch, needs: detector.needs))
        return names.indices.map { account in
            var sent = 0
            var flaggedAt: Int?
            var values: [Double] = []
            for row in 0..<batch.count where Int(batch.accounts[row]) == account {
                sent += 1
                let w = statistics[row]
                guard !w.isNaN else { continue }
                values.append(w)
                if flaggedAt == nil, w < delta { flaggedAt = sent }
            }
            let sorted = values.sorted()
            let median = sorted.isEmpty ? .nan : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
            return Row(
                stream: names[account], queries: sent, tests: values.count, queriesToFlag: flaggedAt, lowestW: sorted.first ?? .nan,
                medianW: median)
        }
    }

    /// The rows as CSV.
    public static func csv(_ rows: [Row]) -> String {
        "stream,queries,tests,queries_to_flag,lowest_w,median_w\n"
            + rows.map { row in
                "\(row.stream),\(row.queries),\(row.tests),\(row.queriesToFlag.map(String.init) ?? ""),"
                    + String(format: "%.4f,%.4f", row.lowestW, row.medianW)
            }.joined(separator: "\n") + "\n"
    }

    /// The rows as a Markdown page: protocol, figures beside the paper's, and the command.
    public static func markdown(_ rows: [Row], delta: Double, command: String) -> String {
        var lines = [
            "# PRADA: synthetic versus natural queries", "",
            "Juuti et al., \"PRADA: Protecting against DNN Model Stealing Attacks\" (EuroS&P 2019), §VI:",
            "extraction queries that perturb a few seed inputs (synthetic) are flagged within a few",
            "hundred queries; natural, diverse queries are not. Reproduced on prompts: three accounts,",
            "interleaved in time, through `prada` at the paper's δ = \(String(format: "%.2f", delta)) (the benchmark's default δ = 0.76 is",
            "calibrated on benign API traffic, which holds templated pipelines). Shapiro–Wilk every 10",
            "queries once 100 are held, on each query's distance to the account's nearest earlier query.", "",
            "| stream | queries | tests | flagged after (queries) | lowest W | median W |", "|---|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append(
                "| \(row.stream) | \(row.queries) | \(row.tests) | \(row.queriesToFlag.map(String.init) ?? "never") | "
                    + String(format: "%.3f | %.3f |", row.lowestW, row.medianW))
        }
        lines += [
            "", "Streams (`QueryCampaigns`, seed 5): *natural* — prompts of 8–40 words from a 3,000-word",
            "vocabulary with a Zipf-like bias; *templated* — 20 natural prompts, each re-sent with one",
            "word changed (the paper's synthetic samples); *rephrased* — 50 prompts with five words",
            "changed (heavier rewording, which folding the embedding blurs towards natural).", "",
            "Regenerate: `\(command)`", "",
        ]
        return lines.joined(separator: "\n")
    }
}
