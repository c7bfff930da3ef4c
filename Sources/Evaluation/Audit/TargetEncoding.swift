/// Cross-fitted target encoding of a categorical feature: each account's category replaced by
/// the smoothed positive rate of that category among the accounts of the *other* folds
/// (Micci-Barreca, "A preprocessing scheme for high-cardinality categorical attributes", SIGKDD
/// Explorations 3(1), 2001, for the smoothing; out-of-fold fitting as in scikit-learn's
/// `TargetEncoder`, which cross-fits for the same reason).
///
/// With P₋ₖ(c) positives among T₋ₖ(c) accounts of category c outside fold k, and p the positive
/// rate of all accounts, an account of fold k and category c is encoded as
///
///     (P₋ₖ(c) + m·p) / (T₋ₖ(c) + m)
///
/// with m = ``smoothing`` pseudo-accounts at the global rate. A category absent from the other
/// folds gets exactly `(0 + m·p)/(0 + m)`, the same number for every such account. So a
/// value shared by many accounts of one class separates (its rate is learnt on other accounts
/// and carries over), while a value unique to one account — an id-like field — learns nothing
/// and cannot separate by overfitting: its AUC stays at ½.
///
/// Folds are assigned by a hash of the account id (``fold(of:)``), not by position or a seeded
/// generator, so the encoding of a trace is deterministic and does not depend on table order.
public enum TargetEncoding {
    /// The number of folds.
    public static let folds = 5
    /// Pseudo-accounts at the global positive rate added to every category (m).
    public static let smoothing = 10.0

    /// The fold (0 ..< ``folds``) of an account: FNV-1a 64 of its UTF-8 id, finalised with
    /// MurmurHash3's 64-bit mixer, modulo ``folds``.
    public static func fold(of account: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return Int(hash % UInt64(folds))
    }

    /// The cross-fitted encoding of each account.
    ///
    /// - Parameters:
    ///   - codes: each account's category, `0 ..< categoryCount`.
    ///   - labels: each account's label (`true` = positive).
    ///   - folds: each account's fold, `0 ..< TargetEncoding.folds` (see ``fold(of:)``).
    /// - Precondition: the three arrays have the same length.
    public static func encode(
        codes: [UInt32], categoryCount: Int, labels: [Bool], folds: [Int], smoothing: Double = smoothing
    ) -> [Double] {
        precondition(codes.count == labels.count && codes.count == folds.count, "mismatched lengths")
        let foldCount = Self.folds
        // Counts per (fold, category), then per category over every fold.
        var positives = [Int](repeating: 0, count: foldCount * categoryCount)
        var totals = [Int](repeating: 0, count: foldCount * categoryCount)
        for i in codes.indices {
            let slot = folds[i] * categoryCount + Int(codes[i])
            totals[slot] += 1
            if labels[i] { positives[slot] += 1 }
        }
        var allPositives = [Int](repeating: 0, count: categoryCount)
        var allTotals = [Int](repeating: 0, count: categoryCount)
        for fold in 0..<foldCount {
            for category in 0..<categoryCount {
                allPositives[category] += positives[fold * categoryCount + category]
                allTotals[category] += totals[fold * categoryCount + category]
            }
        }
        let rate = codes.isEmpty ? 0 : Double(labels.lazy.filter { $0 }.count) / Double(codes.count)
        let prior = smoothing * rate
        return codes.indices.map { i in
            let category = Int(codes[i])
            let slot = folds[i] * categoryCount + category
            let outsidePositives = allPositives[category] - positives[slot]
            let outsideTotal = allTotals[category] - totals[slot]
            return (Double(outsidePositives) + prior) / (Double(outsideTotal) + smoothing)
        }
    }
}
