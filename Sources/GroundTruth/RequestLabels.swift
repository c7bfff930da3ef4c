import Foundation
import Traffic

/// `request_labels.csv` read back (DESIGN §2): `id,campaign` for each request of a campaign.
/// The codec's other half is ``RequestLabelWriter``.
///
/// Ids are kept as UTF-8 bytes back to back and found by their ``HashSet64/hash(_:)`` (issue
/// 10): no `String` is made per label when the file is read, nor per request when a batch is
/// labelled.
public struct RequestLabels: Sendable {
    /// One labelled request: its campaign's index in `truth.campaigns`, and its line.
    public struct Label: Sendable, Hashable {
        public var campaign: Int32
        public var line: Int
    }

    /// The file read, as shown in errors.
    public private(set) var file = TraceDirectory.requestLabelsFileName
    /// The labels in file order, and where each one's id ends in ``idBytes``.
    private var entries: [Label] = []
    private var idEnds: [Int] = []
    private var idBytes: [UInt8] = []
    /// ``HashSet64/hash(_:)`` of the labelled ids: most unlabelled ids are ruled out by it alone.
    private var hashes = HashSet64()
    /// The first label whose id has a hash, and the next label with the same hash (-1: none).
    private var firstByHash: [UInt64: Int32] = [:]
    private var nextWithHash: [Int32] = []

    /// No labels (the file is absent).
    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Label by request id.
    public var labels: [String: Label] {
        Dictionary(uniqueKeysWithValues: entries.indices.map { (id(at: $0), entries[$0]) })
    }

    /// Campaign index by request id (for lookups in bulk).
    public var campaigns: [String: Int32] { labels.mapValues(\.campaign) }

    /// The campaign index of the request `id`, or nil for genuine traffic.
    public func campaign(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { campaign(ofUTF8: $0) }
    }

    /// The campaign of the request whose id is spelled by `id` (UTF-8).
    public func campaign(ofUTF8 id: UnsafeBufferPointer<UInt8>) -> Int32? {
        entry(of: id, hash: HashSet64.hash(id)).map { entries[$0].campaign }
    }

    /// The campaign of each request of `batch` (-1 for genuine traffic), given its ids' hashes
    /// (``RequestChecker/idHashes(of:)``, shared with the checks).
    public func campaigns(of batch: RequestBatch, idHashes: [UInt64]) -> [Int32] {
        let labelled = idHashes.withUnsafeBufferPointer(hashes.contains(each:))
        return batch.ids.bytes.withUnsafeBufferPointer { bytes in
            (0..<batch.count).map { row in
                guard labelled[row] else { return -1 }
                let id = UnsafeBufferPointer(rebasing: bytes[batch.ids.range(row)])
                return entry(of: id, hash: idHashes[row]).map { entries[$0].campaign } ?? -1
            }
        }
    }

    /// The labelled id on the earliest line for which `isMissing` holds.
    public func firstMissing(where isMissing: (String) -> Bool) -> (id: String, line: Int)? {
        // Labels are kept in file order.
        for index in entries.indices {
            let id = id(at: index)
            if isMissing(id) { return (id, entries[index].line) }
        }
        return nil
    }

    /// The label of the id spelled by `id`, whose hash is `hash`.
    private func entry(of id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard var index = firstByHash[hash].map(Int.init) else { return nil }
        return idBytes.withUnsafeBufferPointer { stored in
            while index >= 0 {
                let start = index == 0 ? 0 : idEnds[index - 1]
                if idEnds[index] - start == id.count, UnsafeBufferPointer(rebasing: stored[start..<idEnds[index]]).elementsEqual(id) {
                    return index
                }
                index = Int(nextWithHash[index])
            }
            return nil
        }
    }

    private func id(at index: Int) -> String {
        String(decoding: idBytes[(index == 0 ? 0 : idEnds[index - 1])..<idEnds[index]], as: UTF8.self)
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
        let expected = data.count / 24
        result.entries.reserveCapacity(expected)
        result.idEnds.reserveCapacity(expected)
        result.nextWithHash.reserveCapacity(expected)
        result.firstByHash.reserveCapacity(expected)
        result.idBytes.reserveCapacity(data.count)
        let names = campaigns.map { (name: Array($0.key.utf8), index: $0.value) }
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
            let (id, name) = (fields[0], fields[1])
            // A known campaign's name is valid UTF-8; any other name is checked before it is called unknown.
            let campaign = names.first { $0.name.elementsEqual(name) }?.index
            guard id.allSatisfy({ $0 < 0x80 }) || String(validating: id, as: UTF8.self) != nil,
                campaign != nil || String(validating: name, as: UTF8.self) != nil
            else { throw TraceError.invalidUTF8(file: file, line: line.number, field: nil) }
            guard let campaign else {
                throw TraceError.invalidValue(
                    file: file, line: line.number, field: "campaign", expected: "a campaign of truth.json",
                    found: Terminal.quoted(String(decoding: name, as: UTF8.self)))
            }
            guard result.add(id, label: Label(campaign: campaign, line: line.number)) else {
                throw TraceError.invalidValue(
                    file: file, line: line.number, field: "id", expected: "a request labelled once",
                    found: Terminal.quoted(String(decoding: id, as: UTF8.self)))
            }
        }
        return result
    }

    /// Adds the label of `id`; false if `id` has one already.
    private mutating func add(_ id: ArraySlice<UInt8>, label: Label) -> Bool {
        let hash = id.withUnsafeBufferPointer(HashSet64.hash)
        if id.withUnsafeBufferPointer({ entry(of: $0, hash: hash) }) != nil { return false }
        nextWithHash.append(firstByHash[hash] ?? -1)
        firstByHash[hash] = Int32(entries.count)
        hashes.insert(hash)
        idBytes.append(contentsOf: id)
        idEnds.append(idBytes.count)
        entries.append(label)
        return true
    }
}
