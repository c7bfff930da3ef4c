/// One per-account feature of the leakage audit: a name and a value for every account of the
/// account table, in table order.
public struct Feature: Sendable, Hashable {
    /// Whether values are numbers or categories.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A number per account; separation is the AUC of the number itself.
        case numeric
        /// A category per account; separation is the AUC of its cross-fitted target encoding.
        case categorical
    }

    /// The values, one per account.
    public enum Values: Sendable, Hashable {
        /// A finite number per account.
        case numeric([Double])
        /// `codes[i]` is the index in `categories` of account `i`'s value.
        case categorical(codes: [UInt32], categories: [String])
    }

    /// Stable snake_case name, e.g. `ua` (modal user agent), `ua.distinct`, `logprobs.share`.
    public var name: String
    /// The values, in account-table order.
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    /// Numeric or categorical.
    public var kind: Kind {
        switch values {
        case .numeric: .numeric
        case .categorical: .categorical
        }
    }

    /// A categorical feature from one string per account, categories numbered in order of
    /// first appearance.
    static func categorical(_ name: String, values: [String]) -> Feature {
        var index: [String: UInt32] = [:]
        var categories: [String] = []
        let codes = values.map { value in
            if let code = index[value] { return code }
            let code = UInt32(categories.count)
            index[value] = code
            categories.append(value)
            return code
        }
        return Feature(name: name, values: .categorical(codes: codes, categories: categories))
    }

    /// The number of accounts.
    public var count: Int {
        switch values {
        case .numeric(let values): values.count
        case .categorical(let codes, _): codes.count
        }
    }
}
