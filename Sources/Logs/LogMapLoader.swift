import Foundation
import Traffic

/// Reads and checks map files (YAML): how a gateway's log maps onto the trace's fields.
///
/// ```yaml
/// format: csv                 # jsonl or csv; default: the log's extension
/// zone: "+00:00"              # zone of ISO 8601 timestamps written without one
/// fields:
///   id: {from: request_id}
///   ts: {from: startTime, timestamp: iso8601}
///   account: {from: [metadata.user_api_key_user_id, user, api_key]}
///   prompt_tokens: prompt_tokens          # short for {from: prompt_tokens}
///   status: {from: status, values: {success: 200, failure: 500}}
///   latency_ms: {from: endTime, minus: startTime, timestamp: iso8601}
/// accounts:                   # optional: the account table is mapped too
///   fields: {account: {from: user_id}, org: {from: team_id}}
/// ```
///
/// Unknown keys and unknown fields are errors naming the file, line and key path.
public enum LogMapLoader {
    static let topKeys = ["format", "description", "zone", "fields", "accounts"]
    static let accountKeys = ["format", "zone", "fields"]
    static let ruleKeys = [
        "from", "constant", "line", "timestamp", "zone", "minus", "values", "otherwise", "default", "hash_buckets",
        "prefix", "scale",
    ]

