import Synchronization

/// An append-only table that gives each distinct string a dense code (0, 1, 2, …).
///
/// Low-cardinality request fields (account, key, ip, user agent, TLS fingerprint, model,
/// endpoint, system-prompt hash) travel through the pipeline as codes, so detectors compare
/// integers, never strings. The table is shared by reference by every batch of one trace and
/// only grows, so a code handed out once stays valid for the whole run.
public final class Interner: Sendable {
    private struct State {
        var strings: [String] = []
        var codes: [String: UInt32] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty table, or one holding `strings` at codes 0, 1, … in that order.
    ///
    /// Duplicates in `strings` keep the code of their first occurrence.
    public init(_ strings: some Sequence<String> = []) {
        for string in strings { _ = code(for: string) }
    }

    /// The code of `string`, adding it if it is new.
    public func code(for string: String) -> UInt32 {
        state.withLock { state in
            if let code = state.codes[string] { return code }
            let code = UInt32(state.strings.count)
            state.strings.append(string)
            state.codes[string] = code
            return code
        }
    }

    /// The code of `string` if it is in the table.
    public func existingCode(for string: String) -> UInt32? {
        state.withLock { $0.codes[string] }
    }

    /// The string with `code`. Traps on a code this table never handed out.
    public subscript(code: UInt32) -> String {
        state.withLock { $0.strings[Int(code)] }
    }

    /// How many strings the table holds.
    public var count: Int { state.withLock { $0.strings.count } }

    /// The strings with codes `from ..< count`, in code order: one lock for many look-ups
    /// (writers cache what they have already seen).
    public func strings(from start: Int) -> ArraySlice<String> {
        state.withLock { $0.strings[min(start, $0.strings.count)...] }
    }
}
