/// Per-account features of a trace (``AccountFeatures``' output): one ``Feature`` per name,
/// each with a value for every account of the account table, in table order.
public struct FeatureTable: Sendable, Equatable {
    /// Account ids, in account-table order.
    public let accounts: [String]
    /// The features, in ``AccountFeatures/featureNames`` order.
    public let features: [Feature]

    private let featureIndex: [String: Int]
    private let accountIndex: [String: Int]

    /// A table of `features` over `accounts`.
    ///
    /// - Precondition: every feature has one value per account; names and accounts are unique.
    public init(accounts: [String], features: [Feature]) {
        precondition(features.allSatisfy { $0.count == accounts.count }, "a feature lacks values for some accounts")
        self.accounts = accounts
        self.features = features
        featureIndex = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($0.element.name, $0.offset) })
        accountIndex = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($0.element, $0.offset) })
    }

    /// The feature called `name`.
    public subscript(name: String) -> Feature? {
        featureIndex[name].map { features[$0] }
    }

    /// The values of numeric feature `name`, in account order; nil if there is no such numeric feature.
    public func numeric(_ name: String) -> [Double]? {
        guard case .numeric(let values)? = self[name]?.values else { return nil }
        return values
    }

    /// The value of numeric feature `name` for `account`.
    public func value(_ name: String, of account: String) -> Double? {
        guard let index = accountIndex[account] else { return nil }
        return numeric(name)?[index]
    }

    /// The category of categorical feature `name` for `account`.
    public func category(_ name: String, of account: String) -> String? {
        guard let index = accountIndex[account], case .categorical(let codes, let categories)? = self[name]?.values
        else { return nil }
        return categories[Int(codes[index])]
    }
}
