import Features
import Traffic

extension PromptFeatures {
    /// Throws unless these features hold `needs` for every request of `batch`: the one check a
    /// detector makes before reading the shared features the runner computed for it.
    func require(_ needs: PromptFeatureSet, for batch: RequestBatch, by detector: String) throws(DetectorError) {
        guard computed.isSuperset(of: needs), count == batch.count else {
            throw .failed(detector: detector, reason: "the batch came without its \(needs.names.joined(separator: ", ")) features")
        }
    }
}
