import Features
import Traffic

/// Encodes batches as the lines an external detector reads (protocol version 1): one JSON
/// object per request with the fields of `requests.jsonl` (DESIGN §2, same keys, types and
/// order), then `account_record` — the account's `accounts.jsonl` record — on the first
/// request of each account, then `embedding` — the shared hashed prompt embedding — when asked.
struct RequestLineEncoder {
    /// The account table, by account code (codes beyond it get ``Account/unknown(id:)``).
    private let accounts: [Account]
    private let embedding: Bool
    private var symbols = EncodedStrings()
    private var accountNames = EncodedStrings()
    /// Whether each account code's record was sent.
    private var introduced: [Bool] = []
    /// The key prefixes: `{"id":`, `,"ts":`, … in ``RequestField`` order.
    private let keys: [[UInt8]] = RequestField.allCases.enumerated().map { index, field in
        Array(((index == 0 ? "{" : ",") + "\"\(field.name)\":").utf8)
    }

    private static let recordKey = Array(#","account_record":"#.utf8)
    private static let embeddingKey = Array(#","embedding":["#.utf8)

    init(accounts: [Account], embedding: Bool) {
        self.accounts = accounts
        self.embedding = embedding
    }

    /// The lines of `batch` (with the embedding from `features` if it was asked for).
    mutating func encode(_ batch: RequestBatch, features: PromptFeatures) -> [UInt8] {
        symbols.bind(batch.symbols)
        accountNames.bind(batch.accountNames)
        if introduced.count < batch.accountNames.count {
            introduced.append(contentsOf: repeatElement(false, count: batch.accountNames.count - introduced.count))
        }
        let dimension = features.settings.embeddingDimension
        let hasEmbedding = embedding && features.embeddings.count == batch.count * dimension  // checked by the detector
        var out: [UInt8] = []
        out.reserveCapacity(batch.count * (640 + (hasEmbedding ? dimension * 11 : 0)))
        for row in 0..<batch.count {
            let account = batch.accounts[row]
            out += keys[0]
            JSONText.appendString(batch.ids.bytes[batch.ids.range(row)], to: &out)
            out += keys[1]
            JSONText.appendInteger(batch.timestamps[row], to: &out)
            out += keys[2]
            accountNames.append(account, to: &out)
            out += keys[3]
            symbols.append(batch.keys[row], to: &out)
            out += keys[4]
            symbols.append(batch.ips[row], to: &out)
            out += keys[5]
            JSONText.appendInteger(Int64(batch.asns[row]), to: &out)
            out += keys[6]
            symbols.append(batch.userAgents[row], to: &out)
            out += keys[7]
            symbols.append(batch.tlsFingerprints[row], to: &out)
            out += keys[8]
            symbols.append(batch.models[row], to: &out)
            out += keys[9]
            symbols.append(batch.endpoints[row], to: &out)
            out += keys[10]
            JSONText.appendString(batch.prompts.bytes[batch.prompts.range(row)], to: &out)
            out += keys[11]
            symbols.append(batch.systemPrompts[row], to: &out)
            out += keys[12]
            JSONText.appendInteger(Int64(batch.promptTokens[row]), to: &out)
            out += keys[13]
            JSONText.appendInteger(Int64(batch.completionTokens[row]), to: &out)
            out += keys[14]
            JSONText.appendInteger(Int64(batch.maxTokens[row]), to: &out)
            out += keys[15]
            JSONText.appendDouble(batch.temperatures[row], to: &out)
            out += keys[16]
            JSONText.appendDouble(batch.topPs[row], to: &out)
            out += keys[17]
            JSONText.appendInteger(Int64(batch.completionCounts[row]), to: &out)
            out += keys[18]
            JSONText.appendBool(batch.logprobs[row], to: &out)
            out += keys[19]
            JSONText.appendInteger(Int64(batch.topLogprobs[row]), to: &out)
            out += keys[20]
            JSONText.appendInteger(Int64(batch.logitBiasEntries[row]), to: &out)
            out += keys[21]
            JSONText.appendInteger(Int64(batch.toolCounts[row]), to: &out)
            out += keys[22]
            JSONText.appendBool(batch.streams[row], to: &out)
            out += keys[23]
            JSONText.appendInteger(Int64(batch.statuses[row]), to: &out)
            out += keys[24]
            JSONText.appendInteger(Int64(batch.latencies[row]), to: &out)
            if !introduced[Int(account)] {
                introduced[Int(account)] = true
                out += Self.recordKey
                let record = Int(account) < accounts.count
                    ? accounts[Int(account)] : Account.unknown(id: batch.accountNames[account])
                var line = AccountCodec.encode([record], as: .jsonl)
                if line.last == 0x0A { line.removeLast() }
                out += line
            }
            if hasEmbedding {
                out += Self.embeddingKey
                let start = row * dimension
                for index in start..<start + dimension {
                    if index > start { out.append(0x2C) }
                    JSONText.appendFloat(features.embeddings[index], to: &out)
                }
                out.append(0x5D)
            }
            out.append(0x7D)
            out.append(0x0A)
        }
        return out
    }
}
