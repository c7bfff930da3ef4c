import Foundation
import Traffic

/// `truth.json`: the labels of every account and the campaigns (DESIGN §2). Written by the
/// simulation, read by the evaluator, never seen by a detector.
public struct GroundTruth: Sendable, Hashable, Codable {
    /// Layout version of `truth.json`.
    public var schemaVersion: Int = 1
    /// One entry per account of the account table, sorted by account id.
    public var accounts: [AccountTruth]
    /// The campaigns, sorted by id.
    public var campaigns: [CampaignTruth]

    public init(accounts: [AccountTruth], campaigns: [CampaignTruth]) {
        self.accounts = accounts
        self.campaigns = campaigns
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", accounts, campaigns
    }

    /// The JSON bytes of `truth.json`: stable key order, one account per line-friendly layout.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads `truth.json` at `url`.
    public static func read(from url: URL) throws(GroundTruthError) -> GroundTruth {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .malformed(file: url.relativePath, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, file: url.relativePath)
    }

    /// Decodes `truth.json` bytes; `file` names the source in errors.
    public static func decode(_ data: Data, file: String) throws(GroundTruthError) -> GroundTruth {
        if let duplicate = JSONDuplicateKey.first(in: data) {
            throw .malformed(file: "\(file):\(duplicate.line)", reason: "duplicate key \(Terminal.quoted(duplicate.key))")
        }
        do {
            return try JSONDecoder().decode(GroundTruth.self, from: data)
        } catch {
            let problem = JSONProblem(error, data: data)
            throw .malformed(file: file + (problem.line.map { ":\($0)" } ?? ""), reason: problem.message)
        }
    }
}

/// Errors reading ground truth.
public enum GroundTruthError: Error, Equatable, CustomStringConvertible {
    case malformed(file: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let file, let reason): "\(file): \(reason)"
        }
    }
}
