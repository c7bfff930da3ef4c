extension RequestBatch {
    /// Appends the requests `rows` of `other`, whose string codes belong to other tables:
    /// `symbolCodes[c]` and `accountCodes[c]` are this batch's codes of `other`'s code `c`.
    /// (The parallel reader parses blocks with tables of their own, then joins them in order.)
    mutating func append(
        rows: Range<Int>, of other: RequestBatch, symbolCodes: [UInt32], accountCodes: [UInt32]
    ) {
        func mapped(_ codes: [UInt32], _ table: [UInt32]) -> [UInt32] {
            codes[rows].map { table[Int($0)] }
        }
        ids.append(rows: rows, of: other.ids)
        prompts.append(rows: rows, of: other.prompts)
        timestamps += other.timestamps[rows]
        accounts += mapped(other.accounts, accountCodes)
        keys += mapped(other.keys, symbolCodes)
        ips += mapped(other.ips, symbolCodes)
        asns += other.asns[rows]
        userAgents += mapped(other.userAgents, symbolCodes)
        tlsFingerprints += mapped(other.tlsFingerprints, symbolCodes)
        models += mapped(other.models, symbolCodes)
        endpoints += mapped(other.endpoints, symbolCodes)
        systemPrompts += mapped(other.systemPrompts, symbolCodes)
        promptTokens += other.promptTokens[rows]
        completionTokens += other.completionTokens[rows]
        maxTokens += other.maxTokens[rows]
        temperatures += other.temperatures[rows]
        topPs += other.topPs[rows]
        completionCounts += other.completionCounts[rows]
        logprobs += other.logprobs[rows]
        topLogprobs += other.topLogprobs[rows]
        logitBiasEntries += other.logitBiasEntries[rows]
        toolCounts += other.toolCounts[rows]
        streams += other.streams[rows]
        statuses += other.statuses[rows]
        latencies += other.latencies[rows]
    }
}
