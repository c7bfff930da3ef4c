/// A detector's state for each account, indexed by the batch's account codes, growing as new
/// accounts appear (a real log may name accounts outside the table). Memory grows with
/// accounts, never with requests.
public struct PerAccount<Value: Sendable>: Sendable {
    @usableFromInline var storage: [Value] = []
    /// The values, by account code.
    public var values: [Value] { storage }
    /// The value of an account not seen yet.
    public let initial: Value

    public init(_ initial: Value) {
        self.initial = initial
    }

    /// The number of accounts held.
    @inlinable public var count: Int { storage.count }

    /// Makes room for account codes `0 ..< count`.
    @inlinable public mutating func grow(to count: Int) {
        guard count > storage.count else { return }
        storage.append(contentsOf: repeatElement(initial, count: count - storage.count))
    }

    /// The value of account `code`.
    @inlinable public subscript(_ code: UInt32) -> Value {
        get { storage[Int(code)] }
        _modify { yield &storage[Int(code)] }
    }

    /// The value of account `code`.
    @inlinable public subscript(_ code: Int) -> Value {
        get { storage[code] }
        _modify { yield &storage[code] }
    }
}
