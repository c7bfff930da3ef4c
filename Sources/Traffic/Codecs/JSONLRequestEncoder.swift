/// Encodes request batches as `requests.jsonl` lines: keys in ``RequestField/allCases`` order,
/// no spaces, `\n` after each object.
struct JSONLRequestEncoder {
    private var symbols = EncodedSymbols(encode: ByteEncoding.appendJSONString)
    private var accounts = EncodedSymbols(encode: ByteEncoding.appendJSONString)
    private var temperature = DoubleText(nonFinite: "null")
    private var topP = DoubleText(nonFinite: "null")
    /// `{"id":`, `,"ts":`, … back to back, and where each ends.
    private let keyText: [UInt8]
    private let keyEnds: [Int]

    init() {
        var text: [UInt8] = []
        var ends: [Int] = []
        for (index, field) in RequestField.allCases.enumerated() {
            text += Array(((index == 0 ? "{" : ",") + "\"\(field.name)\":").utf8)
            ends.append(text.count)
        }
        keyText = text
        keyEnds = ends
    }

    /// Appends every request of `batch` to `output`, flushing it as it fills.
    mutating func encode(_ batch: RequestBatch, to output: inout BufferedOutput) throws {
        typealias S = RequestSlot
        symbols.bind(batch.symbols)
        accounts.bind(batch.accountNames)
        try keyText.withUnsafeBufferPointer { keyText in
            let keys = keyEnds.indices.map { field in
                UnsafeBufferPointer(rebasing: keyText[(field == 0 ? 0 : keyEnds[field - 1])..<keyEnds[field]])
            }
            try batch.ids.bytes.withUnsafeBufferPointer { ids in
                try batch.prompts.bytes.withUnsafeBufferPointer { prompts in
                    for row in 0..<batch.count {
                        output.buffer.append(contentsOf: keys[S.id])
                        ByteEncoding.appendJSONString(
                            UnsafeBufferPointer(rebasing: ids[batch.ids.range(row)]), to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.ts])
                        ByteEncoding.appendInteger(batch.timestamps[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.account])
                        accounts.append(batch.accounts[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.key])
                        symbols.append(batch.keys[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.ip])
                        symbols.append(batch.ips[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.asn])
                        ByteEncoding.appendInteger(batch.asns[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.ua])
                        symbols.append(batch.userAgents[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.tls])
                        symbols.append(batch.tlsFingerprints[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.model])
                        symbols.append(batch.models[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.endpoint])
                        symbols.append(batch.endpoints[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.prompt])
                        ByteEncoding.appendJSONString(
                            UnsafeBufferPointer(rebasing: prompts[batch.prompts.range(row)]), to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.system])
                        symbols.append(batch.systemPrompts[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.promptTokens])
                        ByteEncoding.appendInteger(batch.promptTokens[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.completionTokens])
                        ByteEncoding.appendInteger(batch.completionTokens[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.maxTokens])
                        ByteEncoding.appendInteger(batch.maxTokens[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.temperature])
                        temperature.append(batch.temperatures[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.topP])
                        topP.append(batch.topPs[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.n])
                        ByteEncoding.appendInteger(batch.completionCounts[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.logprobs])
                        ByteEncoding.appendBool(batch.logprobs[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.topLogprobs])
                        ByteEncoding.appendInteger(batch.topLogprobs[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.logitBias])
                        ByteEncoding.appendInteger(batch.logitBiasEntries[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.tools])
                        ByteEncoding.appendInteger(batch.toolCounts[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.stream])
                        ByteEncoding.appendBool(batch.streams[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.status])
                        ByteEncoding.appendInteger(batch.statuses[row], to: &output.buffer)
                        output.buffer.append(contentsOf: keys[S.latencyMs])
                        ByteEncoding.appendInteger(batch.latencies[row], to: &output.buffer)
                        output.buffer.append(0x7D)  // }
                        output.buffer.append(0x0A)
                        try output.flushIfFull()
                    }
                }
            }
        }
    }
}
