import Foundation

/// A one-line account of why JSON bytes could not be decoded, with the line and the key path
/// (issue 8, item 8: "The given data was not valid JSON." names neither).
public struct JSONProblem: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of a syntax error, when known.
    public var line: Int?
    /// What is wrong, and where in the document's keys.
    public var message: String

    /// Describes `error`, thrown by `JSONDecoder` while decoding `data`.
    public init(_ error: any Error, data: Data) {
        guard let decoding = error as? DecodingError else {
            message = Terminal.escaped("\(error)")
            return
        }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            let at = path(context)
            message = "missing key \(Terminal.quoted(key.stringValue))" + (at.isEmpty ? "" : " at \(Terminal.escaped(at))")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            message = "\(Terminal.escaped(path(context))): \(context.debugDescription)"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            (line, message) = Self.syntax(data)
        case .dataCorrupted(let context):
            message = "\(Terminal.escaped(path(context))): \(context.debugDescription)"
        @unknown default:
            message = Terminal.escaped("\(decoding)")
        }
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }

    /// Where `JSONSerialization` stops in `data`: its "around character N" turned into a line
    /// and column.
    static func syntax(_ data: Data) -> (Int?, String) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let range = detail.range(of: "around character "),
                let offset = Int(detail[range.upperBound...].prefix { $0.isNumber }), offset <= data.count
            else { return (nil, "not valid JSON: " + Terminal.escaped(detail)) }
            let before = data.prefix(offset)
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            let what = detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            return (line, "not valid JSON: \(what.lowercased()) at column \(column)")
        }
        return (nil, "not valid JSON for its layout")
    }
}
