import Detection
import Evaluation
import Foundation

/// The files of `Results/<run>/closed-loop/` (DESIGN §7), by relative path: `summary.json`
/// (every outcome, and per policy the means and 95 % intervals over seeds), `leaderboard.md`,
/// and per policy and seed the time series, campaigns and adaptations as CSV.
public enum ClosedLoopFiles {
    /// Per policy over its seeds: the open- and closed-loop extraction prevented side by side.
    public struct PolicySummary: Sendable, Codable {
        public var policy: String
        public var seeds: [UInt64]
        public var extractionPreventedOpenLoop: MetricInterval
        public var extractionPreventedClosedLoop: MetricInterval
        public var campaignTokens: MetricInterval
        public var accountsBurned: MetricInterval
        public var replacements: MetricInterval
        public var attackerCostUSD: MetricInterval
        public var genuineAccountsActioned: MetricInterval
        public var genuineRequestsRefused: MetricInterval
    }

    public static func summaries(_ outcomes: [ClosedLoopOutcome]) -> [PolicySummary] {
        var order: [String] = []
        var byPolicy: [String: [ClosedLoopOutcome]] = [:]
        for outcome in outcomes {
            if byPolicy[outcome.policy] == nil { order.append(outcome.policy) }
            byPolicy[outcome.policy, default: []].append(outcome)
        }
        return order.map { policy in
            let runs = byPolicy[policy] ?? []
            func interval(_ value: (ClosedLoopOutcome) -> Double?) -> MetricInterval { MetricInterval(runs.map(value)) }
            func total(_ value: @escaping (ClosedLoopOutcome.CampaignFigures) -> Double) -> (ClosedLoopOutcome) -> Double? {
                { $0.campaigns.reduce(0) { $0 + value($1) } }
            }
            return PolicySummary(
                policy: policy, seeds: runs.map(\.seed),
                extractionPreventedOpenLoop: interval(\.extractionPreventedOpenLoop),
                extractionPreventedClosedLoop: interval(\.extractionPreventedClosedLoop),
                campaignTokens: interval { Double($0.closedLoopTokens) },
                accountsBurned: interval(total { Double($0.accountsBurned) }),
                replacements: interval(total { Double($0.replacements) }),
                attackerCostUSD: interval(total(\.costUSD)),
                genuineAccountsActioned: interval { Double($0.collateral.accountsActioned) },
                genuineRequestsRefused: interval { Double($0.collateral.requestsRefused) })
        }
    }

    /// Every file, by path under the results folder.
    public static func files(_ outcomes: [ClosedLoopOutcome]) throws -> [String: Data] {
        struct Summary: Codable {
            var policies: [PolicySummary]
            var outcomes: [ClosedLoopOutcome]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .throw
        var files: [String: Data] = [:]
        files["closed-loop/summary.json"] = try encoder.encode(Summary(policies: summaries(outcomes), outcomes: outcomes))
        files["closed-loop/leaderboard.md"] = Data(leaderboard(outcomes).utf8)
        for outcome in outcomes {
            let folder = "closed-loop/\(outcome.folder)/seed-\(outcome.seed)"
            files["\(folder)/series.csv"] = Data(seriesCSV(outcome).utf8)
            files["\(folder)/campaigns.csv"] = Data(campaignsCSV(outcome).utf8)
            files["\(folder)/adaptations.csv"] = Data(adaptationsCSV(outcome).utf8)
            files["\(folder)/collateral.csv"] = Data(collateralCSV(outcome).utf8)
        }
        return files
    }

    /// The closed-loop leaderboard: per policy, extraction prevented open and closed loop, what
    /// the attacker paid and what genuine customers lost (means over seeds, 95 % intervals).
    public static func leaderboard(_ outcomes: [ClosedLoopOutcome]) -> String {
        var lines = [
            "| policy | seeds | extraction prevented, open loop | extraction prevented, closed loop | campaign tokens served | accounts burned | replacements | attacker cost ($) | genuine accounts actioned | genuine requests refused |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for summary in summaries(outcomes) {
            let cells = [
                summary.policy, "\(summary.seeds.count)", text(summary.extractionPreventedOpenLoop, share: true),
                text(summary.extractionPreventedClosedLoop, share: true), text(summary.campaignTokens),
                text(summary.accountsBurned), text(summary.replacements), text(summary.attackerCostUSD),
                text(summary.genuineAccountsActioned), text(summary.genuineRequestsRefused),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func text(_ interval: MetricInterval, share: Bool = false) -> String {
        guard let mean = interval.mean else { return "—" }
        func format(_ value: Double) -> String { share ? String(format: "%.3f", value) : String(format: "%.0f", value) }
        guard interval.n > 1, let lower = interval.lower, let upper = interval.upper else { return format(mean) }
        return "\(format(mean)) [\(format(lower)), \(format(upper))]"
    }

    private static func seriesCSV(_ outcome: ClosedLoopOutcome) -> String {
        var text = "time,campaign_tokens,campaign_accounts_actioned,genuine_accounts_actioned,genuine_requests_refused,genuine_tokens_withheld,replacements\n"
        for row in outcome.series {
            text += "\(row.time),\(row.campaignTokens),\(row.campaignAccountsActioned),\(row.genuineAccountsActioned),"
                + "\(row.genuineRequestsRefused),\(row.genuineTokensWithheld),\(row.replacements)\n"
        }
        return text
    }

    private static func campaignsCSV(_ outcome: ClosedLoopOutcome) -> String {
        var text = "campaign,tactic,target_exchanges,served_exchanges,open_loop_tokens,served_tokens,extraction_vs_open_loop,"
            + "open_loop_leaked_tokens,requests_refused,accounts_used,accounts_burned,replacements,payment_instruments,cost_usd,"
            + "cost_per_million_tokens,days_to_target\n"
        for c in outcome.campaigns {
            let fields: [String] = [
                c.id, c.tactic, "\(c.targetExchanges)", "\(c.servedExchanges)", "\(c.openLoopTokens)", "\(c.servedTokens)",
                number(c.extractionVsOpenLoop), "\(c.openLoopLeakedTokens)", "\(c.requestsRefused)", "\(c.accountsUsed)",
                "\(c.accountsBurned)", "\(c.replacements)", "\(c.paymentInstruments)", number(c.costUSD),
                number(c.costPerMillionTokens), number(c.daysToTarget),
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    private static func adaptationsCSV(_ outcome: ClosedLoopOutcome) -> String {
        var text = "time,campaign,kind,account,cost_usd\n"
        for entry in outcome.adaptations {
            text += "\(entry.time),\(entry.campaign),\(entry.kind),\(entry.account ?? ""),\(number(entry.costUSD))\n"
        }
        return text
    }

    private static func collateralCSV(_ outcome: ClosedLoopOutcome) -> String {
        var text = "persona,accounts_actioned,decoys_actioned,requests_refused,tokens_withheld\n"
        for row in outcome.collateral.byPersona {
            text += "\(row.persona),\(row.accountsActioned),\(row.decoysActioned),\(row.requestsRefused),\(row.tokensWithheld)\n"
        }
        return text
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
