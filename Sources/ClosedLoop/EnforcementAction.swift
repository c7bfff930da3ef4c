/// What a policy does to an account it flags (DESIGN §7).
public enum EnforcementAction: Sendable, Hashable, CustomStringConvertible {
    /// Refuse every later request (403).
    case ban
    /// Serve at most `perMinute` requests a minute (429 beyond).
    case throttle(perMinute: Int)
    /// Serve truncated completions (``Simulation/AccountControl/degradedCompletionTokens``).
    case degrade

    /// Parses `ban`, `throttle(rate=R)` or `degrade`.
    public init(parsing text: String) throws(EnforcementError) {
        let trimmed = text.filter { !$0.isWhitespace }
        switch trimmed {
        case "ban": self = .ban
        case "degrade": self = .degrade
        default:
            guard trimmed.hasPrefix("throttle(rate="), trimmed.hasSuffix(")"),
                let rate = Int(trimmed.dropFirst("throttle(rate=".count).dropLast()), rate >= 1
            else {
                throw EnforcementError("--action: expected ban, throttle(rate=R) with R ≥ 1 requests a minute, or degrade; found \"\(text)\"")
            }
            self = .throttle(perMinute: rate)
        }
    }

    public var description: String {
        switch self {
        case .ban: "ban"
        case .throttle(let rate): "throttle(rate=\(rate))"
        case .degrade: "degrade"
        }
    }
}

/// A bad enforcement option, in one line.
public struct EnforcementError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
