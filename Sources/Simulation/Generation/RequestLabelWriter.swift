import Foundation
import Traffic

/// Writes `request_labels.csv` (DESIGN §2): `id,campaign` for every request of a campaign;
/// requests not listed are genuine traffic. Ground truth: detectors never read it.
final class RequestLabelWriter {
    private let handle: FileHandle
    private let url: URL
    private var buffer: [UInt8] = []

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: url)
        else { throw TraceError.io(file: url.relativePath, reason: "cannot create the file") }
        self.handle = handle
        self.url = url
        buffer.append(contentsOf: "id,campaign\n".utf8)
    }

    /// Appends the labelled requests of `batch`.
    func write(_ batch: LabelledBatch, campaignIDs: [String]) throws {
        let ids = batch.requests.ids
        for (index, campaign) in batch.campaigns.enumerated() where campaign >= 0 {
            buffer.append(contentsOf: ids.bytes[ids.range(index)])
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: campaignIDs[Int(campaign)].utf8)
            buffer.append(UInt8(ascii: "\n"))
        }
        if buffer.count > 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
