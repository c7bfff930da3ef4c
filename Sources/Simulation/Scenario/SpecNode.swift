import Foundation
import Yams

/// A node of a parsed YAML document that knows where it is, so every error names the file,
/// the line and the key path (DESIGN §3: "validation errors name the file, the key path and
/// what was expected").
public struct SpecNode {
    /// The YAML node.
    public let node: Node
    /// The file named in errors.
    public let file: String
    /// The key path of the node, e.g. `detectors.prada.delta`.
    public let path: String

    /// The root node of `text`.
    public static func root(yaml text: String, file: String) throws(ScenarioError) -> SpecNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: nil, keyPath: "", message: "the file is empty")
            }
            return SpecNode(node: node, file: file, path: "")
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError(file: file, line: error.line, keyPath: "", message: "not valid YAML: \(error.problem)")
        } catch {
            throw ScenarioError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)")
        }
    }

    public func error(_ message: String) -> ScenarioError {
        ScenarioError(file: file, line: node.mark?.line, keyPath: path, message: message)
    }

    private var found: String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func child(_ node: Node, key: String) -> SpecNode {
        SpecNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    // MARK: - Mappings

    /// The keys and values of a mapping, after checking that only `allowed` keys occur.
    public func mapping(allowed: Set<String>) throws(ScenarioError) -> [String: SpecNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(found)") }
        var result: [String: SpecNode] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("expected string keys") }
            let item = child(value, key: key)
            guard allowed.contains(key) else {
                throw ScenarioError(
                    file: file, line: keyNode.mark?.line, keyPath: item.path,
                    message: "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[key] = item
        }
        return result
    }

    /// The pairs of a mapping with free-form keys, in file order.
    public func pairs() throws(ScenarioError) -> [(key: String, value: SpecNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(found)") }
        var result: [(key: String, value: SpecNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("expected string keys") }
            result.append((key, child(value, key: key)))
        }
        return result
    }

    /// The items of a list.
    public func list() throws(ScenarioError) -> [SpecNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list, found \(found)") }
        return sequence.enumerated().map { index, item in
            SpecNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    // MARK: - Scalars

    public func string() throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a string, found \(found)") }
        return scalar.string
    }

    public func int(min: Int? = nil) throws(ScenarioError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: ""))
        else { throw error("expected an integer, found \(found)") }
        if let min, value < min { throw error("expected an integer ≥ \(min), found \(value)") }
        return value
    }

    public func double(min: Double? = nil, max: Double? = nil) throws(ScenarioError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")),
            value.isFinite
        else { throw error("expected a number, found \(found)") }
        if let min, value < min { throw error("expected a number ≥ \(min), found \(scalar.string)") }
        if let max, value > max { throw error("expected a number ≤ \(max), found \(scalar.string)") }
        return value
    }

    public func bool() throws(ScenarioError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false, found \(found)") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, found \(found)")
        }
    }

    /// A duration written as a number and a unit: `90s`, `45m`, `36h`, `7d`, `2w`; milliseconds.
    public func duration() throws(ScenarioError) -> Int64 {
        guard let milliseconds = Self.milliseconds(of: try string()) else {
            throw error("expected a positive duration such as 90s, 45m, 36h, 7d or 2w, found \(found)")
        }
        // Checked in Double before any conversion, so no duration can trap.
        guard milliseconds >= Self.shortestDuration else {
            throw error("expected a duration of at least 1s, found \(found)")
        }
        guard milliseconds <= Self.longestDuration else {
            throw error("expected a duration of at most 100 years (5200w), found \(found)")
        }
        return Int64(milliseconds.rounded())
    }

    /// The milliseconds of a positive duration written `90s`, `45m`, `36h`, `7d` or `2w`, or nil.
    public static func milliseconds(of text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: Double] = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000]
        guard let unit = text.last, let factor = units[unit], let amount = Double(text.dropLast()), amount > 0,
            amount.isFinite
        else { return nil }
        return amount * factor
    }

    /// Durations shorter than a second make empty scenarios; longer than a century, nonsense.
    static let shortestDuration = 1_000.0
    static let longestDuration = 100 * 365.25 * 86_400_000.0

    /// An ISO 8601 instant (`2026-03-02T00:00:00Z`); Unix epoch milliseconds.
    func instant() throws(ScenarioError) -> Int64 {
        let text = try string()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) ?? withFraction.date(from: text) else {
            throw error("expected an ISO 8601 time such as 2026-03-02T00:00:00Z, found \(found)")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .reader(let problem, _, _, _): problem
        default: "\(self)"
        }
    }
}
