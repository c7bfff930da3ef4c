import Foundation
import Traffic

/// Writes `request_labels.csv` (DESIGN §2): `id,campaign` for every request of a campaign;
/// requests not listed are genuine traffic. Ground truth: detectors never read it.
public final class RequestLabelWriter {
    private let handle: FileHandle
    private let url: URL
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `url` and writes its header.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw TraceError.io(file: url.relativePath, reason: "cannot create the file")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw TraceError.io(file: url.relativePath, reason: "cannot open: \(error.localizedDescription)")
        }
        self.url = url
        buffer.append(contentsOf: "id,campaign\n".utf8)
    }

    /// Appends the labelled requests of `requests`: `campaigns[i]` indexes `campaignIDs`, or is
    /// negative for genuine traffic.
    public func write(_ requests: RequestBatch, campaigns: [Int32], campaignIDs: [String]) throws {
        let ids = requests.ids
        for (index, campaign) in campaigns.enumerated() where campaign >= 0 {
            buffer.append(contentsOf: ids.bytes[ids.range(index)])
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: campaignIDs[Int(campaign)].utf8)
            buffer.append(UInt8(ascii: "\n"))
        }
        if buffer.count > 1 << 20 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
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
