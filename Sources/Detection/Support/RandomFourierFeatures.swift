import Features

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random Fourier features of the Gaussian (RBF) kernel k(x, y) = exp(−‖x − y‖² / (2σ²))
/// (Rahimi & Recht, "Random features for large-scale kernel machines", NeurIPS 2007):
/// z(x)ⱼ = √(2/D) · cos(ωⱼ·x + bⱼ) with ωⱼ ~ N(0, σ⁻² I) and bⱼ ~ U[0, 2π), so that
/// E[z(x)·z(y)] = k(x, y). Means of z over two samples then give their kernel MMD in O(D) instead
/// of O(n·m) kernel evaluations (``KernelMMD``).
///
/// The frequencies are a fixed function of (`seed`, index) through SplitMix64's finaliser and
/// Box–Muller (computed once, with the C library's `log` and `cos`), and the cosine on the hot
/// path is a fixed polynomial.
public struct RandomFourierFeatures: Sendable {
    /// Input dimension d.
    public let inputDimension: Int
    /// Number of features D.
    public let count: Int
    /// The kernel's bandwidth σ.
    public let bandwidth: Double
    /// ω, transposed: `frequencies[k * count + j]` is ωⱼ's coordinate k (scaled by 1/2π, see
    /// ``phases``), so that one input coordinate updates every feature in one pass.
    private let frequencies: [Float]
    /// bⱼ / 2π.
    private let phases: [Float]
    private let scale: Float

    /// Features for inputs of `inputDimension` with `count` features and bandwidth `bandwidth`.
    public init(inputDimension: Int, count: Int, bandwidth: Double, seed: UInt64 = 0x4D4D_445F_5246_4631) {
        precondition(inputDimension > 0 && count > 0 && bandwidth > 0)
        self.inputDimension = inputDimension
        self.count = count
        self.bandwidth = bandwidth
        var frequencies = [Float](repeating: 0, count: inputDimension * count)
        let perTurn = 1 / (bandwidth * 2 * Double.pi)
        for k in 0..<inputDimension {
            for j in 0..<count {
                frequencies[k * count + j] = Float(Self.normal(seed, UInt64(j * inputDimension + k)) * perTurn)
            }
        }
        self.frequencies = frequencies
        phases = (0..<count).map { j in Float(Self.uniform(PromptFeaturizer.mix(seed ^ 0xB1A5 &+ UInt64(j)))) }
        scale = Float((2 / Double(count)).squareRoot())
    }

    /// A uniform number in [0, 1) from the top 53 bits of `bits`.
    @inline(__always)
    static func uniform(_ bits: UInt64) -> Double { Double(bits >> 11) * 0x1p-53 }

