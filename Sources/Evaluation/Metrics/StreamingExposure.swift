import Detection
import Traffic

/// The exposure ledgers of several detectors, computed during the detector pass itself (issue
/// 10: one pass over the data): each request is taken against the change points its account
/// already has, so nothing needs to be read or generated a second time.
///
/// The ``ExposureLedger`` definitions hold unchanged: a change point at `t` of account `a` sees
/// the requests of `a` served with `ts < t`, and each campaign the member's points belong to,
/// its requests with `ts < t`. Requests are taken one batch behind the detectors, so a rise
/// recorded while the next batch is observed (the same millisecond split over two batches) is
/// still placed before the requests it blocks. A detector that records a rise at a time its
/// account (or campaign) has already passed in the ledger is *late* (an external program that
/// answers after the fact can be): its ledger is then built by the exact second pass of
/// ``ExposureLedger``, which ``lateDetectors`` names.
///
/// Memory: per account 40 bytes, per campaign 16, per change point 40; one batch's accounts,
/// times, tokens and labels held back.
public struct StreamingExposure: Sendable {
    /// The truth the ledgers attribute traffic with.
    public let truth: TruthTable

    /// Served traffic so far and the last request's time, per account.
    private struct Served {
        var requests = 0
        var tokens = 0
        var lastTime = Int64.min
    }

    /// A recorded rise waiting for the ledger to reach its time.
    private struct Pending: Comparable {
        var time: Int64
        var detector: Int32
        var account: UInt32
        /// The rise's index on its detector's board.
        var index: Int

        static func < (a: Pending, b: Pending) -> Bool { (a.time, a.detector, a.index) < (b.time, b.detector, b.index) }
    }

    /// What one detector's rises saw, by board index.
    private struct Track {
        var requestsBefore: [Int] = []
        var tokensBefore: [Int] = []
        /// Campaign requests before each (campaign, time) a member's rise was recorded at.
        var campaignBefore: [CampaignTime: Int] = [:]
        var isLate = false
    }

    private struct CampaignTime: Hashable {
        var campaign: Int32
        var time: Int64
    }

    /// One batch's columns the ledger reads, held back one batch.
    private struct HeldBatch {
        var accounts: [UInt32]
        var timestamps: [Int64]
        var tokens: [Int32]
        var labels: [Int32]?
    }

    private var served: [Served]
    private var campaignRequests: [Int]
    private var campaignLastTime: [Int64]
    /// The campaigns listing each account as a member (usually none or one).
    private let campaignsOfAccount: [[Int32]]
    private var tracks: [Track]
    private var pending: [Pending] = []
    private var held: HeldBatch?
    private var lastTime = Int64.min
    private var labelledBatches = 0
    private var unlabelledBatches = 0
    private var requestCount = 0
    private var isFinished = false

    /// Ledgers for `detectors` detectors over the account table of `truth`.
    public init(detectors: Int, truth: TruthTable) {
        self.truth = truth
        served = Array(repeating: Served(), count: truth.accountCount)
        campaignRequests = Array(repeating: 0, count: truth.campaigns.count)
        campaignLastTime = Array(repeating: .min, count: truth.campaigns.count)
        var campaignsOfAccount = [[Int32]](repeating: [], count: truth.accountCount)
        for (campaign, members) in truth.members.enumerated() {
            for member in members where !campaignsOfAccount[Int(member)].contains(Int32(campaign)) {
                campaignsOfAccount[Int(member)].append(Int32(campaign))
            }
        }
        self.campaignsOfAccount = campaignsOfAccount
        tracks = Array(repeating: Track(), count: detectors)
    }

    /// The detectors (by index) whose rises came late: their ledgers need the second pass.
    public var lateDetectors: [Int] { tracks.indices.filter { tracks[$0].isLate } }

    /// Takes the next batch and the rises each detector recorded while observing it (in
    /// detector order; each detector's in board order, continuing the previous calls').
    ///
    /// - Throws: ``MetricsError`` for a request older than the previous one, an account code
    ///   outside the table, a campaign label out of range or a label count that differs from
    ///   the request count.
    public mutating func observe(
        _ batch: RequestBatch, campaignLabels: [Int32]?, rises: [ArraySlice<ScoreBoard.ChangePoint>]
    ) throws(MetricsError) {
        guard !isFinished else { throw .ledgerFinished }
        try validate(batch, campaignLabels: campaignLabels)
        if campaignLabels == nil { unlabelledBatches += 1 } else { labelledBatches += 1 }
        requestCount += batch.count
        if let last = batch.timestamps.last { lastTime = last }
        enqueue(rises)
        if let held { take(held) }
        held = HeldBatch(
            accounts: batch.accounts, timestamps: batch.timestamps, tokens: batch.completionTokens, labels: campaignLabels)
    }

    /// Takes the rises recorded after the last batch (by `finish`) and closes every ledger.
    public mutating func finish(rises: [ArraySlice<ScoreBoard.ChangePoint>]) {
        guard !isFinished else { return }
        enqueue(rises)
        if let held { take(held) }
        held = nil
        pass(to: .max)
        isFinished = true
    }

