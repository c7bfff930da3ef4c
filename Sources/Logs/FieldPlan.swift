import Foundation
import Traffic

/// The compiled rules of one table (requests or accounts): which columns to read, and how each
/// record's columns become field values.
struct FieldPlan<Field: Hashable & Sendable>: Sendable {
    /// A column or a path into a column's JSON object, resolved to the column's position.
    struct PathRef: Sendable {
        var column: Int
        var keys: [String]
        var text: String
    }

    /// One field's compiled rule (a class: read once per record, never copied).
    final class Entry: Sendable {
        let field: Field
        /// The field's position in the plan's field order.
        let slot: Int
        let name: String
        let rule: FieldRule
        let converter: ValueConverter
        let sources: [PathRef]
        let minus: [PathRef]
        let isRequired: Bool

        init(
            field: Field, slot: Int, name: String, rule: FieldRule, converter: ValueConverter, sources: [PathRef],
            minus: [PathRef], isRequired: Bool
        ) {
            self.field = field
            self.slot = slot
            self.name = name
            self.rule = rule
            self.converter = converter
            self.sources = sources
            self.minus = minus
            self.isRequired = isRequired
        }
    }

    /// The top-level columns (JSONL keys, CSV headers) the reader hands over.
    let columns: [String]
    /// Columns a record must have: the one source of a required field with no default.
    let requiredColumns: Set<String>
    let entries: [Entry]
    /// The number of fields in the plan's field order.
    let fieldCount: Int
    /// Readers of nested objects, by the object's path (column and keys joined by NUL).
    private let levels: [String: (keys: [String], reader: RawObjectFields)]

    init(
        rules: [Field: FieldRule], order: [Field], name: (Field) -> String, type: (Field) -> FieldType,
        required: Set<Field>, fileStem: String
    ) {
        var columns: [String] = []
        var index: [String: Int] = [:]
        var levelKeys: [String: [String]] = [:]
        func reference(_ path: SourcePath) -> PathRef {
            let column = path.column
            if index[column] == nil {
                index[column] = columns.count
                columns.append(column)
            }
            var prefix = column
            for key in path.components.dropFirst() {
                if !(levelKeys[prefix]?.contains(key) ?? false) { levelKeys[prefix, default: []].append(key) }
                prefix += "\u{0}" + key
            }
            return PathRef(column: index[column] ?? 0, keys: Array(path.components.dropFirst()), text: path.description)
        }
        var entries: [Entry] = []
        var requiredColumns = Set<String>()
        for (slot, field) in order.enumerated() {
            guard let rule = rules[field] else { continue }
            var sources: [PathRef] = []
            if case .columns(let paths) = rule.source { sources = paths.map(reference) }
            let minus = rule.minus.map(reference)
            let isRequired = required.contains(field) && rule.defaultValue == nil
            if isRequired, case .columns(let paths) = rule.source, paths.count == 1, paths[0].components.count == 1 {
                requiredColumns.insert(paths[0].column)
            }
            let converter = ValueConverter(type: type(field), rule: rule, fileStem: fileStem)
            entries.append(
                Entry(
                    field: field, slot: slot, name: name(field), rule: rule, converter: converter, sources: sources, minus: minus,
                    isRequired: isRequired))
        }
        self.columns = columns
        self.requiredColumns = requiredColumns
        self.entries = entries
        fieldCount = order.count
        levels = levelKeys.mapValues { ($0, RawObjectFields(keys: $0)) }
    }

    /// The values of `record`'s fields, in the plan's field order (nil: the caller's default applies).
    func values(of record: RawRecord, file: String) throws(MappedLineError) -> [FieldValue?] {
        var cache: [String: [String?]] = [:]
        var result = [FieldValue?](repeating: nil, count: fieldCount)
        for entry in entries {
            let value: FieldValue?
            switch entry.rule.source {
            case .columns:
                guard let (text, path) = try first(entry.sources, record: record, file: file, cache: &cache) else {
                    value = try missing(entry, line: record.line, file: file)
                    break
                }
                var minusText: String?
                if !entry.minus.isEmpty {
                    minusText = try first(entry.minus, record: record, file: file, cache: &cache)?.text
                    if minusText == nil {
                        value = try missing(entry, line: record.line, file: file)
                        break
                    }
                }
                value = try convert(entry, text: text, minus: minusText, path: path, line: record.line, file: file)
            case .constant(let text):
                value = entry.converter.convertFixed(text)
            case .line:
                value = try convert(entry, text: String(record.line), minus: nil, path: "line number", line: record.line, file: file)
            case .none:
                if let buckets = entry.rule.hashBuckets {
                    value = .text(entry.converter.bucketName(of: String(record.line), buckets: buckets))
                } else {
                    value = try missing(entry, line: record.line, file: file)
                }
            }
            if let value { result[entry.slot] = value }
        }
        return result
    }

