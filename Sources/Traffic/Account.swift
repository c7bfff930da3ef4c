/// One line of `accounts.jsonl`: what a provider's account table knows about an API customer
/// (DESIGN §2). Nothing here says whether the account is benign.
public struct Account: Sendable, Hashable, Codable {
    /// The account id, as it appears in the `account` field of requests.
    public var id: String
    /// The organisation the account belongs to (several accounts may share one).
    public var org: String
    /// Creation time, Unix epoch milliseconds.
    public var created: Int64
    /// Billing tier.
    public var tier: Tier
    /// Payment-instrument fingerprint (shared by accounts paying with the same card).
    public var payment: String
    /// Domain of the sign-up e-mail address.
    public var emailDomain: String
    /// ISO 3166-1 alpha-2 country of the billing address.
    public var country: String
    /// Network prefix token of the sign-up address.
    public var signupIP: String

    public init(
        id: String, org: String, created: Int64, tier: Tier, payment: String,
        emailDomain: String, country: String, signupIP: String
    ) {
        self.id = id
        self.org = org
        self.created = created
        self.tier = tier
        self.payment = payment
        self.emailDomain = emailDomain
        self.country = country
        self.signupIP = signupIP
    }

    enum CodingKeys: String, CodingKey {
        case id = "account", org, created, tier, payment
        case emailDomain = "email_domain", country
        case signupIP = "signup_ip"
    }
}

extension Account {
    /// The record of an account that a log's requests name but no account table describes
    /// (DESIGN §2: "missing optional fields get documented defaults"): its own id as org,
    /// created at 0, tier `free`, every other field empty.
    public static func unknown(id: String) -> Account {
        Account(id: id, org: id, created: 0, tier: .free, payment: "", emailDomain: "", country: "", signupIP: "")
    }
}
