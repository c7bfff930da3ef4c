/// The built-in detectors by name, with a one-line description each.
public enum DetectorCatalog {
    /// A built-in detector's entry.
    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        public var make: @Sendable () -> any Detector
    }

    public static let all: [Entry] = [
        Entry(name: "null", summary: "scores nothing: the floor every metric is read against", make: { NullDetector() }),
        Entry(
            name: "volume", summary: "requests and completion tokens per account in a sliding hour, against limits",
            make: { VolumeDetector() }),
        Entry(
            name: "parameter-abuse",
            summary: "share of requests with logprobs, top_logprobs ≥ 10, logit bias, n > 1 or max_tokens 1",
            make: { ParameterAbuseDetector() }),
    ]

    /// The detectors named in `list` (comma-separated, or `all`).
    ///
    /// - Throws: ``DetectorError/unknown(_:known:)`` for a name not in the catalogue.
    public static func detectors(_ list: String) throws(DetectorError) -> [any Detector] {
        if list == "all" { return all.map { $0.make() } }
        return try list.split(separator: ",").map { name throws(DetectorError) in
            let name = name.trimmingCharacters(in: .whitespaces)
            guard let entry = all.first(where: { $0.name == name }) else {
                throw .unknown(name, known: all.map(\.name))
            }
            return entry.make()
        }
    }
}

/// Errors naming detectors.
public enum DetectorError: Error, Equatable, CustomStringConvertible {
    case unknown(String, known: [String])

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "unknown detector \"\(name)\"; expected one of \(known.joined(separator: ", ")) or all"
        }
    }
}

import Foundation
