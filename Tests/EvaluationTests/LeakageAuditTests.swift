import Evaluation
import Features
import Foundation
import GroundTruth
import Testing
import Traffic

/// The leakage audit finds planted separators, stays at ½ on noise and on per-account unique
/// values, agrees with an independent pair-by-pair computation, and reads trace directories.
struct LeakageAuditTests {
    static func audit(_ population: SyntheticPopulation) throws -> LeakageAudit {
        try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: population.truth)
    }

    @Test func findsAPlantedTrivialSeparator() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 7, plantedUA: true))
        #expect(audit.accounts == 2000 && audit.positives == 200 && audit.benign == 1800)
        let ua = try #require(audit["ua"])
        #expect(ua.auc > 0.99 && ua.direction == .higher && ua.kind == .categorical)
        #expect(ua.isRawField && ua.isTrivialSeparator)
        #expect(ua.topCategories?.first == LeakageFinding.CategoryCount(value: "evil/1.0", positives: 200, benign: 0))
        #expect(audit.trivialSeparators.map(\.feature) == ["ua"])
        #expect(audit.mostSeparatingRawField?.feature == "ua")
        #expect(audit.findings.first?.feature == "ua")
    }

    @Test func noiseStaysNearOneHalf() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 11, plantedUA: false))
        // σ of a null AUC with 200 positives and 1 800 negatives is ≈ 0.022.
        for feature in ["ua", "asn", "model", "tier", "country", "email_domain", "latency_ms.mean", "prompt_tokens.mean",
            "temperature.mean", "requests", "created"]
        {
            let auc = try #require(audit.auc(of: feature))
            #expect(auc < 0.6, "\(feature): \(auc)")
        }
        #expect(audit.trivialSeparators.isEmpty)
        let worst = try #require(audit.mostSeparatingRawField)
        #expect(worst.auc < 0.9)
    }

    /// Values unique to each account (ip, org of ≤ 3, payment, signup network) learn nothing out
    /// of fold: every account gets the global rate, AUC exactly ½.
    @Test func crossFittingKeepsUniqueValuesAtOneHalf() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 7, plantedUA: true))
        for feature in ["ip", "payment", "signup_ip"] {
            let finding = try #require(audit[feature])
            #expect(finding.auc == 0.5 && finding.direction == LeakageFinding.Direction.none, "\(feature)")
        }
        // Orgs of three consecutive accounts hold at most one positive each: out of fold, a
        // positive sees only benign mates and a benign account may see a positive one, so the
        // encoding is mildly anti-predictive (the documented small-category effect), no more.
        let org = try #require(audit["org"])
        #expect(org.direction == .lower && org.auc < 0.65, "\(org)")
    }

    @Test func sortedFromMostToLeastSeparating() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 500, seed: 3, plantedUA: true))
        #expect(audit.findings.count == AccountFeatures.featureNames.count)
        for (a, b) in zip(audit.findings, audit.findings.dropFirst()) {
            #expect(a.auc > b.auc || (a.auc == b.auc && a.feature < b.feature))
        }
        for finding in audit.findings {
            #expect(finding.auc == max(finding.valueAUC, 1 - finding.valueAUC))
            #expect(finding.isRawField == LeakageAudit.rawFields.contains(finding.feature))
        }
        #expect(
            LeakageAudit.rawFields == [
                "asn", "ip", "ua", "tls", "model", "endpoint", "system",
                "tier", "country", "email_domain", "org", "payment", "signup_ip", "created",
            ])
    }

    @Test func deterministic() throws {
        let population = SyntheticPopulation(accounts: 800, seed: 5, plantedUA: true, inactive: 7)
        let first = try Self.audit(population)
        let second = try Self.audit(SyntheticPopulation(accounts: 800, seed: 5, plantedUA: true, inactive: 7))
        #expect(first == second)
        // Batch boundaries do not matter either.
        var whole = RequestBatch(symbols: population.batches[0].symbols, accountNames: population.batches[0].accountNames)
        for batch in population.batches { for i in 0..<batch.count { whole.append(batch[i]) } }
        #expect(try LeakageAudit(accounts: population.accounts, batches: [whole], truth: population.truth) == first)
    }

    /// Folds come from a hash of the account id (values pinned: FNV-1a 64 + MurmurHash3 mixer).
    @Test func foldsAreStableAndBalanced() {
        #expect(["acct-0", "acct-1", "acct-2", "a1", "日本", ""].map(TargetEncoding.fold(of:)) == [0, 4, 4, 3, 4, 2])
        var sizes = [Int](repeating: 0, count: TargetEncoding.folds)
        for i in 0..<10_000 { sizes[TargetEncoding.fold(of: "acct-\(i)")] += 1 }
        #expect(sizes.allSatisfy { abs($0 - 2000) < 150 }, "\(sizes)")
    }

    // MARK: - Against an independent computation

    /// Every finding's AUC recomputed from the feature table pair by pair (Mann–Whitney, ties
    /// ½), categorical encodings recomputed account by account from their definition.
    @Test func agreesWithAPairByPairComputation() throws {
        let population = SyntheticPopulation(accounts: 300, seed: 13, plantedUA: true, inactive: 9)
        let table = try AccountFeatures.compute(accounts: population.accounts, batches: population.batches)
        let audit = try LeakageAudit(features: table, truth: population.truth)
        let positive = Dictionary(uniqueKeysWithValues: population.truth.accounts.map { ($0.account, $0.label.isPositive) })
        let labels = table.accounts.map { positive[$0]! }
        let folds = table.accounts.map(TargetEncoding.fold(of:))
        let rate = Double(labels.filter { $0 }.count) / Double(labels.count)
        for feature in table.features {
            let scores: [Double]
            switch feature.values {
            case .numeric(let values):
                scores = values
            case .categorical(let codes, _):
                scores = codes.indices.map { j in
                    var positives = 0.0
                    var total = 0.0
                    for k in codes.indices where folds[k] != folds[j] && codes[k] == codes[j] {
                        total += 1
                        if labels[k] { positives += 1 }
                    }
                    return (positives + 10 * rate) / (total + 10)
                }
            }
            var wins = 0.0
            var pairs = 0.0
            for (p, isPositive) in zip(scores, labels) where isPositive {
                for (n, isNegative) in zip(scores, labels) where !isNegative {
                    wins += p > n ? 1 : p == n ? 0.5 : 0
                    pairs += 1
                }
            }
            let finding = try #require(audit[feature.name])
            #expect(abs(finding.valueAUC - wins / pairs) <= 1e-9, "\(feature.name): \(finding.valueAUC) vs \(wins / pairs)")
        }
    }

    // MARK: - Inputs

    @Test func truthOutsideTheTableIsIgnoredButTheTableMustBeLabelled() throws {
        let population = SyntheticPopulation(accounts: 100, seed: 1, plantedUA: true)
        var extra = population.truth
        extra.accounts.append(AccountTruth(account: "ghost", label: .adversarial))
        let audit = try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: extra)
        #expect(audit.positives == 10 && audit.accounts == 100)

        var missing = population.truth
        missing.accounts.removeAll { $0.account == "acct-42" }
        #expect(throws: AuditError.accountWithoutTruth("acct-42")) {
            try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: missing)
        }
    }

    @Test func needsBothClasses() throws {
        let population = SyntheticPopulation(accounts: 50, seed: 1, plantedUA: false)
        var benign = population.truth
        for i in benign.accounts.indices { benign.accounts[i].label = .benign }
        #expect(throws: AuditError.noPositives) {
            try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: benign)
        }
        var positive = population.truth
        for i in positive.accounts.indices { positive.accounts[i].label = .mixed }
        #expect(throws: AuditError.noBenign) {
            try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: positive)
        }
    }

    @Test func errorsAreOneLine() {
        let errors: [AuditError] = [
            .missingTruth(file: "t/truth.json"), .missingAccountTable(file: "t/accounts.jsonl"), .features(.duplicateAccount("a")),
            .accountWithoutTruth("a"), .features(.unknownAccount("a")), .features(.mixedTables), .noPositives, .noBenign,
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        #expect(AuditError.missingTruth(file: "t/truth.json").description.contains("the audit needs truth.json"))
    }

    // MARK: - Trace directories

    @Test func auditsATraceDirectoryLikeTheBatches() throws {
        let population = SyntheticPopulation(accounts: 400, seed: 17, plantedUA: true, inactive: 5)
        try withTemporaryDirectory { directory in
            try AccountCodec.write(population.accounts, to: directory.appending(path: "accounts.jsonl"), format: .jsonl)
            let writer = try JSONLRequestWriter(url: directory.appending(path: "requests.jsonl"))
            for batch in population.batches { try writer.write(batch) }
            try writer.close()
            let trace = try TraceDirectory(url: directory)
            #expect(throws: AuditError.missingTruth(file: trace.truthURL.relativePath)) {
                try LeakageAudit(trace: trace)
            }
            try population.truth.encoded().write(to: trace.truthURL)
            let fromFiles = try LeakageAudit(trace: trace)
            #expect(fromFiles == (try Self.audit(population)))
            #expect(fromFiles["ua"]?.isTrivialSeparator == true)
        }
    }

    @Test func aTraceWithoutAccountTableIsAnError() throws {
        let population = SyntheticPopulation(accounts: 20, seed: 2, plantedUA: true)
        try withTemporaryDirectory { directory in
            let writer = try JSONLRequestWriter(url: directory.appending(path: "requests.jsonl"))
            for batch in population.batches { try writer.write(batch) }
            try writer.close()
            let trace = try TraceDirectory(url: directory)
            try population.truth.encoded().write(to: trace.truthURL)
            #expect(throws: AuditError.missingAccountTable(file: trace.accountsURL.relativePath)) {
                try LeakageAudit(trace: trace)
            }
        }
    }
}

/// Files in a fresh temporary directory, removed when the body returns.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "evaluation-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}
