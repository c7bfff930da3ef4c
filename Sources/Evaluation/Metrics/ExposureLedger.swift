import Traffic

/// What every account was served before each of its flags: the second pass over the traffic
/// that makes leaked volume, collateral and campaign requests before detection exact for every
/// threshold at once (DESIGN §5).
///
/// Built from a detector's ``ScoreHistory`` and the ``TruthTable``, then fed the same request
/// batches as the detector, in time order (``observe(_:campaignLabels:)``), then ``finish()``ed.
/// It records, for every change point `k` of account `a` at time `t_k`:
///
/// - the requests and completion tokens served to `a` with `ts < t_k` ("before the flag"). A
///   request in the **same millisecond** as the flag counts as blocked: the flag is raised by a
///   request at `t_k`, and a gateway blocking on it cannot tell apart requests of that
///   millisecond, so the conservative reading (the block takes effect at `t_k`) is used.
/// - for the campaign `a` belongs to, the campaign's requests with `ts < t_k`, so that "campaign
///   requests served before detection" is exact for any threshold.
///
/// and the totals per account and per campaign.
///
/// **Served traffic.** For a positive account, only its campaign's requests count as served
/// (a `mixed` reseller account also carries genuine end-user traffic, which leaks nothing) when
/// campaign labels are given (`request_labels.csv`); without labels, all its requests. For a
/// benign account, all its requests (they are what a false flag blocks). A campaign's requests
/// are those labelled with it; without labels, all requests of its member accounts.
///
/// Memory grows with accounts, campaigns and change points, not with requests: 32 bytes of hot
/// state per account plus a cursor; each batch is one loop over its columns with no dispatch
/// (≈ 23–27 M requests/s in release over 1 M accounts on this 2-core machine, under load).
public struct ExposureLedger: Sendable {
    /// The detector's change points.
    public let scores: ScoreHistory
    /// The truth the ledger attributes traffic with.
    public let truth: TruthTable

    /// Per change point: served requests of its account with `ts` before it.
    public private(set) var requestsBefore: [Int]
    /// Per change point: served completion tokens of its account with `ts` before it.
    public private(set) var tokensBefore: [Int]
    /// Per account: served requests in total (filled by ``finish()``).
    public private(set) var servedRequests: [Int]
    /// Per account: served completion tokens in total (filled by ``finish()``).
    public private(set) var servedTokens: [Int]
    /// Per campaign: its requests in total (filled by ``finish()``).
    public private(set) var campaignRequests: [Int]
    /// Campaign change-point times: those of campaign `c` are at indices
    /// `campaignOffsets[c] ..< campaignOffsets[c + 1]` of ``campaignTimes``, ascending, distinct.
    public let campaignOffsets: [Int]
    /// The distinct change-point times of each campaign's members, ascending per campaign.
    public let campaignTimes: [Int64]
    /// Per campaign change-point time: the campaign's requests with `ts` before it.
    public private(set) var campaignRequestsBefore: [Int]
    /// Whether ``finish()`` was called.
    public private(set) var isFinished = false
    /// Batches observed with and without campaign labels.
    public private(set) var labelledBatches = 0
    public private(set) var unlabelledBatches = 0
    /// Requests observed.
    public private(set) var requestCount = 0

    /// The hot per-account state of the pass, 32 bytes: the time of the next change point to
    /// pass and the running totals. (The index of that change point is cold: ``nextPoint``.)
    struct Tally {
        /// Time of the next change point (`Int64.max` when none is left).
        var nextTime: Int64
        var requests = 0
        var tokens = 0
        var campaign: Int32
        var positive: Bool
    }

    /// The per-campaign state of the pass.
    struct CampaignCursor {
        var nextTime: Int64
        var next: Int
        var end: Int
        var requests = 0
    }

    private var tallies: [Tally]
    /// Per account: the index of its next change point to pass.
    private var nextPoint: [Int]
    private var campaignCursors: [CampaignCursor]
    private var lastTime = Int64.min

    /// An empty ledger for `scores` attributed with `truth`.
    ///
    /// - Throws: ``MetricsError/accountCountMismatch(scores:truth:)`` if they cover different
    ///   account tables.
    public init(scores: ScoreHistory, truth: TruthTable) throws(MetricsError) {
        guard scores.accountCount == truth.accountCount else {
            throw .accountCountMismatch(scores: scores.accountCount, truth: truth.accountCount)
        }
        self.scores = scores
        self.truth = truth
        requestsBefore = [Int](repeating: 0, count: scores.changePointCount)
        tokensBefore = [Int](repeating: 0, count: scores.changePointCount)
        servedRequests = []
        servedTokens = []
        campaignRequests = []
        tallies = (0..<scores.accountCount).map { account in
            let points = scores.changePoints(of: account)
            return Tally(
                nextTime: points.isEmpty ? .max : scores.times[points.lowerBound],
                campaign: truth.campaignOfAccount[account], positive: truth.positives[account])
        }
        nextPoint = Array(scores.offsets.dropLast())
        (campaignOffsets, campaignTimes) = Self.campaignTimes(scores: scores, truth: truth)
        let (offsets, times) = (campaignOffsets, campaignTimes)
        campaignRequestsBefore = [Int](repeating: 0, count: times.count)
        campaignCursors = truth.members.indices.map { campaign in
            let start = offsets[campaign]
            let end = offsets[campaign + 1]
            return CampaignCursor(nextTime: start < end ? times[start] : .max, next: start, end: end)
        }
    }

