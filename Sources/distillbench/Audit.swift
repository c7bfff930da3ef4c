import ArgumentParser
import Evaluation
import Foundation
import Traffic

/// `distillbench audit`: the leakage audit of a trace (DESIGN §3).
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure how well each single field or per-account aggregate separates adversarial from benign accounts.",
        discussion: """
            Reads the account table, the requests (one streaming pass) and truth.json, computes \
            per-account features (modal and distinct values of every request field, the account \
            table's fields, counts, rates, token sums, parameter shares, timing) and lists each \
            feature's single-feature ROC-AUC, max(AUC, 1 - AUC), from most to least separating.

            Categorical features are scored by a 5-fold cross-fitted target encoding, so a value \
            unique to each account cannot separate. A raw field (asn, ip, ua, tls, model, \
            endpoint, tier, country, email_domain, system) at AUC >= 0.9 is flagged as a \
            TRIVIAL SEPARATOR: a defect of the generator.
            """)

    @Argument(help: "A trace directory with truth.json.")
    var trace: String

    @Flag(help: "Print a JSON document instead of a table.")
    var json = false

    @Option(parsing: .unconditional, help: "List only the N most separating features.")
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let directory = try TraceDirectory(url: URL(filePath: trace))
        let clock = ContinuousClock()
        let started = clock.now
        let audit = try LeakageAudit(trace: directory)
        let seconds = (clock.now - started).seconds
        let listed = Array(audit.findings.prefix(top ?? audit.findings.count))
        if json {
            print(try jsonDocument(audit, listed))
        } else {
            printTable(audit, listed, seconds: seconds)
        }
    }

    // MARK: - Table

    private func printTable(_ audit: LeakageAudit, _ listed: [LeakageFinding], seconds: Double) {
        print(
            "leakage audit of \(Terminal.escaped(trace)): \(audit.accounts) accounts (\(audit.positives) positive, \(audit.benign) benign), "
                + "\(audit.findings.count) features, \(String(format: "%.1f", seconds)) s")
        print("")
        let nameWidth = max(28, (listed.map(\.feature.count).max() ?? 0) + 2)
        print(
            pad("feature", nameWidth) + pad("kind", 13) + pad("AUC", 8) + pad("direction", 11)
                + "positives vs benign")
        for finding in listed {
            var line =
                pad(finding.feature, nameWidth) + pad(finding.kind.rawValue, 13)
                + pad(String(format: "%.4f", finding.auc), 8) + pad(finding.direction.rawValue, 11)
                + detail(finding)
            if finding.isTrivialSeparator { line += "   TRIVIAL SEPARATOR" }
            print(line)
        }
        print("")
        if let worst = audit.mostSeparatingRawField {
            let separators = audit.trivialSeparators
            if separators.isEmpty {
                print(
                    "raw fields: highest AUC \(String(format: "%.4f", worst.auc)) (\(worst.feature)); "
                        + "no trivial separator (threshold \(LeakageAudit.trivialThreshold))")
            } else {
                print(
                    "TRIVIAL SEPARATORS (raw field AUC >= \(LeakageAudit.trivialThreshold)): "
                        + separators.map { "\($0.feature) \(String(format: "%.4f", $0.auc))" }.joined(separator: ", "))
            }
        }
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

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    // MARK: - JSON

    /// The JSON document: keys sorted, findings from most to least separating.
    private struct Document: Encodable {
        var trace: String
        var accounts: Int
        var positives: Int
        var benign: Int
        var folds: Int
        var smoothing: Double
        var trivialThreshold: Double
        var rawFieldsMaxAUC: Double?
        var trivialSeparators: [String]
        var features: [LeakageFinding]

        enum CodingKeys: String, CodingKey {
            case trace, accounts, positives, benign, folds, smoothing
            case trivialThreshold = "trivial_threshold"
            case rawFieldsMaxAUC = "raw_fields_max_auc"
            case trivialSeparators = "trivial_separators"
            case features
        }
    }

    private func jsonDocument(_ audit: LeakageAudit, _ listed: [LeakageFinding]) throws -> String {
        let document = Document(
            trace: trace, accounts: audit.accounts, positives: audit.positives, benign: audit.benign,
            folds: TargetEncoding.folds, smoothing: TargetEncoding.smoothing,
            trivialThreshold: LeakageAudit.trivialThreshold, rawFieldsMaxAUC: audit.mostSeparatingRawField?.auc,
            trivialSeparators: audit.trivialSeparators.map(\.feature), features: listed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