    /// The finished ledger of detector `detector` over its `scores`; nil if its rises were late.
    public func ledger(of detector: Int, scores: ScoreHistory, board: ScoreBoard) throws(MetricsError) -> ExposureLedger? {
        let track = tracks[detector]
        guard isFinished, !track.isLate else { return nil }
        struct Key: Hashable {
            var account: UInt32
            var time: Int64
        }
        var before: [Key: (requests: Int, tokens: Int)] = [:]
        for (index, point) in board.changePoints.enumerated() where index < track.requestsBefore.count {
            let key = Key(account: point.account, time: point.time)
            if before[key] == nil { before[key] = (track.requestsBefore[index], track.tokensBefore[index]) }
        }
        var requestsBefore = [Int](repeating: 0, count: scores.changePointCount)
        var tokensBefore = [Int](repeating: 0, count: scores.changePointCount)
        for account in 0..<scores.accountCount {
            for k in scores.changePoints(of: account) {
                let value = before[Key(account: UInt32(account), time: scores.times[k])] ?? (0, 0)
                requestsBefore[k] = value.requests
                tokensBefore[k] = value.tokens
            }
        }
        return try ExposureLedger(
            scores: scores, truth: truth, requestsBefore: requestsBefore, tokensBefore: tokensBefore,
            servedRequests: served.map(\.requests), servedTokens: served.map(\.tokens), campaignRequests: campaignRequests,
            campaignRequestsBefore: { campaign, time in track.campaignBefore[CampaignTime(campaign: Int32(campaign), time: time)] ?? 0 },
            labelledBatches: labelledBatches, unlabelledBatches: unlabelledBatches, requestCount: requestCount)
    }

    // MARK: - The pass

    /// Queues new rises, marking a detector late if a rise's account or campaign is past it.
    private mutating func enqueue(_ rises: [ArraySlice<ScoreBoard.ChangePoint>]) {
        var added: [Pending] = []
        for (detector, points) in rises.enumerated() where detector < tracks.count {
            let count = tracks[detector].requestsBefore.count + points.count
            tracks[detector].requestsBefore.reserveCapacity(count)
            for point in points {
                let index = tracks[detector].requestsBefore.count
                tracks[detector].requestsBefore.append(0)
                tracks[detector].tokensBefore.append(0)
                let account = Int(point.account)
                guard account < served.count else { continue }
                if point.time <= served[account].lastTime
                    || campaignsOfAccount[account].contains(where: { point.time <= campaignLastTime[Int($0)] })
                {
                    tracks[detector].isLate = true
                }
                added.append(Pending(time: point.time, detector: Int32(detector), account: point.account, index: index))
            }
        }
        guard !added.isEmpty else { return }
        added.sort()
        pending = Self.merge(pending, added)
    }

    /// Takes a held batch's requests in order, passing the rises due before each.
    private mutating func take(_ batch: HeldBatch) {
        var next = 0
        var nextTime = pending.first?.time ?? .max
        for index in batch.timestamps.indices {
            let time = batch.timestamps[index]
            if time >= nextTime {
                next = pass(from: next, to: time)
                nextTime = next < pending.count ? pending[next].time : .max
            }
            let account = Int(batch.accounts[index])
            served[account].lastTime = time
            let campaign = batch.labels?[index] ?? -2
            if campaign == -2 {
                served[account].requests &+= 1
                served[account].tokens &+= Int(batch.tokens[index])
                let own = truth.campaignOfAccount[account]
                if own >= 0 { countCampaignRequest(Int(own), at: time) }
            } else {
                if campaign >= 0 || !truth.positives[account] {
                    served[account].requests &+= 1
                    served[account].tokens &+= Int(batch.tokens[index])
                }
                if campaign >= 0 { countCampaignRequest(Int(campaign), at: time) }
            }
        }
        pending.removeFirst(next)
    }

    @inline(__always)
    private mutating func countCampaignRequest(_ campaign: Int, at time: Int64) {
        campaignRequests[campaign] &+= 1
        campaignLastTime[campaign] = time
    }

    /// Records, for the queued rises from `start` with times ≤ `time`, what was served before
    /// them; returns the index of the first rise left.
    private mutating func pass(from start: Int, to time: Int64) -> Int {
        var next = start
        while next < pending.count, pending[next].time <= time {
            let rise = pending[next]
            let account = Int(rise.account)
            let detector = Int(rise.detector)
            tracks[detector].requestsBefore[rise.index] = served[account].requests
            tracks[detector].tokensBefore[rise.index] = served[account].tokens
            for campaign in campaignsOfAccount[account] {
                let key = CampaignTime(campaign: campaign, time: rise.time)
                if tracks[detector].campaignBefore[key] == nil {
                    tracks[detector].campaignBefore[key] = campaignRequests[Int(campaign)]
                }
            }
            next += 1
        }
        return next
    }

    private mutating func pass(to time: Int64) {
        let next = pass(from: 0, to: time)
        pending.removeFirst(next)
    }

    private static func merge(_ a: [Pending], _ b: [Pending]) -> [Pending] {
        guard !a.isEmpty else { return b }
        var merged: [Pending] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if b[j] < a[i] {
                merged.append(b[j])
                j += 1
            } else {
                merged.append(a[i])
                i += 1
            }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }

    /// Checks a batch before any of it is taken.
    private func validate(_ batch: RequestBatch, campaignLabels: [Int32]?) throws(MetricsError) {
        if let campaignLabels, campaignLabels.count != batch.count {
            throw .labelCountMismatch(requests: batch.count, labels: campaignLabels.count)
        }
        try ExposureLedger.check(
            batch, after: lastTime, accounts: truth.accountCount, campaigns: truth.campaigns.count, labels: campaignLabels)
    }
}
