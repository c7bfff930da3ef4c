import Foundation

/// The lines an external detector writes on its standard output (protocol version 1,
/// `schemas/detector-protocol-v1.json`): first a header, then score updates.
enum ExternalMessages {
    /// The protocol version this harness speaks.
    static let protocolVersion = 1

    /// The first line: who the detector is.
    struct Header: Decodable, Equatable {
        /// The detector's name in results: 1–64 of `a`–`z`, `0`–`9`, `.`, `_`, `-`, starting with
        /// a letter or digit; unique within a run.
        var name: String
        /// The program's own version, recorded in the manifest.
        var version: String
        /// The threshold it recommends: finite and above 0.
        var defaultThreshold: Double
        /// The protocol version it speaks (1 if absent).
        var protocolVersion: Int?

        enum CodingKeys: String, CodingKey {
            case name, version
            case defaultThreshold = "default_threshold"
            case protocolVersion = "protocol"
        }

        /// Why the header cannot be used, or nil.
        var problem: String? {
            if let protocolVersion, protocolVersion != ExternalMessages.protocolVersion {
                return "speaks protocol \(protocolVersion); this harness speaks \(ExternalMessages.protocolVersion)"
            }
            if !Self.isSafeName(name) {
                return "name \(name.debugDescription) is not 1–64 of a–z, 0–9, '.', '_', '-' starting with a letter or digit"
            }
            guard defaultThreshold.isFinite, defaultThreshold > 0 else {
                return "default_threshold \(defaultThreshold) is not a finite number above 0"
            }
            return nil
        }

        static func isSafeName(_ name: String) -> Bool {
            let bytes = Array(name.utf8)
            guard (1...64).contains(bytes.count) else { return false }
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): continue
                case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): if index == 0 { return false }
                default: return false
                }
            }
            return true
        }
    }

    /// A later line: the detector's suspicion of an account at a time (other keys are ignored).
    struct ScoreUpdate: Decodable {
        var account: String
        /// Unix epoch milliseconds, an integer.
        var ts: Int64
        /// Finite and ≥ 0.
        var score: Double
    }

    /// Why a line was refused: one line of text.
    struct Problem: Error {
        var text: String
    }

    /// `line` decoded as `T`, or a one-line reason.
    static func decode<T: Decodable>(_ type: T.Type, from line: ArraySlice<UInt8>) -> Result<T, Problem> {
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(line)))
        } catch {
            return .failure(Problem(text: diagnosis(of: line, keys: T.self == Header.self ? headerKeys : updateKeys)))
        }
    }

    /// The keys a line must have, with their JSON types.
    private static let headerKeys = [("name", "string"), ("version", "string"), ("default_threshold", "number")]
    private static let updateKeys = [("account", "string"), ("ts", "integer"), ("score", "number")]

    /// What is wrong with a line that did not decode: not JSON, not an object, or a key
    /// missing or of the wrong type.
    private static func diagnosis(of line: ArraySlice<UInt8>, keys: [(String, String)]) -> String {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            let text = String(decoding: line, as: UTF8.self)
            if text.contains("NaN") || text.contains("Infinity") {
                return "not JSON: NaN and Infinity are not JSON numbers (a score must be finite)"
            }
            return "not JSON"
        }
        guard let object = parsed as? [String: Any] else { return "not a JSON object" }
        for (key, kind) in keys {
            guard let value = object[key] else { return "key \"\(key)\" is missing" }
            let fits: Bool
            switch kind {
            case "string": fits = value is String
            case "integer":
                let number = (value as? NSNumber).map { $0.doubleValue }
                fits = number.map { $0 == $0.rounded() && abs($0) < 9.2e18 } == true
            default: fits = value is NSNumber
            }
            if !fits {
                return "key \"\(key)\" must be \(kind == "integer" ? "an integer (Unix epoch milliseconds)" : "a \(kind)")"
            }
        }
        return "not a valid line"
    }

    /// The start of `line`, for error messages: at most 80 characters, in quotes, escaped.
    static func excerpt(_ line: ArraySlice<UInt8>) -> String {
        let text = String(decoding: line.prefix(120), as: UTF8.self)
        let short = text.count > 80 ? String(text.prefix(80)) + "…" : text
        return short.debugDescription
    }
}
