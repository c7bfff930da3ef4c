import Yams

/// A node of a parsed map file that knows its key path, so every error names the file, the
/// line and the key.
struct MapNode {
    let node: Node
    let file: String
    let path: String

    /// The root of `text`.
    static func root(yaml text: String, file: String) throws(LogMapError) -> MapNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw LogMapError(file: file, line: nil, keyPath: "", message: "the file is empty")
            }
            return MapNode(node: node, file: file, path: "")
        } catch let error as LogMapError {
            throw error
        } catch let error as YamlError {
            throw LogMapError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)".replacingNewlines())
        } catch {
            throw LogMapError(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)".replacingNewlines())
        }
    }

    func error(_ message: String) -> LogMapError {
        LogMapError(file: file, line: node.mark?.line, keyPath: path, message: message)
    }

    var found: String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The entries of a mapping, in file order, after checking that only `allowed` keys occur
    /// (`describe` names what the keys are, for the error).
    func mapping(allowed: [String]?, describe: String = "key") throws(LogMapError) -> [(key: String, node: MapNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(found)") }
        var result: [(String, MapNode)] = []
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw error("expected text keys") }
            let item = MapNode(node: value, file: file, path: path.isEmpty ? key : "\(path).\(key)")
            if let allowed, !allowed.contains(key) {
                throw LogMapError(
                    file: file, line: keyNode.mark?.line, keyPath: item.path,
                    message: "unknown \(describe); expected one of \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else { throw item.error("\(describe) given twice") }
            result.append((key, item))
        }
        return result
    }

    /// Whether the node is a single value (not a mapping or list).
    var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    /// A scalar's text.
    func text() throws(LogMapError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a value, found \(found)") }
        return scalar.string
    }

    /// One text or a list of texts.
    func texts() throws(LogMapError) -> [String] {
        if case .sequence(let sequence) = node {
            var result: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else { throw error("expected a list of names, found a nested value") }
                result.append(scalar.string)
            }
            guard !result.isEmpty else { throw error("expected at least one name") }
            return result
        }
        return [try text()]
    }

    /// A positive integer up to `maximum`.
    func positiveInteger(maximum: Int) throws(LogMapError) -> Int {
        let text = try text()
        guard let value = Int(text), value >= 1, value <= maximum else {
            throw error("expected an integer from 1 to \(maximum), found \"\(text)\"")
        }
        return value
    }

    /// `true` or `false`.
    func boolean() throws(LogMapError) -> Bool {
        switch try text().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("expected true or false, found \(found)")
        }
    }
}

extension String {
    /// The text on one line.
    func replacingNewlines() -> String {
        split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