    /// Loads the map at `path`.
    public static func load(path: String) throws(LogMapError) -> LogMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LogMapError(file: path, line: nil, keyPath: "", message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LogMapError(file: path, line: nil, keyPath: "", message: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses map text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(LogMapError) -> LogMap {
        let root = try MapNode.root(yaml: text, file: file)
        var format: TraceFormat?
        var description = ""
        var zone: Int?
        var fieldsNode: MapNode?
        var accountsNode: MapNode?
        for (key, node) in try root.mapping(allowed: topKeys) {
            switch key {
            case "format": format = try self.format(node)
            case "description": description = try node.text()
            case "zone": zone = try self.zone(node)
            case "fields": fieldsNode = node
            default: accountsNode = node
            }
        }
        guard let fieldsNode else {
            throw LogMapError(file: file, line: nil, keyPath: "fields", message: "missing required key")
        }
        var fields: [RequestField: FieldRule] = [:]
        let names = RequestField.allCases.map(\.name)
        for (key, node) in try fieldsNode.mapping(allowed: names, describe: "field") {
            guard let field = RequestField(rawValue: key) else { continue }
            fields[field] = try rule(node, type: FieldType.of(field), zone: zone)
        }
        for required in [RequestField.ts, .account] where fields[required] == nil {
            throw fieldsNode.error("missing required field \"\(required.name)\" (say where it comes from)")
        }
        if fields[.id] == nil { fields[.id] = FieldRule(source: .line) }

        var accountFields: [AccountField: FieldRule]?
        var accountFormat: TraceFormat?
        if let accountsNode {
            var accountZone = zone
            var table: [AccountField: FieldRule] = [:]
            var tableNode: MapNode?
            for (key, node) in try accountsNode.mapping(allowed: accountKeys) {
                switch key {
                case "format": accountFormat = try self.format(node)
                case "zone": accountZone = try self.zone(node)
                default: tableNode = node
                }
            }
            guard let tableNode else {
                throw accountsNode.error("missing required key \"fields\"")
            }
            let accountNames = AccountField.allCases.map(\.name)
            for (key, node) in try tableNode.mapping(allowed: accountNames, describe: "field") {
                guard let field = AccountField(rawValue: key) else { continue }
                table[field] = try rule(node, type: FieldType.of(field), zone: accountZone)
            }
            guard table[.account] != nil else { throw tableNode.error("missing required field \"account\"") }
            accountFields = table
        }
        let map = LogMap(
            format: format, description: description, fields: fields, accountFields: accountFields,
            accountFormat: accountFormat, file: file)
        let columns = Set(map.fields.values.flatMap(\.paths).map(\.column))
        guard columns.count <= 64 else {
            throw fieldsNode.error("reads \(columns.count) columns; at most 64 are supported")
        }
        return map
    }

    private static func format(_ node: MapNode) throws(LogMapError) -> TraceFormat {
        let text = try node.text()
        guard let format = TraceFormat(rawValue: text) else {
            throw node.error("expected jsonl or csv, found \(node.found)")
        }
        return format
    }

    private static func zone(_ node: MapNode) throws(LogMapError) -> Int {
        guard let zone = ValueText.zone(try node.text()) else {
            throw node.error("expected a zone such as UTC, Z, +00:00 or -05:00, found \(node.found)")
        }
        return zone
    }

    // MARK: - Rules

    /// The rule of one field of type `type`.
    static func rule(_ node: MapNode, type: FieldType, zone: Int?) throws(LogMapError) -> FieldRule {
        if node.isScalar {
            return try check(
                FieldRule(source: .columns([SourcePath(try node.text())]), timestamp: type == .timestamp ? .epochMilliseconds : nil,
                    assumedZoneSeconds: zone),
                node: node, type: type)
        }
        var rule = FieldRule(source: .none, assumedZoneSeconds: zone)
        var sources: [String] = []
        for (key, item) in try node.mapping(allowed: ruleKeys) {
            switch key {
            case "from":
                let paths = try item.texts()
                for path in paths where path.isEmpty || path.split(separator: ".", omittingEmptySubsequences: false).contains("") {
                    throw item.error("expected a column name or a dotted path, found \"\(path)\"")
                }
                rule.source = .columns(paths.map(SourcePath.init))
                sources.append(key)
            case "constant":
                rule.source = .constant(try item.text())
                sources.append(key)
            case "line":
                guard try item.boolean() else { throw item.error("expected true (or leave the key out)") }
                rule.source = .line
                sources.append(key)
            case "timestamp":
                let text = try item.text()
                guard let format = FieldRule.TimestampFormat(rawValue: text) else {
                    throw item.error("expected one of epoch_s, epoch_ms, iso8601, found \(item.found)")
                }
                rule.timestamp = format
            case "zone":
                rule.assumedZoneSeconds = try self.zone(item)
            case "minus":
                rule.minus = try item.texts().map(SourcePath.init)
            case "values":
                for (source, target) in try item.mapping(allowed: nil, describe: "value") {
                    rule.values[source] = try target.text()
                }
            case "otherwise":
                rule.otherwise = try item.text()
            case "default":
                rule.defaultValue = try item.text()
            case "hash_buckets":
                rule.hashBuckets = try item.positiveInteger(maximum: 1_000_000)
            case "prefix":
                rule.prefix = try item.text()
            default:
                let text = try item.text()
                guard let scale = Double(text), scale.isFinite, scale != 0 else {
                    throw item.error("expected a non-zero number, found \(item.found)")
                }
                rule.scale = scale
            }
        }
        guard sources.count <= 1 else {
            throw node.error("give one of from, constant, line (found \(sources.joined(separator: " and ")))")
        }
        if type == .timestamp, rule.timestamp == nil { rule.timestamp = .epochMilliseconds }
        return try check(rule, node: node, type: type)
    }

    /// Checks that `rule`'s keys suit `type` and that its fixed values convert.
    private static func check(_ rule: FieldRule, node: MapNode, type: FieldType) throws(LogMapError) -> FieldRule {
        let isText = type == .text
        if !rule.minus.isEmpty {
            guard case .integer = type else { throw node.error("minus: only for integer fields (e.g. latency_ms)") }
            guard rule.timestamp != nil else { throw node.error("minus: give the timestamp format of both columns") }
            guard case .columns = rule.source else { throw node.error("minus: needs from") }
        } else if rule.timestamp != nil, type != .timestamp {
            throw node.error("timestamp: only for ts, created, or with minus")
        }
        if rule.hashBuckets != nil, !isText { throw node.error("hash_buckets: only for text fields") }
        if !rule.prefix.isEmpty, !isText { throw node.error("prefix: only for text fields") }
        if rule.scale != nil {
            switch type {
            case .integer, .number: break
            default: throw node.error("scale: only for number fields")
            }
        }
        if case .none = rule.source, rule.defaultValue == nil, rule.hashBuckets == nil {
            throw node.error("give one of from, constant, line or default")
        }
        let converter = ValueConverter(type: type, rule: rule)
        var fixed: [(String, String)] = rule.values.map { ("values.\($0.key)", $0.value) }
        if let otherwise = rule.otherwise { fixed.append(("otherwise", otherwise)) }
        if let value = rule.defaultValue { fixed.append(("default", value)) }
        if case .constant(let value) = rule.source { fixed.append(("constant", value)) }
        for (key, value) in fixed where converter.convertFixed(value) == nil {
            throw node.error("\(key): expected \(type.expectation), found \"\(value)\"")
        }
        return rule
    }
}