    /// A standard normal number, the `index`-th of `seed`'s sequence (Box–Muller).
    static func normal(_ seed: UInt64, _ index: UInt64) -> Double {
        let a = PromptFeaturizer.mix(seed &+ 2 &* index)
        let b = PromptFeaturizer.mix(seed &+ 2 &* index &+ 1)
        let u = 1 - uniform(a)  // (0, 1]
        let v = uniform(b)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Writes z(`input`) to `output` (`count` values) and returns ‖z‖².
    ///
    /// - Parameters:
    ///   - input: `inputDimension` values (zeros are skipped: hashed embeddings are sparse).
    ///   - output: room for `count` values.
    ///   - nonZero: scratch room for `inputDimension` indices.
    @inline(__always)
    public func transform(
        _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutablePointer<Float>, nonZero: UnsafeMutablePointer<Int32>
    ) -> Float {
        let count = self.count
        let dimension = min(input.count, inputDimension)
        // The non-zero coordinates, gathered without a branch (on the bits: ±0 are zero).
        var used = 0
        for k in 0..<dimension {
            nonZero[used] = Int32(truncatingIfNeeded: k)
            let magnitude = input[k].bitPattern << 1
            used &+= Int((magnitude | (0 &- magnitude)) >> 31)
        }
        var squares: Float = 0
        frequencies.withUnsafeBufferPointer { omega in
            phases.withUnsafeBufferPointer { phase in
                let omega = UnsafeRawPointer(omega.baseAddress.unsafelyUnwrapped)
                let phase = UnsafeRawPointer(phase.baseAddress.unsafelyUnwrapped)
                let stride = count * MemoryLayout<Float>.stride
                var j = 0
                // Tiles of 32 features, accumulated in registers over the non-zero coordinates.
                while j + 32 <= count {
                    let offset = j * MemoryLayout<Float>.stride
                    var a0 = phase.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                    var a1 = phase.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)
                    var a2 = phase.loadUnaligned(fromByteOffset: offset + 64, as: SIMD8<Float>.self)
                    var a3 = phase.loadUnaligned(fromByteOffset: offset + 96, as: SIMD8<Float>.self)
                    for u in 0..<used {
                        let k = Int(nonZero[u])
                        let x = SIMD8<Float>(repeating: input[k])
                        let row = k &* stride &+ offset
                        a0 += omega.loadUnaligned(fromByteOffset: row, as: SIMD8<Float>.self) * x
                        a1 += omega.loadUnaligned(fromByteOffset: row + 32, as: SIMD8<Float>.self) * x
                        a2 += omega.loadUnaligned(fromByteOffset: row + 64, as: SIMD8<Float>.self) * x
                        a3 += omega.loadUnaligned(fromByteOffset: row + 96, as: SIMD8<Float>.self) * x
                    }
                    let scale = SIMD8<Float>(repeating: scale)
                    let z0 = scale * Self.cosineOfTurns(a0)
                    let z1 = scale * Self.cosineOfTurns(a1)
                    let z2 = scale * Self.cosineOfTurns(a2)
                    let z3 = scale * Self.cosineOfTurns(a3)
                    let target = UnsafeMutableRawPointer(output + j)
                    target.storeBytes(of: z0, as: SIMD8<Float>.self)
                    target.storeBytes(of: z1, toByteOffset: 32, as: SIMD8<Float>.self)
                    target.storeBytes(of: z2, toByteOffset: 64, as: SIMD8<Float>.self)
                    target.storeBytes(of: z3, toByteOffset: 96, as: SIMD8<Float>.self)
                    squares += (z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3).sum()
                    j += 32
                }
                // The remaining features one at a time.
                while j < count {
                    var turns = phase.load(fromByteOffset: j * MemoryLayout<Float>.stride, as: Float.self)
                    for u in 0..<used {
                        let k = Int(nonZero[u])
                        turns += omega.load(fromByteOffset: k * stride + j * MemoryLayout<Float>.stride, as: Float.self) * input[k]
                    }
                    let value = scale * Self.cosineOfTurns(SIMD8<Float>(repeating: turns))[0]
                    output[j] = value
                    squares += value * value
                    j += 1
                }
            }
        }
        return squares
    }

    /// cos(2π·t) lane by lane, by reduction to t ∈ [0, ¼] and a Taylor polynomial (error below
    /// 1e-7), without branches.
    @inline(__always) @usableFromInline
    static func cosineOfTurns(_ turns: SIMD8<Float>) -> SIMD8<Float> {
        var t = turns - turns.rounded(.toNearestOrEven)  // [−½, ½]
        t.replace(with: -t, where: t .< 0)  // cos is even: [0, ½]
        let flip = t .> 0.25
        t.replace(with: 0.5 - t, where: flip)  // cos(2π(½ − t)) = −cos(2πt): [0, ¼]
        let x = 2 * Float.pi * t  // [0, π/2]
        let x2 = x * x
        // 1 − x²/2! + x⁴/4! − … − x¹⁴/14!, Horner.
        var p = SIMD8<Float>(repeating: -1.147_074_6e-11)  // 1/14!
        p = p * x2 + 1.0 / 479_001_600
        p = p * x2 - 1.0 / 3_628_800
        p = p * x2 + 1.0 / 40_320
        p = p * x2 - 1.0 / 720
        p = p * x2 + 1.0 / 24
        p = p * x2 - 0.5
        p = p * x2 + 1
        p.replace(with: -p, where: flip)
        return p
    }
}