    private func missing(_ entry: Entry, line: Int, file: String) throws(MappedLineError) -> FieldValue? {
        if let fallback = entry.rule.defaultValue { return entry.converter.convertFixed(fallback) }
        guard entry.isRequired else { return nil }
        let names = (entry.sources + entry.minus).map(\.text)
        let field = names.isEmpty ? entry.name : names.joined(separator: " or ")
        throw MappedLineError(kind: .missingField, error: .missingField(file: file, line: line, field: field))
    }

    private func convert(
        _ entry: Entry, text: String, minus: String?, path: String, line: Int, file: String
    ) throws(MappedLineError) -> FieldValue {
        do {
            return try entry.converter.convert(text, minus: minus)
        } catch {
            let kind: MalformedKind
            var expected = "\(entry.converter.type.expectation) for \(entry.name)"
            switch error {
            case .unlisted:
                kind = .badType
                expected = "one of " + entry.rule.values.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + " for \(entry.name)"
            case .badType:
                kind = .badType
            case .badTimestamp:
                kind = .badTimestamp
                let format = entry.rule.timestamp?.rawValue ?? "epoch_ms"
                expected = "a timestamp (\(format)\(entry.rule.assumedZoneSeconds == nil && format == "iso8601" ? " with a zone" : "")) for \(entry.name)"
                if let minus { return try reportTimestamp(entry, text: text, minus: minus, path: path, expected: expected, line: line, file: file) }
            }
            throw MappedLineError(
                kind: kind,
                error: .invalidValue(file: file, line: line, field: path, expected: expected, found: Self.excerpt(text)))
        }
    }

    /// A `minus` conversion failed: name whichever of the two timestamps is bad.
    private func reportTimestamp(
        _ entry: Entry, text: String, minus: String, path: String, expected: String, line: Int, file: String
    ) throws(MappedLineError) -> FieldValue {
        let format = entry.rule.timestamp ?? .epochMilliseconds
        let firstIsBad = ValueText.timestamp(text, format: format, zone: entry.rule.assumedZoneSeconds) == nil
        let field = firstIsBad ? path : entry.minus.map(\.text).joined(separator: " or ")
        throw MappedLineError(
            kind: .badTimestamp,
            error: .invalidValue(file: file, line: line, field: field, expected: expected, found: Self.excerpt(firstIsBad ? text : minus)))
    }

    /// The first of `paths` present and not empty in `record`, with its path's name.
    private func first(
        _ paths: [PathRef], record: RawRecord, file: String, cache: inout [String: [String?]]
    ) throws(MappedLineError) -> (text: String, path: String)? {
        for path in paths {
            guard var text = record.values[path.column] else { continue }
            var prefix = columns[path.column]
            var found = true
            for key in path.keys {
                guard let level = levels[prefix] else {
                    found = false
                    break
                }
                let values: [String?]
                if let cached = cache[prefix] {
                    values = cached
                } else {
                    do {
                        values = try level.reader.values(of: text, file: file, line: record.line)
                    } catch {
                        throw MappedLineError(
                            kind: .badType,
                            error: .invalidValue(
                                file: file, line: record.line, field: prefix.replacingOccurrences(of: "\u{0}", with: "."),
                                expected: "a JSON object (to read \(path.text))", found: Self.excerpt(text)))
                    }
                    cache[prefix] = values
                }
                guard let position = level.keys.firstIndex(of: key), let member = values[position] else {
                    found = false
                    break
                }
                text = member
                prefix += "\u{0}" + key
            }
            if found, !text.isEmpty { return (text, path.text) }
        }
        return nil
    }

    /// At most 40 characters of `text`, quoted and escaped.
    static func excerpt(_ text: String) -> String {
        let cut = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return Terminal.quoted(cut)
    }
}
