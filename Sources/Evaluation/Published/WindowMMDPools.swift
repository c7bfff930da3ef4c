import Randomness

/// The prompt embeddings ``WindowMMDExperiment`` draws its windows from: a uniform sample of
/// the benign prompts of a trace and, per campaign tactic, of its campaign prompts (reservoir
/// sampling, Vitter's algorithm R), so that any trace fits in bounded memory.
public struct WindowMMDPools {
    /// Embeddings, row-major.
    public struct Rows: Sendable {
        public let dimension: Int
        public private(set) var values: [Float] = []
        /// Prompts offered so far (kept or not).
        public private(set) var offered = 0
        let capacity: Int

        init(dimension: Int, capacity: Int) {
            self.dimension = dimension
            self.capacity = capacity
        }

        /// Rows held.
        public var count: Int { values.count / dimension }

        /// Row `index`.
        public func row(_ index: Int) -> ArraySlice<Float> { values[index * dimension..<(index + 1) * dimension] }

        /// Offers one embedding: kept with probability capacity / offered.
        mutating func offer(_ embedding: ArraySlice<Float>, _ random: RandomSource) {
            offered += 1
            if count < capacity {
                values.append(contentsOf: embedding)
            } else {
                let slot = random.index(below: offered)
                guard slot < capacity else { return }
                values.replaceSubrange(slot * dimension..<(slot + 1) * dimension, with: embedding)
            }
        }
    }

    /// Embedding dimension.
    public let dimension: Int
    /// Benign prompts.
    public private(set) var benign: Rows
    /// Campaign prompts by tactic.
    public private(set) var attackers: [String: Rows] = [:]
    private let attackerCapacity: Int
    private let random: RandomSource

    /// Empty pools keeping at most `benignCapacity` benign and `attackerCapacity` prompts per
    /// tactic, sampling with a generator seeded by `seed`.
    public init(dimension: Int, benignCapacity: Int = 60_000, attackerCapacity: Int = 20_000, seed: UInt64) {
        self.dimension = dimension
        benign = Rows(dimension: dimension, capacity: benignCapacity)
        self.attackerCapacity = attackerCapacity
        random = RandomSource(seed: seed ^ 0x504F_4F4C_5341_4D50)
    }

    /// Offers one prompt's embedding: benign when `tactic` is nil, else a prompt of a campaign
    /// of that tactic.
    public mutating func offer(_ embedding: ArraySlice<Float>, tactic: String?) {
        precondition(embedding.count == dimension, "embedding of \(embedding.count) values, expected \(dimension)")
        if let tactic {
            attackers[tactic, default: Rows(dimension: dimension, capacity: attackerCapacity)].offer(embedding, random)
        } else {
            benign.offer(embedding, random)
        }
    }
}
