import ArgumentParser
import Evaluation
import Features
import Foundation
import Traffic

/// `distillbench audit`: the leakage audit and difficulty probe of a trace (DESIGN §3, issue 7).
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how well single fields, per-account aggregates and a linear probe separate adversarial from benign accounts.",
        discussion: """
            Reads the account table, the requests (one streaming pass) and truth.json, computes \
            per-account features (modal and distinct values of every request field, the account \
            table's fields, counts, rates, token sums, parameter shares, timing, and text and \
            sequence features of the prompts) and lists each feature's single-feature ROC-AUC, \
            max(AUC, 1 - AUC), from most to least separating.

            Categorical features are scored by a 5-fold cross-fitted target encoding, so a value \
            unique to each account cannot separate. A raw field (the request fields asn, ip, ua, \
            tls, model, endpoint, system and every account-table field: tier, country, \
            email_domain, org, payment, signup_ip, created) at AUC >= 0.9 is flagged as a TRIVIAL \
            SEPARATOR: a defect of the generator. Sharing degrees (payment.sharing, ...) are \
            behavioural signals and are listed apart.

            The difficulty probe fits a cross-fitted L2 logistic regression over all features and \
            reports AP, ROC-AUC and recall at 0.1 % and 1 % FPR of its out-of-fold scores: \
            overall, per tactic, per level, per tactic and level, and with each tactic left out \
            of training. Then the features that best separate each tactic on their own.
            """)

    @Argument(help: "A trace directory with truth.json.")
    var trace: String

    @Flag(help: "Print a JSON document instead of tables.")
    var json = false

    @Option(parsing: .unconditional, help: "List only the N most separating features (and N per tactic).")
    var top: Int?

    @Option(help: "Threads for the probe's fits (the result does not depend on it).")
    var threads = 2

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let audit = try TraceAudit(trace: try TraceDirectory(url: URL(filePath: trace)), threads: threads)
        if json {
            print(try jsonDocument(audit))
        } else {
            printTables(audit)
        }
    }

    // MARK: - Tables

    private func printTables(_ audit: TraceAudit) {
        let leakage = audit.leakage
        let listed = Array(leakage.findings.prefix(top ?? leakage.findings.count))
        let time = audit.timings
        print(
            "leakage audit of \(Terminal.escaped(trace)): \(leakage.accounts) accounts (\(leakage.positives) positive, \(leakage.benign) benign), "
                + "\(leakage.findings.count) features, "
                + String(
                    format: "%.1f s (features %.1f, single-feature %.1f, probe %.1f)",
                    time.features + time.leakage + time.probe, time.features, time.leakage, time.probe))
        print(
            "silent positives (labelled positive, sent no request; kept in every figure): \(leakage.silentPositives)"
                + (leakage.silentPositives == 0
                    ? "" : " — " + leakage.tactics.filter { $0.silent > 0 }.map { "\($0.tactic) \($0.silent)" }.joined(separator: ", ")))
        print("")
        let nameWidth = max(28, (listed.map(\.feature.count).max() ?? 0) + 2)
        print(
            pad("feature", nameWidth) + pad("kind", 13) + pad("group", 19) + pad("AUC", 8) + pad("direction", 11)
                + "positives vs benign")
        for finding in listed {
            var line =
                pad(finding.feature, nameWidth) + pad(finding.kind.rawValue, 13) + pad(finding.group.rawValue, 19)
                + pad(String(format: "%.4f", finding.auc), 8) + pad(finding.direction.rawValue, 11)
                + detail(finding)
            if finding.isTrivialSeparator { line += "   TRIVIAL SEPARATOR" }
            print(line)
        }
        print("")
        if let worst = leakage.mostSeparatingRawField {
            let separators = leakage.trivialSeparators
            if separators.isEmpty {
                print(
                    "raw fields (request and account table): highest AUC \(String(format: "%.4f", worst.auc)) "
                        + "(\(worst.feature)); no trivial separator (threshold \(LeakageAudit.trivialThreshold))")
            } else {
                print(
                    "TRIVIAL SEPARATORS (raw field AUC >= \(LeakageAudit.trivialThreshold)): "
                        + separators.map { "\($0.feature) \(String(format: "%.4f", $0.auc))" }.joined(separator: ", "))
            }
        }
        let structural = leakage.strongStructuralSignals
        if !structural.isEmpty {
            print(
                "account structure at AUC >= \(LeakageAudit.trivialThreshold) (behavioural, not under the rule): "
                    + structural.map { "\($0.feature) \(String(format: "%.4f", $0.auc))" }.joined(separator: ", "))
        }
        print("")
        printProbe(audit.probe)
        print("")
        printTopFeatures(leakage)
    }

    private func printProbe(_ probe: DifficultyProbeReport) {
        let settings = probe.configuration
        print(
            "difficulty probe: cross-fitted L2 logistic regression (λ = \(number(settings.penalty)), "
                + "\(TargetEncoding.folds) folds) over \(probe.features) features; out-of-fold scores"
                + (probe.allConverged ? "" : " (SOME FITS DID NOT CONVERGE)"))
        let rows: [(String, ProbeMetrics?)] =
            [("overall", probe.overall)]
            + probe.byTactic.map { ("tactic " + ($0.tactic ?? ""), $0.metrics) }
            + probe.byLevel.map { ("level " + ($0.level ?? ""), $0.metrics) }
            + probe.byTacticAndLevel.map { ("  \($0.tactic ?? "") × \($0.level ?? "")", $0.metrics) }
            + probe.leaveOneTacticOut.map { ("left out of training: " + ($0.tactic ?? ""), $0.metrics) }
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        let budgets = settings.budgets.map { "R@" + percent($0) }
        print(pad("group", width) + pad("positives", 11) + pad("AP", 8) + pad("ROC-AUC", 9) + budgets.map { pad($0, 9) }.joined())
        for (name, metrics) in rows {
            guard let metrics else {
                print(pad(name, width) + "no other tactic's positives to train on")
                continue
            }
            print(
                pad(name, width) + pad(String(metrics.positives), 11) + pad(String(format: "%.3f", metrics.averagePrecision), 8)
                    + pad(String(format: "%.3f", metrics.rocAUC), 9)
                    + metrics.recallAtBudgets.map { pad(String(format: "%.3f", $0.recall), 9) }.joined())
        }
    }

    private func printTopFeatures(_ leakage: LeakageAudit) {
        let count = min(top ?? 6, 6)
        print("features that best separate each tactic alone (AUC of its positives vs all benign; ↑ higher, ↓ lower in positives):")
        for tactic in leakage.tactics {
            let features = leakage.topFeatures(for: tactic.tactic, count: count)
                .map { "\($0.feature) \(String(format: "%.3f", max($0.valueAUC, 1 - $0.valueAUC)))\($0.valueAUC >= 0.5 ? "↑" : "↓")" }
            print("  \(Terminal.escaped(tactic.tactic)) (\(tactic.positives)): " + features.joined(separator: ", "))
        }
    }

    private func percent(_ value: Double) -> String {
        let text = String(format: "%g", value * 100)
        return text + "%"
    }

    private func detail(_ finding: LeakageFinding) -> String {
        if let positive = finding.positiveMean, let benign = finding.benignMean {
            return "mean \(number(positive)) vs \(number(benign))"
        }
        guard let top = finding.topCategories else { return "" }
        let values = top.map { "\(excerpt($0.value)) \($0.positives)/\($0.benign)" }.joined(separator: "; ")
        return "\(finding.categories ?? 0) values; top: \(values)"
    }

    private func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e7 ? String(format: "%.0f", value) : String(format: "%.4g", value)
    }

    private func excerpt(_ value: String) -> String {
        let shown = value.isEmpty ? "\"\"" : Terminal.escaped(value)
        return shown.count > 24 ? String(shown.prefix(23)) + "…" : shown
    }

    /// `text` (control characters escaped: tactic and level names come from truth.json) padded to `width`.
    private func pad(_ text: String, _ width: Int) -> String {
        let text = Terminal.escaped(text)
        return text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    // MARK: - JSON

    /// The JSON document: keys sorted, findings from most to least separating.
    private struct Document: Encodable {
        var trace: String
        var accounts: Int
        var positives: Int
        var benign: Int
        var silentPositives: Int
        var tactics: [LeakageAudit.TacticCount]
        var folds: Int
        var smoothing: Double
        var trivialThreshold: Double
        var rawFields: [String]
        var rawFieldsMaxAUC: Double?
        var trivialSeparators: [String]
        var strongStructuralSignals: [String]
        var features: [LeakageFinding]
        var probe: DifficultyProbeReport
        var seconds: TraceAudit.Timings

        enum CodingKeys: String, CodingKey {
            case trace, accounts, positives, benign
            case silentPositives = "silent_positives"
            case tactics, folds, smoothing
            case trivialThreshold = "trivial_threshold"
            case rawFields = "raw_fields"
            case rawFieldsMaxAUC = "raw_fields_max_auc"
            case trivialSeparators = "trivial_separators"
            case strongStructuralSignals = "strong_structural_signals"
            case features, probe, seconds
        }
    }

    private func jsonDocument(_ audit: TraceAudit) throws -> String {
        let leakage = audit.leakage
        let document = Document(
            trace: trace, accounts: leakage.accounts, positives: leakage.positives, benign: leakage.benign,
            silentPositives: leakage.silentPositives, tactics: leakage.tactics,
            folds: TargetEncoding.folds, smoothing: TargetEncoding.smoothing,
            trivialThreshold: LeakageAudit.trivialThreshold, rawFields: LeakageAudit.rawFields,
            rawFieldsMaxAUC: leakage.mostSeparatingRawField?.auc,
            trivialSeparators: leakage.trivialSeparators.map(\.feature),
            strongStructuralSignals: leakage.strongStructuralSignals.map(\.feature),
            features: Array(leakage.findings.prefix(top ?? leakage.findings.count)), probe: audit.probe,
            seconds: audit.timings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
