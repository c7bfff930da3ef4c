import Detection
import Evaluation
import Foundation

/// A results folder read back (DESIGN §6): manifest, summary and sweeps — what `report` and
/// `compare` work from. Reading never writes.
public struct ResultsFolder: Sendable {
    /// The folder.
    public let url: URL
    public let manifest: ResultsManifest
    public let summary: ResultsSummary
    /// Sweeps by file name of the detector (``DetectorFileName``), for those that have one.
    public let sweeps: [String: SweepTable]

    /// Reads the folder at `url`; errors name the file and the key or line at fault.
    public init(url: URL) throws(ResultsFormatError) {
        self.url = url
        manifest = try Self.decode(ResultsManifest.self, file: url.appending(path: "manifest.json"))
        summary = try Self.decode(ResultsSummary.self, file: url.appending(path: "summary.json"))
        var sweeps: [String: SweepTable] = [:]
        for result in summary.detectors {
            let name = DetectorFileName.of(result.report.name)
            let file = url.appending(path: "sweep/\(name).csv")
            guard let data = try? Data(contentsOf: file) else { continue }
            sweeps[name] = try SweepTable(csv: String(decoding: data, as: UTF8.self), file: file.path)
        }
        self.sweeps = sweeps
    }

    /// The sweep of `detector`, if written.
    public func sweep(of detector: String) -> SweepTable? { sweeps[DetectorFileName.of(detector)] }

    /// Decodes `T` from the JSON `file`.
    public static func decode<T: Decodable>(_ type: T.Type, file: URL) throws(ResultsFormatError) -> T {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ResultsFormatError(file: file.path, problem: "cannot be read (is this a results folder?)")
        }
        return try decode(type, data: data, file: file.path)
    }

    /// Decodes `T` from JSON `data` of `file` (named in errors).
    public static func decode<T: Decodable>(_ type: T.Type, data: Data, file: String) throws(ResultsFormatError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw ResultsFormatError(file: file, problem: Self.describe(error))
        } catch {
            throw ResultsFormatError(file: file, problem: "not valid JSON")
        }
    }

    /// JSON as written in results: sorted keys, indented, slashes unescaped, a final newline.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// A decoding error as one line: the key path, then what is wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "cannot be decoded"
        }
    }
}
