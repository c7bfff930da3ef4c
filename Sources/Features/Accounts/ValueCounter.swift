/// The values one account used in one categorical request field, with their counts: exact for
/// the first ``capacity`` distinct values, saturating after that.
///
/// A value first seen after ``capacity`` others is not counted (``isSaturated`` records that it
/// happened), so ``distinct`` never exceeds ``capacity`` and ``mode`` is the most frequent of
/// the first ``capacity`` values. Memory per account is bounded; one allocation, none for an
/// account that never sent a request. Consecutive requests of an account usually repeat a
/// value, so a run of the same value is counted in the counter itself and only written to the
/// table when the value changes: the common case touches no array.
struct ValueCounter: Sendable {
    /// The most distinct values counted exactly.
    static let capacity = 64

    /// `value << 32 | count` for each value, in order of first appearance; the current run is
    /// not in it yet.
    private var entries: [UInt64] = []
    /// The value of the current run.
    private var runValue: UInt32 = 0
    /// Occurrences of ``runValue`` not yet added to ``entries`` (0: no run yet).
    private var runLength: UInt32 = 0
    /// The entry of ``runValue``, or -1 if it is not counted (saturated).
    private var runEntry: Int32 = -1
    /// Whether a value arrived after ``capacity`` distinct ones and went uncounted.
    private(set) var isSaturated = false

    /// Counts one occurrence of `value`.
    @inline(__always)
    mutating func add(_ value: UInt32) {
        if value == runValue, runLength > 0 {
            runLength &+= 1
        } else {
            startRun(value)
        }
    }

    private mutating func startRun(_ value: UInt32) {
        flush()
        runValue = value
        runLength = 1
        for index in entries.indices where UInt32(truncatingIfNeeded: entries[index] >> 32) == value {
            runEntry = Int32(index)
            return
        }
        if entries.count < Self.capacity {
            entries.append(UInt64(value) << 32)
            runEntry = Int32(entries.count - 1)
        } else {
            isSaturated = true
            runEntry = -1
        }
    }

    private mutating func flush() {
        if runEntry >= 0 { entries[Int(runEntry)] &+= UInt64(runLength) }
        runLength = 0
    }

    /// The number of distinct values counted (at most ``capacity``).
    var distinct: Int { entries.count }

    /// The most frequent value counted; among equally frequent ones the smallest. `nil` if none.
    var mode: UInt32? {
        var best: (value: UInt32, count: UInt64)?
        for (index, entry) in entries.enumerated() {
            let value = UInt32(truncatingIfNeeded: entry >> 32)
            let count = (entry & 0xffff_ffff) + (index == Int(runEntry) ? UInt64(runLength) : 0)
            if let current = best, count < current.count || (count == current.count && value > current.value) {
                continue
            }
            best = (value, count)
        }
        return best?.value
    }
}
