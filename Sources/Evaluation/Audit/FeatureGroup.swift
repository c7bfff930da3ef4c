import Features
/// What kind of evidence a feature of the audit is, which decides whether the trivial-separator
/// rule (``LeakageAudit/trivialThreshold``) applies to it.
///
/// The rule is for **raw fields**: a value the generator writes into a trace column, read on its
/// own. If one such value separates the classes, a detector can learn the generator instead of
/// the behaviour — a defect of the generator (DESIGN §3). It applies to request fields (as the
/// account's modal value) and to every field of the account table, `payment` and `created`
/// included. Derived aggregates are real signals a detector is meant to find and are reported
/// without the rule; among them, how many accounts share an account-table value (a shared
/// payment instrument's degree) is kept apart as ``accountStructure`` so it can be read on its
/// own.
public enum FeatureGroup: String, Sendable, Hashable, Codable, CaseIterable {
    /// A request field's modal value (`ua`, `asn`, …): under the rule.
    case requestField = "request_field"
    /// An account-table field's value (`tier`, `payment`, `created`, …): under the rule.
    case accountField = "account_field"
    /// How many accounts share an account-table value (`payment.sharing`, …): behavioural,
    /// reported apart.
    case accountStructure = "account_structure"
    /// Counts, rates, timing, parameters and outcomes of the account's requests.
    case behaviour
    /// Text and sequence features of the account's prompts (``PromptSequenceFeatures``).
    case promptText = "prompt_text"

    /// Request fields under the rule, as categorical features of the account's modal value.
    public static let requestFields = ["asn", "ip", "ua", "tls", "model", "endpoint", "system"]
    /// Account-table fields under the rule: every column of `accounts.jsonl` but the id.
    public static let accountFields = ["tier", "country", "email_domain", "org", "payment", "signup_ip", "created"]
    /// Sharing degrees of account-table values.
    public static let accountStructureFields = ["org.size", "payment.sharing", "signup_ip.sharing"]

    /// The group of feature `name` (see ``AccountFeatures`` for the names).
    public static func of(_ name: String) -> FeatureGroup {
        if requestFields.contains(name) { return .requestField }
        if accountFields.contains(name) { return .accountField }
        if accountStructureFields.contains(name) { return .accountStructure }
        if PromptSequenceFeatures.featureNames.contains(name) { return .promptText }
        return .behaviour
    }

    /// Whether the trivial-separator rule applies.
    public var isRawField: Bool { self == .requestField || self == .accountField }
}