    /// A finished ledger from values computed elsewhere (``StreamingExposure``): the totals
    /// before each change point of `scores`, the totals per account and campaign, and
    /// `campaignRequestsBefore(campaign, time)` for each campaign's change-point times.
    init(
        scores: ScoreHistory, truth: TruthTable, requestsBefore: [Int], tokensBefore: [Int], servedRequests: [Int],
        servedTokens: [Int], campaignRequests: [Int], campaignRequestsBefore: (Int, Int64) -> Int, labelledBatches: Int,
        unlabelledBatches: Int, requestCount: Int
    ) throws(MetricsError) {
        guard scores.accountCount == truth.accountCount else {
            throw .accountCountMismatch(scores: scores.accountCount, truth: truth.accountCount)
        }
        self.scores = scores
        self.truth = truth
        self.requestsBefore = requestsBefore
        self.tokensBefore = tokensBefore
        self.servedRequests = servedRequests
        self.servedTokens = servedTokens
        self.campaignRequests = campaignRequests
        (campaignOffsets, campaignTimes) = Self.campaignTimes(scores: scores, truth: truth)
        var before = [Int](repeating: 0, count: campaignTimes.count)
        for campaign in truth.members.indices {
            for index in campaignOffsets[campaign]..<campaignOffsets[campaign + 1] {
                before[index] = campaignRequestsBefore(campaign, campaignTimes[index])
            }
        }
        self.campaignRequestsBefore = before
        self.labelledBatches = labelledBatches
        self.unlabelledBatches = unlabelledBatches
        self.requestCount = requestCount
        tallies = []
        nextPoint = []
        campaignCursors = []
        isFinished = true
    }

    /// The distinct change-point times of each campaign's members, ascending, as compressed rows.
    private static func campaignTimes(scores: ScoreHistory, truth: TruthTable) -> (offsets: [Int], times: [Int64]) {
        var offsets = [0]
        var times: [Int64] = []
        for members in truth.members {
            var campaignTimes: [Int64] = []
            for member in members { campaignTimes += scores.changePoints(of: Int(member)).map { scores.times[$0] } }
            campaignTimes.sort()
            var previous: Int64?
            for time in campaignTimes where time != previous {
                times.append(time)
                previous = time
            }
            offsets.append(times.count)
        }
        return (offsets, times)
    }

    // MARK: - The pass

