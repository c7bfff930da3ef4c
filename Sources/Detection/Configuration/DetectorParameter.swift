/// One settable parameter of a ``DetectorConfiguration``: its name on the command line, what it
/// means, and the typed field it sets, with the values it accepts.
public struct DetectorParameter<Root> {
    /// The name in specs (`min_queries`).
    public let name: String
    /// One line on what it does.
    public let meaning: String
    private let kind: Kind

    private enum Kind {
        case number(WritableKeyPath<Root, Double>, ClosedRange<Double>)
        case integer(WritableKeyPath<Root, Int>, ClosedRange<Int>)
        case flag(WritableKeyPath<Root, Bool>)
        case choice(WritableKeyPath<Root, String>, [String])
        case text(WritableKeyPath<Root, String>)
    }

    /// A real number in `range` (`.leastNonzeroMagnitude` as a lower bound reads "above 0").
    public static func number(
        _ name: String, _ path: WritableKeyPath<Root, Double>, in range: ClosedRange<Double>, _ meaning: String
    ) -> Self {
        Self(name: name, meaning: meaning, kind: .number(path, range))
    }

    /// An integer in `range`.
    public static func integer(
        _ name: String, _ path: WritableKeyPath<Root, Int>, in range: ClosedRange<Int>, _ meaning: String
    ) -> Self {
        Self(name: name, meaning: meaning, kind: .integer(path, range))
    }

    /// `true` or `false`.
    public static func flag(_ name: String, _ path: WritableKeyPath<Root, Bool>, _ meaning: String) -> Self {
        Self(name: name, meaning: meaning, kind: .flag(path))
    }

    /// One of `choices`.
    public static func choice(
        _ name: String, _ path: WritableKeyPath<Root, String>, of choices: [String], _ meaning: String
    ) -> Self {
        Self(name: name, meaning: meaning, kind: .choice(path, choices))
    }

    /// Free text, checked by the detector's initialiser.
    public static func text(_ name: String, _ path: WritableKeyPath<Root, String>, _ meaning: String) -> Self {
        Self(name: name, meaning: meaning, kind: .text(path))
    }

    /// What a value must be, for error messages.
    public var expected: String {
        switch kind {
        case .number(_, let range):
            let lower = range.lowerBound == .leastNonzeroMagnitude ? "above 0" : "from \(Self.format(range.lowerBound))"
            if range.upperBound == .greatestFiniteMagnitude { return "a number \(lower)" }
            return "a number \(lower) to \(Self.format(range.upperBound))"
        case .integer(_, let range):
            if range.upperBound == .max { return "an integer from \(range.lowerBound)" }
            return "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .flag: return "true or false"
        case .choice(_, let choices): return "one of \(choices.joined(separator: ", "))"
        case .text: return "text"
        }
    }

    /// The value in `root`, written canonically (numbers in their shortest form, `100` not `100.0`).
    public func text(of root: Root) -> String {
        switch kind {
        case .number(let path, _): Self.format(root[keyPath: path])
        case .integer(let path, _): String(root[keyPath: path])
        case .flag(let path): String(root[keyPath: path])
        case .choice(let path, _): root[keyPath: path]
        case .text(let path): root[keyPath: path]
        }
    }

    /// Sets the parameter from `text`; false if the text is not an accepted value.
    func assign(_ text: String, to root: inout Root) -> Bool {
        switch kind {
        case .number(let path, let range):
            guard let value = Double(text), value.isFinite, range.contains(value) else { return false }
            root[keyPath: path] = value
        case .integer(let path, let range):
            guard let value = Int(text), range.contains(value) else { return false }
            root[keyPath: path] = value
        case .flag(let path):
            guard let value = Bool(text) else { return false }
            root[keyPath: path] = value
        case .choice(let path, let choices):
            guard choices.contains(text) else { return false }
            root[keyPath: path] = text
        case .text(let path):
            root[keyPath: path] = text
        }
        return true
    }

    /// A number in its shortest round-tripping form, integers without a decimal point.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
