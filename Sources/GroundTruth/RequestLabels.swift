import Foundation
import Traffic

/// `request_labels.csv` read back (DESIGN §2): `id,campaign` for each request of a campaign.
/// The codec's other half is ``RequestLabelWriter``.
public struct RequestLabels: Sendable {
    /// One labelled request: its campaign's index in `truth.campaigns`, and its line.
    public struct Label: Sendable, Hashable {
        public var campaign: Int32
        public var line: Int
    }

    /// The file read, as shown in errors.
    public private(set) var file = TraceDirectory.requestLabelsFileName
    /// Label by request id.
    public private(set) var labels: [String: Label] = [:]

    /// No labels (the file is absent).
    public init() {}

    public var count: Int { labels.count }
    public var isEmpty: Bool { labels.isEmpty }

    /// The campaign index of the request `id`, or nil for genuine traffic.
    public func campaign(of id: String) -> Int32? { labels[id]?.campaign }

    /// The campaign of the request whose id is spelled by `id` (UTF-8), without making a
    /// `String` for the many unlabelled ids: a 64-bit hash rules most of them out, and a hit is
    /// confirmed on the id itself.
    public func campaign(ofUTF8 id: UnsafeBufferPointer<UInt8>) -> Int32? {
        campaign(ofUTF8: id, hash: HashSet64.hash(id))
    }

    /// The campaign of each request of `batch` (-1 for genuine traffic), given its ids' hashes
    /// (``RequestChecker/idHashes(of:)``, shared with the checks).
    public func campaigns(of batch: RequestBatch, idHashes: [UInt64]) -> [Int32] {
        let labelled = idHashes.withUnsafeBufferPointer(hashes.contains(each:))
        return batch.ids.bytes.withUnsafeBufferPointer { bytes in
            (0..<batch.count).map { row in
                guard labelled[row] else { return -1 }
                return campaign(ofConfirmed: UnsafeBufferPointer(rebasing: bytes[batch.ids.range(row)])) ?? -1
            }
        }
    }

    private func campaign(ofUTF8 id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        guard hashes.contains(hash) else { return nil }
        return campaign(ofConfirmed: id)
    }

    /// The label of `id` itself (its hash matched one of a labelled id).
    private func campaign(ofConfirmed id: UnsafeBufferPointer<UInt8>) -> Int32? {
        labels[String(decoding: id, as: UTF8.self)]?.campaign
    }

    /// ``HashSet64/hash(_:)`` of the labelled ids.
    private var hashes = HashSet64()

    /// Campaign index by request id (for lookups in bulk).
    public var campaigns: [String: Int32] { labels.mapValues(\.campaign) }

    /// The labelled id on the earliest line for which `isMissing` holds.
    public func firstMissing(where isMissing: (String) -> Bool) -> (id: String, line: Int)? {
        labels.filter { isMissing($0.key) }.min { $0.value.line < $1.value.line }.map { ($0.key, $0.value.line) }
    }

    /// Reads the file at `url` (absent: no labels).
    ///
    /// - Parameter campaigns: index by campaign id of `truth.campaigns`.
    /// - Throws: ``TraceError`` naming the file and line of a malformed line, an unknown
    ///   campaign or a request labelled twice.
    public static func read(from url: URL, campaigns: [String: Int32]) throws -> RequestLabels {
        guard FileManager.default.fileExists(atPath: url.path) else { return RequestLabels() }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot read: \(error.localizedDescription)")
        }
        return try parse(data, file: url.relativePath, campaigns: campaigns)
    }

    /// Parses the bytes of a labels file; `file` names it in errors.
    public static func parse(_ data: Data, file: String, campaigns: [String: Int32]) throws -> RequestLabels {
        var result = RequestLabels()
        result.file = file
        // About one label per 28 bytes (a 22-byte id, a comma, a campaign): no rehashing as it fills.
        result.labels.reserveCapacity(data.count / 24)
        var sawHeader = false
        for line in CSVLines(data) {
            let fields = line.fields
            guard sawHeader else {
                guard line.number == 1, fields.count == 2, fields[0].elementsEqual("id".utf8),
                    fields[1].elementsEqual("campaign".utf8)
                else { throw TraceError.syntax(file: file, line: line.number, message: "expected the header id,campaign") }
                sawHeader = true
                continue
            }
            guard fields.count == 2, !fields[0].isEmpty else {
                throw TraceError.syntax(file: file, line: line.number, message: "expected id,campaign")
            }
            guard let id = String(validating: fields[0], as: UTF8.self),
                let name = String(validating: fields[1], as: UTF8.self)
            else { throw TraceError.invalidUTF8(file: file, line: line.number, field: nil) }
            guard let campaign = campaigns[name] else {
                throw TraceError.invalidValue(
                    file: file, line: line.number, field: "campaign", expected: "a campaign of truth.json",
                    found: Terminal.quoted(name))
            }
            var utf8 = id
            result.hashes.insert(utf8.withUTF8(HashSet64.hash))
            guard result.labels.updateValue(Label(campaign: campaign, line: line.number), forKey: id) == nil else {
                throw TraceError.invalidValue(
                    file: file, line: line.number, field: "id", expected: "a request labelled once", found: Terminal.quoted(id))
            }
        }
        return result
    }
}
