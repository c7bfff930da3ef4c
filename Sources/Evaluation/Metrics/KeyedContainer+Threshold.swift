/// JSON has no infinity: a threshold of +∞ (the operating point that flags nothing) is written
/// as the string `"inf"` (and −∞ as `"-inf"`), any finite threshold as a number.
extension KeyedEncodingContainer {
    mutating func encodeThreshold(_ threshold: Double, forKey key: Key) throws {
        if threshold.isFinite {
            try encode(threshold, forKey: key)
        } else if threshold.isNaN {
            try encodeNil(forKey: key)
        } else {
            try encode(threshold > 0 ? "inf" : "-inf", forKey: key)
        }
    }
}

extension KeyedDecodingContainer {
    func decodeThreshold(forKey key: Key) throws -> Double {
        if let text = try? decode(String.self, forKey: key) {
            switch text {
            case "inf", "+inf", "Infinity": return .infinity
            case "-inf", "-Infinity": return -.infinity
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "not a threshold: \(text)")
            }
        }
        return try decode(Double.self, forKey: key)
    }
}
