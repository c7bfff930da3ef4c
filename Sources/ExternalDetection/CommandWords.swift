/// Splits a command given as one string (`--detector-exec 'python3 "my detector.py" --k 5'`)
/// into words as a POSIX shell does for quoting only: blanks separate words; `'…'` keeps its
/// text as is; `"…"` keeps its text, where `\` escapes `"`, `\`, `$` and `` ` ``; outside quotes
/// `\` escapes the next character. Nothing is expanded (no variables, globs, pipes or
/// redirections): the program is started directly, never through a shell.
public enum CommandWords {
    /// A command that does not split.
    public struct SplitError: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The words of `command`.
    ///
    /// - Throws: ``SplitError`` for an unterminated quote, a trailing `\`, or no word at all.
    public static func split(_ command: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = command.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                guard closed else { throw SplitError(reason: "unterminated ' in command \(command.debugDescription)") }
            case "\"":
                inWord = true
                var closed = false
                while let next = characters.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = characters.next() else { break }
                        if !["\"", "\\", "$", "`"].contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { throw SplitError(reason: "unterminated \" in command \(command.debugDescription)") }
            case "\\":
                guard let escaped = characters.next() else {
                    throw SplitError(reason: "trailing \\ in command \(command.debugDescription)")
                }
                inWord = true
                word.append(escaped)
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw SplitError(reason: "empty command") }
        return words
    }
}