    /// Accounts for the next batch, which must follow the previous ones in time.
    ///
    /// - Parameters:
    ///   - batch: requests in time order, account codes of the account table.
    ///   - campaignLabels: `campaignLabels[i]` is the index in `truth.campaigns` of request `i`'s
    ///     campaign or -1 for genuine traffic; nil when unknown. Give labels for every batch or
    ///     for none.
    /// - Throws: ``MetricsError`` for an account code outside the table, a campaign label out of
    ///   range, a label count that differs from the request count, a request older than one
    ///   already seen, or a ledger already finished. A batch that throws is not accounted for.
    public mutating func observe(_ batch: RequestBatch, campaignLabels: [Int32]?) throws(MetricsError) {
        guard !isFinished else { throw .ledgerFinished }
        let count = batch.count
        if let campaignLabels, campaignLabels.count != count {
            throw .labelCountMismatch(requests: count, labels: campaignLabels.count)
        }
        try validate(batch, campaignLabels: campaignLabels)
        if campaignLabels == nil { unlabelledBatches += 1 } else { labelledBatches += 1 }
        guard count > 0 else { return }
        requestCount += count
        lastTime = batch.timestamps[count - 1]

        // Own the state for the loop (no copy-on-write, no exclusivity checks on self).
        var tallies = self.tallies
        var campaigns = campaignCursors
        self.tallies = []
        campaignCursors = []
        defer {
            self.tallies = tallies
            campaignCursors = campaigns
        }
        let labels = campaignLabels ?? []
        let labelled = campaignLabels != nil
        // Unchecked buffers: every account code and label was validated above.
        tallies.withUnsafeMutableBufferPointer { tally in
            batch.timestamps.withUnsafeBufferPointer { timestamps in
                batch.accounts.withUnsafeBufferPointer { accounts in
                    batch.completionTokens.withUnsafeBufferPointer { tokens in
                        labels.withUnsafeBufferPointer { labels in
                            if labelled {
                                for index in 0..<count {
                                    let time = timestamps[index]
                                    let account = Int(accounts[index])
                                    if time >= tally[account].nextTime {
                                        passPoints(of: account, to: time, tally: &tally[account])
                                    }
                                    let campaign = labels[index]
                                    // A positive account is served its campaign's requests only.
                                    if campaign >= 0 || !tally[account].positive {
                                        tally[account].requests &+= 1
                                        tally[account].tokens &+= Int(tokens[index])
                                    }
                                    if campaign >= 0 { countCampaignRequest(Int(campaign), at: time, in: &campaigns) }
                                }
                            } else {
                                for index in 0..<count {
                                    let time = timestamps[index]
                                    let account = Int(accounts[index])
                                    if time >= tally[account].nextTime {
                                        passPoints(of: account, to: time, tally: &tally[account])
                                    }
                                    tally[account].requests &+= 1
                                    tally[account].tokens &+= Int(tokens[index])
                                    let campaign = tally[account].campaign
                                    if campaign >= 0 { countCampaignRequest(Int(campaign), at: time, in: &campaigns) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Closes the pass: change points after the last request see every request before them.
    /// Idempotent.
    public mutating func finish() {
        guard !isFinished else { return }
        var tallies = self.tallies
        self.tallies = []
        for account in tallies.indices {
            passPoints(of: account, to: .max, tally: &tallies[account])
        }
        for campaign in campaignCursors.indices {
            Self.pass(
                to: .max, cursor: &campaignCursors[campaign], times: campaignTimes,
                requestsBefore: &campaignRequestsBefore)
        }
        servedRequests = tallies.map(\.requests)
        servedTokens = tallies.map(\.tokens)
        campaignRequests = campaignCursors.map(\.requests)
        nextPoint = []
        campaignCursors = []
        isFinished = true
    }

    // MARK: - Reading

    /// Whether campaign labels attributed the traffic (every batch came with labels).
    public var usedCampaignLabels: Bool { labelledBatches > 0 && unlabelledBatches == 0 }

    /// The requests of `campaign` served before `time` (`ts < time`), for `time` a change-point
    /// time of one of its members; nil for any other time.
    public func campaignRequests(of campaign: Int, before time: Int64) -> Int? {
        var low = campaignOffsets[campaign]
        var high = campaignOffsets[campaign + 1]
        while low < high {
            let middle = (low + high) / 2
            if campaignTimes[middle] < time { low = middle + 1 } else { high = middle }
        }
        guard low < campaignOffsets[campaign + 1], campaignTimes[low] == time else { return nil }
        return campaignRequestsBefore[low]
    }

    // MARK: - Inner loops

    /// Checks a batch before any of it is accounted for.
    private func validate(_ batch: RequestBatch, campaignLabels: [Int32]?) throws(MetricsError) {
        try Self.check(batch, after: lastTime, accounts: scores.accountCount, campaigns: truth.campaigns.count, labels: campaignLabels)
    }

    /// Checks a batch for a ledger pass (this one's or ``StreamingExposure``'s): times in order
    /// from `previous` on, account codes below `accounts`, labels -1 or below `campaigns`.
    static func check(
        _ batch: RequestBatch, after previous: Int64, accounts accountCount: Int, campaigns campaignCount: Int, labels: [Int32]?
    ) throws(MetricsError) {
        var previous = previous
        for time in batch.timestamps {
            guard time >= previous else { throw .outOfOrder(previous: previous, next: time) }
            previous = time
        }
        if let outside = batch.accounts.first(where: { Int($0) >= accountCount }) {
            throw .accountCodeOutOfRange(code: outside, accounts: accountCount)
        }
        if let labels, let bad = labels.first(where: { $0 >= campaignCount || $0 < -1 }) {
            throw .campaignLabelOutOfRange(label: bad, campaigns: campaignCount)
        }
    }

    /// Moves `account`'s cursor past its change points at or before `time`, recording for each
    /// the totals served so far (all strictly before it, since requests come in time order).
    private mutating func passPoints(of account: Int, to time: Int64, tally: inout Tally) {
        var next = nextPoint[account]
        let end = scores.offsets[account + 1]
        while next < end, scores.times[next] <= time {
            requestsBefore[next] = tally.requests
            tokensBefore[next] = tally.tokens
            next += 1
        }
        nextPoint[account] = next
        tally.nextTime = next < end ? scores.times[next] : .max
    }

    /// Counts one request of `campaign` at `time`, first passing its change-point times ≤ `time`.
    @inline(__always)
    private mutating func countCampaignRequest(_ campaign: Int, at time: Int64, in campaigns: inout [CampaignCursor]) {
        if time >= campaigns[campaign].nextTime {
            Self.pass(
                to: time, cursor: &campaigns[campaign], times: campaignTimes, requestsBefore: &campaignRequestsBefore)
        }
        campaigns[campaign].requests += 1
    }

    /// Moves a campaign's cursor past its change-point times at or before `time`.
    @inline(__always)
    private static func pass(
        to time: Int64, cursor: inout CampaignCursor, times: [Int64], requestsBefore: inout [Int]
    ) {
        while cursor.next < cursor.end, times[cursor.next] <= time {
            requestsBefore[cursor.next] = cursor.requests
            cursor.next += 1
        }
        cursor.nextTime = cursor.next < cursor.end ? times[cursor.next] : .max
    }
}
