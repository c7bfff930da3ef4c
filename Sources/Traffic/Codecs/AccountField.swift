/// The fields of an account, in the column order of `accounts.jsonl` and `accounts.csv`
/// (DESIGN §2; the names of `Account.CodingKeys`).
public enum AccountField: String, Sendable, CaseIterable {
    case account, org, created, tier, payment
    case emailDomain = "email_domain"
    case country
    case signupIP = "signup_ip"

    /// The name as written in trace files.
    public var name: String { rawValue }
}
