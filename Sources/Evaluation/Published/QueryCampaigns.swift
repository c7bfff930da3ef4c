import Traffic

/// Hand-built query streams for the distance-based detectors, after the papers' experiments:
/// synthetic campaigns that perturb a few templates (PRADA's synthetic queries; Chen et al.'s
/// black-box attacks, which query near one input over and over) against natural, diverse
/// queries. Deterministic (SplitMix64). Used by the detector tests and the PRADA reproduction
/// (``PradaSyntheticNatural``).
public struct QueryCampaigns: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A vocabulary of `count` distinct pseudo-words (letters only, 3–9 long).
    public static func vocabulary(_ count: Int, seed: UInt64) -> [String] {
        var generator = QueryCampaigns(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var words = Set<String>()
        while words.count < count {
            let length = 3 + generator.below(7)
            words.insert(String((0..<length).map { _ in letters[generator.below(letters.count)] }))
        }
        return words.sorted()
    }

    public static let words = vocabulary(3_000, seed: 99)

    /// A natural-looking prompt: 8–40 words drawn from the vocabulary with a Zipf-like bias
    /// (a few words common, most rare), so prompts share some words and differ in most.
    public mutating func naturalPrompt() -> String {
        let count = 8 + below(33)
        return (0..<count).map { _ in
            // The square of a uniform index favours the start of the list.
            let u = Double(below(1 << 20)) / Double(1 << 20)
            return Self.words[Int(u * u * Double(Self.words.count))]
        }.joined(separator: " ")
    }

    /// `count` natural prompts.
    public mutating func natural(_ count: Int) -> [String] {
        (0..<count).map { _ in naturalPrompt() }
    }

    /// `count` synthetic prompts: `templates` natural prompts, each query one of them (in
    /// turn) with `changes` of its words replaced by random words — the perturbation a
    /// synthetic-sample generator applies to its seeds.
    public mutating func perturbed(_ count: Int, templates: Int, changes: Int) -> [String] {
        let seeds = (0..<templates).map { _ in naturalPrompt().split(separator: " ").map(String.init) }
        return (0..<count).map { i in
            var words = seeds[i % templates]
            for _ in 0..<changes { words[below(words.count)] = Self.words[below(Self.words.count)] }
            return words.joined(separator: " ")
        }
    }

    /// Requests interleaving the given accounts' prompts in time (one request per account in
    /// turn while each has prompts left, a second apart).
    public static func requests(_ streams: [(account: String, prompts: [String])]) -> [Request] {
        var requests: [Request] = []
        let longest = streams.map(\.prompts.count).max() ?? 0
        for i in 0..<longest {
            for stream in streams where i < stream.prompts.count {
                let time = Int64(requests.count) * 1_000
                requests.append(Request(id: "\(stream.account)-\(i)", ts: time, account: stream.account, prompt: stream.prompts[i]))
            }
        }
        return requests
    }
}
