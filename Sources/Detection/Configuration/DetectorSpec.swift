/// A detector as the user names it: `name` or `name(param=value,…)` (DESIGN §4). A list is
/// specs separated by commas outside parentheses: `volume,prada(delta=0.92,min_queries=100)`.
public struct DetectorSpec: Sendable, Hashable {
    /// The catalogue name.
    public var name: String
    /// The parameters as written, in order.
    public var parameters: [Assignment]

    /// One `param=value`.
    public struct Assignment: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, parameters: [Assignment] = []) {
        self.name = name
        self.parameters = parameters
    }

    /// Parses a comma-separated list of specs.
    ///
    /// - Throws: ``DetectorError/syntax(_:)`` for unbalanced parentheses, a parameter without
    ///   `=`, a parameter set twice or an empty entry; ``DetectorError/empty(known:)`` for an
    ///   empty list.
    public static func list(_ text: String, known: [String]) throws(DetectorError) -> [DetectorSpec] {
        var entries: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "(":
                depth += 1
                guard depth == 1 else { throw .syntax("nested \"(\" in \"\(text)\"") }
            case ")":
                depth -= 1
                guard depth == 0 else { throw .syntax("\")\" without \"(\" in \"\(text)\"") }
            case "," where depth == 0:
                entries.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        guard depth == 0 else { throw .syntax("\"(\" without \")\" in \"\(text)\"") }
        entries.append(text[start...])
        let trimmed = entries.map { $0.trimmingWhitespace() }
        guard trimmed.contains(where: { !$0.isEmpty }) else { throw .empty(known: known) }
        return try trimmed.map { entry throws(DetectorError) in try DetectorSpec(parsing: entry) }
    }

    /// Parses one spec.
    init(parsing entry: Substring) throws(DetectorError) {
        guard !entry.isEmpty else { throw .syntax("an empty entry in the detector list") }
        guard let open = entry.firstIndex(of: "(") else {
            self.init(name: String(entry))
            return
        }
        guard entry.last == ")" else { throw .syntax("\"\(entry)\": text after \")\"") }
        let name = String(entry[..<open].trimmingWhitespace())
        let inside = entry[entry.index(after: open)..<entry.index(before: entry.endIndex)]
        var parameters: [Assignment] = []
        for item in inside.split(separator: ",", omittingEmptySubsequences: false) {
            let item = item.trimmingWhitespace()
            if item.isEmpty, inside.trimmingWhitespace().isEmpty { continue }
            guard let equals = item.firstIndex(of: "=") else {
                throw .syntax("\(name): \"\(item)\" is not param=value")
            }
            let key = String(item[..<equals].trimmingWhitespace())
            let value = String(item[item.index(after: equals)...].trimmingWhitespace())
            guard !key.isEmpty, !value.isEmpty else { throw .syntax("\(name): \"\(item)\" is not param=value") }
            guard !parameters.contains(where: { $0.name == key }) else {
                throw .syntax("\(name): parameter \"\(key)\" is set twice")
            }
            parameters.append(Assignment(name: key, value: value))
        }
        self.init(name: name, parameters: parameters)
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
