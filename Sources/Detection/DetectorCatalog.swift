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
        let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard names.contains(where: { !$0.isEmpty }) else { throw .empty(known: all.map(\.name)) }
        var seen = Set<String>()
        return try names.map { name throws(DetectorError) in
            guard let entry = all.first(where: { $0.name == name }) else {
                throw .unknown(name, known: all.map(\.name))
            }
            guard seen.insert(name).inserted else { throw .duplicate(name) }
            return entry.make()
        }
    }
}

/// Errors naming detectors.
public enum DetectorError: Error, Equatable, CustomStringConvertible {
    case unknown(String, known: [String])
    /// The list names no detector (`--detectors ""`).
    case empty(known: [String])
    /// The list names a detector twice; its results would be written over each other.
    case duplicate(String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "unknown detector \"\(name)\"; expected one of \(known.joined(separator: ", ")) or all"
        case .empty(let known):
            "--detectors: expected one or more of \(known.joined(separator: ", ")) or all, found an empty list"
        case .duplicate(let name):
            "--detectors: \"\(name)\" is listed twice"
        }
    }
}

import Foundation
