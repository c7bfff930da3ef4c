/// Errors naming detectors and their parameters; each ``description`` is one line.
public enum DetectorError: Error, Equatable, CustomStringConvertible {
    case unknown(String, known: [String])
    /// The list names no detector (`--detectors ""`).
    case empty(known: [String])
    /// The list names one configuration twice; its results would be written over each other.
    case duplicate(String)
    /// A spec that does not parse.
    case syntax(String)
    case unknownParameter(detector: String, parameter: String, known: [String])
    case badValue(detector: String, parameter: String, expected: String, found: String)
    /// Parameters that are each valid but not together.
    case inconsistent(detector: String, reason: String)
    /// A detector failed while running.
    case failed(detector: String, reason: String)
    /// A detector ran out of its time (an external program past `--detector-timeout`).
    case timedOut(detector: String, reason: String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "unknown detector \"\(name)\"; expected one of \(known.joined(separator: ", ")) or all"
        case .empty(let known):
            "--detectors: expected one or more of \(known.joined(separator: ", ")) or all, found an empty list"
        case .duplicate(let name):
            "--detectors: \"\(name)\" is listed twice"
        case .syntax(let reason):
            "--detectors: \(reason)"
        case .unknownParameter(let detector, let parameter, let known):
            known.isEmpty
                ? "detector \"\(detector)\" has no parameters; found \"\(parameter)\""
                : "detector \"\(detector)\": unknown parameter \"\(parameter)\"; expected one of \(known.joined(separator: ", "))"
        case .badValue(let detector, let parameter, let expected, let found):
            "detector \"\(detector)\": parameter \"\(parameter)\": expected \(expected), found \"\(found)\""
        case .inconsistent(let detector, let reason):
            "detector \"\(detector)\": \(reason)"
        case .failed(let detector, let reason):
            "detector \"\(detector)\" failed: \(reason)"
        case .timedOut(let detector, let reason):
            "detector \"\(detector)\" timed out: \(reason)"
        }
    }
}
