/// Whether a text contains any of a fixed set of phrases, decided in one pass over its UTF-8
/// bytes, whatever the number of phrases.
///
/// Method: an Aho–Corasick automaton (Aho & Corasick, "Efficient string matching: an aid to
/// bibliographic search", CACM 18(6), 1975) over bytes, with its failure links folded into a
/// dense transition table. Bytes that occur in no phrase share one column (they always lead back
/// to the root), so the table has one row per trie node and one column per distinct phrase byte.
///
/// Matching ignores the case of ASCII letters only (`A`–`Z` fold to `a`–`z`, in the phrases and
/// in the text); other bytes must match exactly, so write non-ASCII phrases in the case they are
/// expected in (`étape`, not `Étape`). Tabs and line breaks read as spaces, and a text is read as
/// if preceded by a space, so a phrase written with a leading space (" rate the answer") matches
/// at the start of a word only, the text's first word included.
public struct PhraseMatcher: Sendable {
    /// The column of each byte value (0: a byte of no phrase).
    private let column: [UInt8]
    /// The number of columns.
    private let columns: Int
    /// `state * columns + column` → next state, or −1 when the next state completes a phrase
    /// (directly or through its failure links): matching stops there.
    private let transitions: [Int32]
    /// The state after the space a text is read as preceded by.
    private let start: Int

    /// A matcher of `phrases`; empty phrases are ignored.
    ///
    /// - Precondition: at most 255 distinct bytes over all phrases (always true of text).
    public init(phrases: [String]) {
        let patterns = phrases.map { Array($0.utf8).map(Self.fold) }.filter { $0.contains { $0 != UInt8(ascii: " ") } }
        var column = [UInt8](repeating: 0, count: 256)
        var columns = 1
        for byte in patterns.joined() where column[Int(byte)] == 0 {
            column[Int(byte)] = UInt8(columns)
            columns += 1
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { column[Int(upper)] = column[Int(upper | 0x20)] }
        let space = column[Int(UInt8(ascii: " "))]
        for blank in [UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")] { column[Int(blank)] = space }

        // The trie: children by column, -1 = none.
        var children: [Int32] = Array(repeating: -1, count: columns)
        var accepting = [false]
        for pattern in patterns {
            var state = 0
            for byte in pattern {
                let slot = state * columns + Int(column[Int(byte)])
                if children[slot] < 0 {
                    children[slot] = Int32(accepting.count)
                    accepting.append(false)
                    children.append(contentsOf: repeatElement(-1, count: columns))
                }
                state = Int(children[slot])
            }
            accepting[state] = true
        }

        // Breadth-first: a missing child of a state goes where its failure link's child goes.
        var transitions = children
        var failure = [Int](repeating: 0, count: accepting.count)
        var queue: [Int] = []
        for c in 0..<columns {
            if transitions[c] < 0 {
                transitions[c] = 0
            } else {
                queue.append(Int(transitions[c]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            accepting[state] = accepting[state] || accepting[failure[state]]
            for c in 0..<columns {
                let slot = state * columns + c
                let fallback = transitions[failure[state] * columns + c]
                if children[slot] < 0 {
                    transitions[slot] = fallback
                } else {
                    let child = Int(children[slot])
                    failure[child] = Int(fallback)
                    queue.append(child)
                }
            }
        }
        self.column = column
        self.columns = columns
        // No phrase is blank, so the state after one space never completes a phrase.
        start = Int(transitions[Int(space)])
        self.transitions = transitions.map { accepting[Int($0)] ? -1 : $0 }
    }

    /// Whether `text` contains one of the phrases.
    public func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        column.withUnsafeBufferPointer { column in
            transitions.withUnsafeBufferPointer { transitions in
                var state = start
                for byte in text {
                    let next = transitions[state &* columns &+ Int(column[Int(byte)])]
                    if next < 0 { return true }
                    state = Int(next)
                }
                return false
            }
        }
    }

    /// Whether `text` contains one of the phrases.
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
