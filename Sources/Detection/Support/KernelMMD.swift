#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The maximum mean discrepancy of two samples under a Gaussian kernel (Gretton et al., "A kernel
/// two-sample test", JMLR 2012): exactly, in O(n·m·d), and from random-Fourier-feature sums, in
/// O(D); and the median heuristic for the bandwidth.
public enum KernelMMD {
    /// The unbiased estimate MMD²ᵤ of samples `x` and `y` (rows of `dimension` values, row-major)
    /// under k(a, b) = exp(−‖a − b‖² / (2σ²)), σ = `bandwidth`:
    /// Σᵢ≠ⱼ k(xᵢ, xⱼ)/(n(n−1)) + Σᵢ≠ⱼ k(yᵢ, yⱼ)/(m(m−1)) − 2 Σᵢⱼ k(xᵢ, yⱼ)/(nm).
    /// Each sample needs at least two rows (else 0).
    public static func exact(_ x: [Float], _ y: [Float], dimension: Int, bandwidth: Double) -> Double {
        let n = x.count / dimension
        let m = y.count / dimension
        guard n >= 2, m >= 2 else { return 0 }
        let gamma = 1 / (2 * bandwidth * bandwidth)
        func kernelSum(_ a: [Float], _ b: [Float], rowsA: Int, rowsB: Int, skipDiagonal: Bool) -> Double {
            var total = 0.0
            for i in 0..<rowsA {
                for j in 0..<rowsB where !(skipDiagonal && i == j) {
                    var squared: Float = 0
                    for k in 0..<dimension {
                        let difference = a[i * dimension + k] - b[j * dimension + k]
                        squared += difference * difference
                    }
                    total += exp(-Double(squared) * gamma)
                }
            }
            return total
        }
        let xx = kernelSum(x, x, rowsA: n, rowsB: n, skipDiagonal: true) / Double(n * (n - 1))
        let yy = kernelSum(y, y, rowsA: m, rowsB: m, skipDiagonal: true) / Double(m * (m - 1))
        let xy = kernelSum(x, y, rowsA: n, rowsB: m, skipDiagonal: false) / Double(n * m)
        return xx + yy - 2 * xy
    }

    /// The unbiased MMD²ᵤ of two samples under the kernel k̃(a, b) = z(a)·z(b) of random Fourier
    /// features, from each sample's feature sum S, sum of squared norms Q = Σ‖z‖² and size:
    /// Σᵢ≠ⱼ k̃(xᵢ, xⱼ) = ‖Sₓ‖² − Qₓ, so the value equals ``exact(_:_:dimension:bandwidth:)`` with
    /// k̃ in place of k. Each sample needs at least two rows (else 0).
    public static func fromFeatureSums(
        _ sumX: UnsafeBufferPointer<Double>, squaresX: Double, countX: Double,
        _ sumY: UnsafeBufferPointer<Double>, squaresY: Double, countY: Double
    ) -> Double {
        guard countX >= 2, countY >= 2 else { return 0 }
        var xx = 0.0
        var yy = 0.0
        var xy = 0.0
        for j in 0..<min(sumX.count, sumY.count) {
            xx += sumX[j] * sumX[j]
            yy += sumY[j] * sumY[j]
            xy += sumX[j] * sumY[j]
        }
        return (xx - squaresX) / (countX * (countX - 1)) + (yy - squaresY) / (countY * (countY - 1))
            - 2 * xy / (countX * countY)
    }

    /// The median heuristic (Gretton et al. 2012): the median of the positive Euclidean distances
    /// between distinct rows of `rows` (row-major, `dimension` values each; the lower median for
    /// an even count, as `torch.median` in the paper's code); 1 if there is none.
    public static func medianDistance(_ rows: [Float], dimension: Int) -> Double {
        let n = rows.count / dimension
        var distances: [Float] = []
        distances.reserveCapacity(n * (n - 1) / 2)
        rows.withUnsafeBufferPointer { buffer in
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    var squared: Float = 0
                    for k in 0..<dimension {
                        let difference = buffer[i * dimension + k] - buffer[j * dimension + k]
                        squared += difference * difference
                    }
                    if squared > 0 { distances.append(squared) }
                }
            }
        }
        guard !distances.isEmpty else { return 1 }
        distances.sort()
        return Double(distances[(distances.count - 1) / 2]).squareRoot()
    }
}
