import Detection
import Features
import Statistics
import Testing
import Traffic

/// The distance machinery under `prada` and `knn-stateful` against brute force: the blocked
/// vector ring through wrap-around, the folding of the shared embedding, the sorted window,
/// and both detectors against straightforward reference implementations of their papers'
/// algorithms — with small caps, so that chunks, evictions and batch boundaries all occur.
struct NeighbourSearchTests {
    // MARK: - Inputs

    /// A small deterministic generator (SplitMix64).
    struct Numbers {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 24) }
    }

    /// Requests of three accounts, interleaved: prompts of 3–12 words from a 60-word vocabulary,
    /// one account often repeating a recent prompt with one word changed.
    static func trace(count: Int, seed: UInt64) -> [Request] {
        var numbers = Numbers(state: seed)
        let vocabulary = (0..<60).map { "w\($0)x\($0 * 7 % 13)" }
        var recent: [[String]] = []
        return (0..<count).map { i in
            let account = ["a", "b", "c"][numbers.below(3)]
            var words = (0..<(3 + numbers.below(10))).map { _ in vocabulary[numbers.below(vocabulary.count)] }
            if account == "c", let last = recent.last, numbers.below(3) > 0 {
                words = last
                words[numbers.below(words.count)] = vocabulary[numbers.below(vocabulary.count)]
            }
            recent.append(words)
            return Request(id: "r\(i)", ts: Int64(i), account: account, prompt: words.joined(separator: " "))
        }
    }

    /// `requests` cut into batches of the given sizes (cycled).
    static func batches(_ requests: [Request], sizes: [Int]) -> [RequestBatch] {
        var result: [RequestBatch] = []
        var start = 0
        var index = 0
        while start < requests.count {
            let end = min(requests.count, start + sizes[index % sizes.count])
            result.append(DetectorHarness.batch(Array(requests[start..<end]), accounts: ["a", "b", "c"]))
            start = end
            index += 1
        }
        return result
    }

    /// The folded unit embeddings of `requests`, by account, in order.
    static func embeddings(_ requests: [Request], dimension: Int) -> [(account: UInt32, vector: [Float])] {
        let batch = DetectorHarness.batch(requests, accounts: ["a", "b", "c"])
        var folded = WorkingEmbeddings(dimension: dimension)
        folded.fill(from: PromptFeatures(of: batch, needs: .embedding))
        return (0..<batch.count).map { row in
            (batch.accounts[row], Array(folded.values[row * dimension..<(row + 1) * dimension]))
        }
    }

    static func distance(_ a: [Float], _ b: [Float]) -> Double {
        Double(zip(a, b).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }).squareRoot()
    }

    // MARK: - Reference implementations

    /// PRADA's Algorithm 1 per account, written plainly: W at each test, NaN elsewhere.
    static func referencePrada(_ vectors: [(account: UInt32, vector: [Float])], settings: PradaDetector.Settings) -> [Double] {
        struct State {
            var growing: [[Float]] = []
            var entered: [Double] = []
            var threshold = 0.0
            var distances: [Double] = []
            var queries = 0
        }
        var states: [UInt32: State] = [:]
        return vectors.map { account, vector in
            var state = states[account, default: State()]
            defer { states[account] = state }
            state.queries += 1
            if state.growing.isEmpty {
                state.growing = [vector]
                state.entered = [0]
            } else {
                let d = state.growing.map { distance($0, vector) }.min() ?? 0
                state.distances.append(d)
                if state.distances.count > settings.maximumSet { state.distances.removeFirst() }
                if d > state.threshold {
                    state.growing.append(vector)
                    if state.growing.count > settings.maximumSet { state.growing.removeFirst() }
                    state.entered.append(d)
                    let mean = state.entered.reduce(0, +) / Double(state.entered.count)
                    let deviation = (state.entered.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(state.entered.count)).squareRoot()
                    state.threshold = max(state.threshold, mean - deviation)
                }
            }
            guard state.queries >= settings.minimumQueries, state.queries % settings.testEvery == 0 else { return .nan }
            let mean = state.distances.reduce(0, +) / Double(state.distances.count)
            let deviation = (state.distances.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(state.distances.count)).squareRoot()
            let kept = state.distances.filter { abs($0 - mean) < 3 * deviation }
            return ShapiroWilk.test(kept)?.statistic ?? .nan
        }
    }

    /// The stateful k-NN mean distance per query, written plainly; NaN with fewer than k earlier.
    static func referenceKNN(_ vectors: [(account: UInt32, vector: [Float])], k: Int, buffer: Int) -> [Double] {
        var buffers: [UInt32: [[Float]]] = [:]
        return vectors.map { account, vector in
            var held = buffers[account, default: []]
            defer {
                held.append(vector)
                if held.count > buffer { held.removeFirst() }
                buffers[account] = held
            }
            guard held.count >= k else { return .nan }
            return held.map { distance($0, vector) }.sorted().prefix(k).reduce(0, +) / Double(k)
        }
    }

    // MARK: - Tests

    @Test(arguments: [[10_000], [1], [7, 1, 33, 3]])
    func pradaMatchesItsReference(batchSizes: [Int]) throws {
        var settings = PradaDetector.Settings()
        settings.maximumSet = 20
        settings.minimumQueries = 12
        settings.testEvery = 3
        settings.dimension = 32
        let requests = Self.trace(count: 900, seed: 11)
        let expected = Self.referencePrada(Self.embeddings(requests, dimension: 32), settings: settings)
        var detector = PradaDetector(settings: settings)
        var actual: [Double] = []
        for batch in Self.batches(requests, sizes: batchSizes) {
            actual += try detector.statistics(batch, features: PromptFeatures(of: batch, needs: .embedding))
        }
        #expect(actual.count == expected.count)
        #expect(expected.filter { !$0.isNaN }.count > 200)
        let mismatches = zip(actual, expected).filter { a, e in a.isNaN != e.isNaN || (!a.isNaN && abs(a - e) > 1e-5) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Small buffers wrap often; the larger one (over 256 held, k ≪ held) takes the sampled bound.
    @Test(arguments: [([10_000], 5, 30), ([1], 5, 30), ([7, 1, 33, 3], 5, 30), ([500], 20, 400), ([7, 1, 33, 3], 20, 400)])
    func knnMatchesItsReference(batchSizes: [Int], k: Int, buffer: Int) throws {
        var settings = StatefulKNNDetector.Settings()
        settings.k = k
        settings.buffer = buffer
        settings.dimension = 32
        let requests = Self.trace(count: 900, seed: 12)
        let expected = Self.referenceKNN(Self.embeddings(requests, dimension: 32), k: k, buffer: buffer)
        var detector = try StatefulKNNDetector(settings: settings)
        var actual: [Float] = []
        for batch in Self.batches(requests, sizes: batchSizes) {
            actual += try detector.meanDistances(batch, features: PromptFeatures(of: batch, needs: .embedding))
        }
        #expect(actual.count == expected.count)
        #expect(expected.filter { !$0.isNaN }.count > 800 - 3 * k)
        let mismatches = zip(actual, expected).filter { a, e in a.isNaN != e.isNaN || (!a.isNaN && abs(Double(a) - e) > 1e-4) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [(dimension: 16, capacity: 13), (dimension: 7, capacity: 8), (dimension: 64, capacity: 40)])
    func ringMatchesBruteForceThroughWrapAround(dimension: Int, capacity: Int) throws {
        var numbers = Numbers(state: UInt64(dimension * 1_000 + capacity))
        var ring = VectorRing(dimension: dimension, capacity: capacity)
        var bySlot: [[Float]] = []
        for step in 0..<(3 * capacity + 5) {
            let vector = (0..<dimension).map { _ in numbers.uniform() * 2 - 1 }
            vector.withUnsafeBufferPointer { ring.append($0.baseAddress.unsafelyUnwrapped) }
            if bySlot.count < capacity { bySlot.append(vector) } else { bySlot[step % capacity] = vector }
            #expect(ring.count == bySlot.count && ring.oldest == (bySlot.count < capacity ? 0 : (step + 1) % capacity))

            // Three queries in one pass, against every slot.
            let queries = (0..<3).map { _ in (0..<dimension).map { _ in numbers.uniform() * 2 - 1 } }
            let splats = queries.flatMap { $0.map { SIMD4<Float>(repeating: $0) } }
            let stride = ring.paddedCount + 8
            var out = [Float](repeating: .nan, count: 3 * stride)
            splats.withUnsafeBufferPointer { splat in
                out.withUnsafeMutableBufferPointer { out in
                    ring.partialDistances(splat.baseAddress.unsafelyUnwrapped, count: 3, into: out.baseAddress.unsafelyUnwrapped, stride: stride)
                }
            }
            for (c, query) in queries.enumerated() {
                let queryNorm = query.reduce(0) { $0 + $1 * $1 }
                for (slot, vector) in bySlot.enumerated() {
                    let expected = Self.distance(query, vector)
                    let actual = Double(out[c * stride + slot] + queryNorm).squareRoot()
                    #expect(abs(actual - expected) < 1e-4)
                }
                #expect(out[(c * stride + bySlot.count)..<(c * stride + ring.paddedCount)].allSatisfy { $0 == .infinity })
            }

            // The slots left after e evictions are those of the count − e newest vectors.
            for evictions in 0...(bySlot.count < capacity ? 0 : capacity) {
                let (first, second) = ring.survivingSlots(afterEvicting: evictions)
                let surviving = Set(first).union(second)
                let ages = (0..<bySlot.count).map { slot in (slot - ring.oldest + capacity) % capacity }
                #expect(surviving == Set((0..<bySlot.count).filter { ages[$0] >= evictions }))
            }
        }
    }

    @Test func sortedWindowKeepsTheMostRecentValuesSorted() {
        var numbers = Numbers(state: 7)
        var window = SortedWindow(capacity: 25)
        var recent: [Double] = []
        for _ in 0..<200 {
            let value = Double(numbers.below(40)) / 4  // ties on purpose
            window.append(value)
            recent.append(value)
            if recent.count > 25 { recent.removeFirst() }
            #expect(window.sorted == recent.sorted())
        }
        let (mean, deviation) = window.meanAndDeviation()
        let expectedMean = recent.reduce(0, +) / 25
        #expect(abs(mean - expectedMean) < 1e-12)
        #expect(abs(deviation - (recent.reduce(0) { $0 + ($1 - expectedMean) * ($1 - expectedMean) } / 25).squareRoot()) < 1e-12)
        let range = window.range(above: 2.5, below: 7.5)
        #expect(Array(window.sorted[range]) == recent.sorted().filter { $0 > 2.5 && $0 < 7.5 })
    }

    /// Folding the 256-dimensional embedding into groups of four gives the 64-dimensional
    /// embedding of the same prompt: the claim the detectors' `dimension` rests on.
    @Test func foldingIsTheLowerDimensionalEmbedding() {
        let prompts = [
            "Explain how a heat pump works in winter.", "写一首关于秋天的短诗", "¿Cuál es la capital de Australia?",
            "def f(x): return x * 2  # why does this fail?", "", "a",
        ]
        let requests = prompts.enumerated().map { Request(id: "r\($0.offset)", ts: Int64($0.offset), account: "a", prompt: $0.element) }
        let batch = DetectorHarness.batch(requests, accounts: ["a"])
        let wide = PromptFeatures(of: batch, needs: .embedding, settings: PromptFeatureSettings(embeddingDimension: 256))
        for dimension in [64, 32] {
            let narrow = PromptFeatures(of: batch, needs: .embedding, settings: PromptFeatureSettings(embeddingDimension: dimension))
            var folded = WorkingEmbeddings(dimension: dimension)
            folded.fill(from: wide)
            #expect(folded.values.count == prompts.count * dimension)
            #expect(zip(folded.values, narrow.embeddings).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    /// A dimension that does not divide the shared one is refused when the features arrive.
    @Test func refusesADimensionThatDoesNotDivideTheSharedOne() throws {
        var settings = PradaDetector.Settings()
        settings.dimension = 48
        var prada = PradaDetector(settings: settings)
        let batch = DetectorHarness.batch([Request(id: "r", ts: 0, account: "a", prompt: "hello")], accounts: ["a"])
        var board = ScoreBoard(accounts: 1)
        #expect(throws: DetectorError.self) {
            try prada.observe(batch, features: PromptFeatures(of: batch, needs: .embedding), board: &board)
        }
        #expect(throws: DetectorError.self) { try StatefulKNNDetector.Settings.parse([("k", "60"), ("buffer", "50")], detector: "knn-stateful").make() }
    }
}

extension StatefulKNNDetector.Settings {
    /// The detector these settings configure.
    func make() throws -> StatefulKNNDetector { try StatefulKNNDetector(settings: self) }
}
