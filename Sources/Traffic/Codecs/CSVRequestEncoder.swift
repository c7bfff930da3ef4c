/// Encodes request batches as `requests.csv` rows: a header of the ``RequestField`` names, then
/// one RFC 4180 record per request, `\n` line ends.
struct CSVRequestEncoder {
    private var symbols = EncodedSymbols(encode: ByteEncoding.appendCSVField)
    private var accounts = EncodedSymbols(encode: ByteEncoding.appendCSVField)
    private var temperature = DoubleText(nonFinite: "")
    private var topP = DoubleText(nonFinite: "")

    /// The header row, `id,ts,account,…,latency_ms\n`.
    static let header = Array((RequestField.allCases.map(\.name).joined(separator: ",") + "\n").utf8)

    /// Appends every request of `batch` to `output`, flushing it as it fills.
    mutating func encode(_ batch: RequestBatch, to output: inout BufferedOutput) throws {
        let comma: UInt8 = 0x2C
        symbols.bind(batch.symbols)
        accounts.bind(batch.accountNames)
        try batch.ids.bytes.withUnsafeBufferPointer { ids in
            try batch.prompts.bytes.withUnsafeBufferPointer { prompts in
                for row in 0..<batch.count {
                    ByteEncoding.appendCSVField(
                        UnsafeBufferPointer(rebasing: ids[batch.ids.range(row)]), to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.timestamps[row], to: &output.buffer)
                    output.buffer.append(comma)
                    accounts.append(batch.accounts[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.keys[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.ips[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.asns[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.userAgents[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.tlsFingerprints[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.models[row], to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.endpoints[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendCSVField(
                        UnsafeBufferPointer(rebasing: prompts[batch.prompts.range(row)]), to: &output.buffer)
                    output.buffer.append(comma)
                    symbols.append(batch.systemPrompts[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.promptTokens[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.completionTokens[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.maxTokens[row], to: &output.buffer)
                    output.buffer.append(comma)
                    temperature.append(batch.temperatures[row], to: &output.buffer)
                    output.buffer.append(comma)
                    topP.append(batch.topPs[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.completionCounts[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendBool(batch.logprobs[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.topLogprobs[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.logitBiasEntries[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.toolCounts[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendBool(batch.streams[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.statuses[row], to: &output.buffer)
                    output.buffer.append(comma)
                    ByteEncoding.appendInteger(batch.latencies[row], to: &output.buffer)
                    output.buffer.append(0x0A)
                    try output.flushIfFull()
                }
            }
        }
    }
}
