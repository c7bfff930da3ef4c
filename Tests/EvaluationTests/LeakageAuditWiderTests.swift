import Evaluation
import Features
import Foundation
import GroundTruth
import Testing
import Traffic

/// Issue 7's wider audit: every account-table field under the trivial-separator rule, sharing
/// degrees reported apart, per-tactic AUC of every feature, silent positives counted.
struct LeakageAuditWiderTests {
    static func audit(_ population: SyntheticPopulation) throws -> LeakageAudit {
        try LeakageAudit(accounts: population.accounts, batches: population.batches, truth: population.truth)
    }

    /// A payment instrument shared by every positive is a raw-field separator; its sharing degree
    /// is an account-structure signal, listed apart and never called trivial.
    @Test func sharedPaymentIsATrivialSeparatorAndItsDegreeIsStructure() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 7, plantedUA: false, plantedPayment: true))
        let payment = try #require(audit["payment"])
        #expect(payment.group == .accountField && payment.isRawField && payment.isTrivialSeparator, "\(payment)")
        #expect(payment.auc > 0.99)
        let sharing = try #require(audit["payment.sharing"])
        #expect(sharing.group == .accountStructure && !sharing.isRawField && !sharing.isTrivialSeparator)
        #expect(sharing.auc > 0.99)
        #expect(audit.trivialSeparators.map(\.feature) == ["payment"])
        #expect(audit.strongStructuralSignals.map(\.feature) == ["payment.sharing"])
    }

    @Test func creationTimeIsUnderTheRule() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 7, plantedUA: false, plantedCreated: true))
        let created = try #require(audit["created"])
        #expect(created.group == .accountField && created.isTrivialSeparator && created.auc == 1)
        #expect(audit.trivialSeparators.map(\.feature) == ["created"])
        // The derived age is behaviour: strong here, but not a raw field.
        #expect(audit["account_age_days"]?.group == .behaviour && audit["account_age_days"]?.isTrivialSeparator == false)
    }

    @Test func everyFeatureHasItsGroup() throws {
        for field in FeatureGroup.requestFields { #expect(FeatureGroup.of(field) == .requestField) }
        for field in ["tier", "country", "email_domain", "org", "payment", "signup_ip", "created"] {
            #expect(FeatureGroup.of(field) == .accountField, "\(field)")
        }
        #expect(FeatureGroup.of("payment.sharing") == .accountStructure)
        #expect(FeatureGroup.of("prompt.reasoning_share") == .promptText)
        #expect(FeatureGroup.of("prompt.duplicate_share") == .behaviour)
        #expect(FeatureGroup.of("logprobs.share") == .behaviour)
        let audit = try Self.audit(SyntheticPopulation(accounts: 300, seed: 3, plantedUA: false))
        for finding in audit.findings {
            #expect(finding.group == FeatureGroup.of(finding.feature))
            #expect(finding.isRawField == (finding.group == .requestField || finding.group == .accountField))
        }
        // Every column of the account table but the id is checked.
        #expect(Set(FeatureGroup.accountFields).isSubset(of: Set(LeakageAudit.rawFields)))
    }

    // MARK: - Per tactic

    /// `alpha` accounts alone use model `m-evil`: the model separates alpha perfectly, beta not
    /// at all, and both together half-way.
    @Test func perTacticAUCSeesWhatTheMixHides() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 2000, seed: 7, plantedUA: false, alphaModel: "m-evil"))
        let model = try #require(audit["model"])
        let alpha = try #require(model.byTactic?["alpha"])
        let beta = try #require(model.byTactic?["beta"])
        #expect(alpha > 0.99, "\(alpha)")
        #expect(abs(beta - 0.5) < 0.07, "\(beta)")
        #expect(model.auc > 0.6 && model.auc < 0.9, "\(model.auc)")
        #expect(audit.topFeatures(for: "alpha", count: 1).first?.feature == "model")
        #expect(audit.tactics == [
            LeakageAudit.TacticCount(tactic: "alpha", positives: 100, silent: 0),
            LeakageAudit.TacticCount(tactic: "beta", positives: 100, silent: 0),
        ])
    }

    /// Every numeric per-tactic AUC recomputed pair by pair on the tactic's positives and every
    /// benign account (Mann–Whitney, ties ½).
    @Test func perTacticAUCAgreesWithAPairByPairComputation() throws {
        let population = SyntheticPopulation(accounts: 300, seed: 13, plantedUA: true, inactive: 9, alphaModel: "m-evil")
        let table = try AccountFeatures.compute(accounts: population.accounts, batches: population.batches)
        let audit = try LeakageAudit(features: table, truth: population.truth)
        let truth = Dictionary(uniqueKeysWithValues: population.truth.accounts.map { ($0.account, $0) })
        for feature in table.features {
            guard case .numeric(let values) = feature.values else { continue }
            for tactic in ["alpha", "beta"] {
                var wins = 0.0
                var pairs = 0.0
                for (p, account) in zip(values, table.accounts) where truth[account]?.tactic == tactic {
                    for (n, other) in zip(values, table.accounts) where truth[other]?.label == .benign {
                        wins += p > n ? 1 : p == n ? 0.5 : 0
                        pairs += 1
                    }
                }
                let found = try #require(audit[feature.name]?.byTactic?[tactic])
                #expect(abs(found - wins / pairs) <= 1e-9, "\(feature.name) \(tactic): \(found) vs \(wins / pairs)")
            }
        }
    }

    // MARK: - Silent positives

    @Test func silentPositivesAreCounted() throws {
        let audit = try Self.audit(SyntheticPopulation(accounts: 400, seed: 5, plantedUA: false, inactive: 4, silentPositives: 3))
        #expect(audit.silentPositives == 3)
        // The first positives are acct-3 (alpha), acct-13 (beta), acct-23 (alpha).
        #expect(audit.tactics.map(\.silent) == [2, 1])
        #expect(audit.positives == 40)
    }
}
