import Features
import Traffic

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags coordinated account clusters ("hydras"): accounts of different organisations tied by
/// several independent kinds of shared infrastructure, every member scored by its cluster.
///
/// Source: the 2026 provider reports on distillation campaigns (quoted in
/// `Sources/Simulation/Campaigns/TacticCatalog.swift`): ≈ 24,000 fraudulent accounts in
/// "hydra" clusters, linked by "shared payment methods, synchronized timing" and shared
/// infrastructure (proxy networks), sign-up waves and shared prompt templates; one proxy operator
/// ran > 20,000 accounts at once.
///
/// **Links.** Two accounts are linked when they share, and nothing in the account table explains
/// it (a link between two accounts of the same `org` is dropped: an organisation legitimately
/// shares a card, a campus network and system prompts across its accounts):
/// - *payment*: a payment instrument (account table);
/// - *schedule*: `sync_sessions` sessions (a request after `session_gap_ms` of silence) started
///   in the same minute, at least four times as many as started a minute apart (chance and shared
///   office hours make as many near misses as meetings);
/// - *network*: a network prefix (`ip`) with the same client fingerprint (`client_match`: the
///   TLS fingerprint by default — SDK versions drift between installs of one script), unless
///   more than `max_prefix_orgs` organisations used the prefix so far (a NAT, a cloud egress:
///   shared by many, evidence of none). A network link joins clusters only when one of its two
///   accounts is already in one (a proxy bridging card clusters); between two lone accounts it
///   only marks them: mobile carriers and campus networks put accounts of unrelated
///   organisations on one prefix every day (two labs of one university; at `realistic-mix`'s
///   full scale such links chained dozens of developers and lab accounts into clusters).
///
/// These join clusters (union–find). Three more kinds of evidence only mark the two accounts,
/// because benign accounts show them often by chance or before the value is known to be common:
/// - *system prompt*: one used by at most `max_system_orgs` organisations so far (stock prompts
///   such as "You are a helpful assistant." end up used by hundreds, but their first users
///   cannot know it);
/// - *template*: a near-duplicate of a prompt sent by another organisation's account (MinHash,
///   `bands` bands of `rows` bins, in a bucket at most `max_template_accounts` accounts have hit;
///   popular prompts and tutorials are shared across organisations everywhere);
/// - *creation burst*: created when sign-ups ran `burst_ratio` times above their rate of the
///   preceding week (at least `burst_min` in `creation_window_ms`).
///
/// **Score.** For an account in a cluster of n accounts whose members show E evidence kinds in
/// all (each member counts each kind once) and which itself shows k kinds:
///
///     min(1, log n / log full_size) · min(1, k / required_kinds) · min(1, E / (n · required_kinds))
///
/// — by size, by the account's own coordination and by the cluster's: two accounts sharing a card
/// and nothing else score log 2 / log 8 · ½ · ½ ≈ 0.08; a cluster of eight or more whose members
/// each show two kinds (a card and a sign-up wave, a card and a proxy) scores 1. Scores are recorded at the
/// account's requests and whenever it gains a link, in steps of 0.02.
///
/// **Causal.** Account-table links are formed when both accounts exist (`created` ≤ the time of
/// the request being read); request links from requests already read; a burst counts only
/// accounts created before. **Cost.** O(α(n)) per request plus `bands` probes of a fixed table;
/// memory ≈ 60 bytes per account, 8 per payment instrument and 136 per distinct request symbol
/// (the last 4 accounts of each prefix and system prompt); the template table (2^17 buckets,
/// 2 MiB: near-duplicates are found among roughly the last 30,000 prompts) and the pair table
/// (2^16 pairs, 1 MiB) are fixed.
///
/// Default threshold 0.5, checked on calibration seeds 900–909 (see ``defaultThreshold``).
public struct HydraDetector: ConfigurableDetector {
    /// The detector's parameters.
    public struct Settings: DetectorConfiguration {
        /// Which client fields must match for a shared prefix to link: `tls`, `tls+ua` or `none`.
        public var clientMatch: String = "tls"
        /// Organisations above which a prefix links nobody (default 4).
        public var maxPrefixOrgs: Int = 4
        /// Organisations above which a system prompt links nobody (default 3).
        public var maxSystemOrgs: Int = 3
        /// Accounts above which a template bucket marks nobody (default 4).
        public var maxTemplateAccounts: Int = 4
        /// MinHash bands and rows per band for near-duplicate prompts (defaults 4 × 8).
        public var bands: Int = 4
        public var rows: Int = 8
        /// Window of a creation burst, ms (default 1 hour).
        public var creationWindow: Double = 3_600_000
        /// Sign-ups in the window, against the preceding week's rate, that make a burst (default 4×).
        public var burstRatio: Double = 4
        /// Sign-ups in the window below which there is no burst (default 5).
        public var burstMinimum: Int = 5
        /// Sessions started in the same minute before two accounts are linked (default 8).
        public var syncSessions: Int = 8
        /// Silence that ends a session, ms (default 10 minutes).
        public var sessionGap: Double = 600_000
        /// Cluster size at which the size factor reaches 1 (default 8).
        public var fullSize: Double = 8
        /// Evidence kinds per account at which coordination counts in full (default 2).
        public var requiredKinds: Double = 2

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .choice("client_match", \.clientMatch, of: ["tls", "tls+ua", "none"], "client fields that must match for a shared prefix to link"),
                .integer("max_prefix_orgs", \.maxPrefixOrgs, in: 1...65_535, "organisations above which a prefix links nobody"),
                .integer("max_system_orgs", \.maxSystemOrgs, in: 1...65_535, "organisations above which a system prompt links nobody"),
                .integer("max_template_accounts", \.maxTemplateAccounts, in: 1...255, "accounts above which a template bucket marks nobody"),
                .integer("bands", \.bands, in: 0...16, "MinHash bands for near-duplicate prompts (0: no template evidence)"),
                .integer("rows", \.rows, in: 1...64, "MinHash bins per band"),
                .number("creation_window_ms", \.creationWindow, in: 60_000...2_592_000_000, "window of a creation burst, ms"),
                .number("burst_ratio", \.burstRatio, in: 1...1e6, "sign-ups in the window against the preceding week's rate that make a burst"),
                .integer("burst_min", \.burstMinimum, in: 1...1_000_000, "sign-ups in the window below which there is no burst"),
                .integer("sync_sessions", \.syncSessions, in: 1...255, "sessions started in the same minute before two accounts are linked"),
                .number("session_gap_ms", \.sessionGap, in: 1_000...86_400_000, "silence that ends a session, ms"),
                .number("full_size", \.fullSize, in: 2...1e9, "cluster size at which the size factor reaches 1"),
                .number("required_kinds", \.requiredKinds, in: 1...6, "evidence kinds per account at which coordination counts in full"),
            ]
        }

        private enum CodingKeys: String, CodingKey {
            case clientMatch = "client_match"
            case maxPrefixOrgs = "max_prefix_orgs"
            case maxSystemOrgs = "max_system_orgs"
            case maxTemplateAccounts = "max_template_accounts"
            case bands, rows
            case creationWindow = "creation_window_ms"
            case burstRatio = "burst_ratio"
            case burstMinimum = "burst_min"
            case syncSessions = "sync_sessions"
            case sessionGap = "session_gap_ms"
            case fullSize = "full_size"
            case requiredKinds = "required_kinds"
        }
    }

    /// The evidence kinds, as bits of ``AccountClusters`` masks.
    enum Evidence: Int {
        case payment = 0, network, systemPrompt, schedule, template, creationBurst

        /// Whether a link of this kind joins clusters (or only marks its two accounts); a network
        /// link joins only clusters that other links formed (see ``HydraDetector``).
        var joins: Bool {
            switch self {
            case .payment, .network, .schedule: true
            case .systemPrompt, .template, .creationBurst: false
            }
        }
    }

    public static let catalogName = "hydra"
    public static let summary = "clusters of accounts of different organisations sharing cards, networks, prompts, schedules and sign-up waves"
    public let settings: Settings
    /// 0.5: a cluster of at least three accounts each showing two kinds of evidence, or a larger
    /// one showing fewer. Checked on calibration seeds 900–909 of `tactic-hydra` and
    /// `tactic-cot-elicitation` and 900–904 of `realistic-mix` at scale 0.25: at 0.5, 379–394 of
    /// 400 hydra accounts flagged a seed and 0–4 of 4,000 developers (no other persona: research
    /// labs and enterprises share cards and networks inside their organisation only); 44–66 of 80
    /// cot accounts (they share cards in threes); on realistic-mix 161–196 of 375 hydra accounts
    /// (the naive third and part of the careful one; the expert one shares nothing) and 1–6 of
    /// 11,000 developers. Lower values flag benign pairs (a shared prefix and a common prompt
    /// score 0.33); `full_size` 4 caught 27 more realistic-mix hydra accounts but 17 more
    /// developers (seed 900). In generated traffic the second kind of evidence is often a
    /// template mark, because the generator's prompts come from shared pools: without template
    /// evidence (`bands=0`) hydra recall at 0.5 is 332–366 of 400 and 23–47 of 375, and AP is
    /// unchanged.
    public let defaultThreshold = 0.5

    /// The week before a sign-up whose rate a burst is measured against, ms.
    static let burstBaseline: Double = 7 * 86_400_000
    /// Buckets of the template table (a power of two; 16 bytes each, 2 MiB).
    static let templateBuckets = 1 << 17
    /// Entries of the co-started-session pair table (a power of two).
    static let pairEntries = 1 << 16
    /// Session starters kept per minute.
    static let startersPerMinute = 8

    // Account table.
    private var orgOf = PerAccount<UInt32>(.max)
    private var paymentOf = PerAccount<UInt32>(.max)
    private var knownOrgs: UInt32 = 0
    /// Per payment instrument: its first account, and the first of another organisation.
    private var paymentFirst: [UInt32] = []
    private var paymentOther: [UInt32] = []
    /// Accounts with a creation time, in creation order, and the next one to admit.
    private var creationOrder: [UInt32] = []
    private var creationTimes: [Int64] = []
    private var admitted = 0

    // Per account.
    private var clusters = AccountClusters()
    /// What an account sent last: together, so a request reads one place.
    struct Recent: Sendable {
        /// Its last prefix and system prompt (symbol codes; `.max`: none yet).
        var prefix: UInt32 = .max
        var system: UInt32 = .max
        /// Time of its last request (`.min`: none yet).
        var request: Int64 = .min
    }

    private var recent = PerAccount(Recent())
    private var steps = ScoreSteps(.additive(0.02), floor: 0.02)

    // Shared values.
    private var prefixes = SharedValueTable()
    private var systemPrompts = SharedValueTable()
    private var symbolsSeen = 0
    private var emptySymbol: UInt32?

    /// One bucket of the template table: a band key, the last account that hit it, its
    /// organisation, and how many accounts hit it (saturating).
    struct TemplateBucket {
        /// The band key's high 32 bits (its low bits chose the bucket); 0: empty.
        var key: UInt32 = 0
        var account: UInt32 = 0
        var org: UInt32 = 0
        var hits: UInt8 = 0
    }

    private var templates: [TemplateBucket]

    /// Co-started sessions of an account pair (lower code in the key's high half), in the same
    /// minute and a minute apart (saturating).
    struct PairCount {
        var key: UInt64 = .max
        var same: UInt8 = 0
        var near: UInt8 = 0
    }

    // Sessions: starters of the last 64 minutes, and co-start counts of account pairs.
    private var minuteOf = [Int64](repeating: .min, count: 64)
    private var starters = [UInt32](repeating: 0, count: 64 * HydraDetector.startersPerMinute)
    private var starterCount = [UInt8](repeating: 0, count: 64)
    private var pairs = [PairCount](repeating: PairCount(), count: HydraDetector.pairEntries)

    public var needs: PromptFeatureSet { settings.bands > 0 ? [.minHash] : [] }
    public var reads: Set<RequestField> { [.ts, .account, .ip, .ua, .tls, .system] }

    public init(settings: Settings = Settings()) {
        self.settings = settings
        templates = [TemplateBucket](repeating: TemplateBucket(), count: Self.templateBuckets)
    }

    public mutating func begin(accounts: [Account]) {
        var orgCodes: [String: UInt32] = [:]
        var paymentCodes: [String: UInt32] = [:]
        grow(to: accounts.count)
        for (index, account) in accounts.enumerated() {
            let org = orgCodes[account.org] ?? UInt32(orgCodes.count)
            orgCodes[account.org] = org
            orgOf[index] = org
            if !account.payment.isEmpty {
                let payment = paymentCodes[account.payment] ?? UInt32(paymentCodes.count)
                paymentCodes[account.payment] = payment
                paymentOf[index] = payment
            }
        }
        knownOrgs = UInt32(orgCodes.count)
        paymentFirst = [UInt32](repeating: .max, count: paymentCodes.count)
        paymentOther = [UInt32](repeating: .max, count: paymentCodes.count)
        creationOrder = accounts.indices.filter { accounts[$0].created > 0 }.map { UInt32($0) }
        creationOrder.sort { (accounts[Int($0)].created, $0) < (accounts[Int($1)].created, $1) }
        creationTimes = creationOrder.map { accounts[Int($0)].created }
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) {
        grow(to: batch.accountNames.count)
        growSymbols(batch.symbols)
        let bins = features.signatures.isEmpty ? 0 : features.settings.minHashBins
        let rows = settings.rows
        let bands = bins > 0 ? min(settings.bands, bins / rows) : 0
        let matchUA = settings.clientMatch == "tls+ua"
        let matchTLS = settings.clientMatch != "none"
        for i in 0..<batch.count {
            let account = batch.accounts[i]
            let time = batch.timestamps[i]
            while admitted < creationOrder.count, creationTimes[admitted] <= time {
                admit(creationOrder[admitted], time: time, board: &board)
                admitted += 1
            }
            let org = orgOf[account]
            var last = recent[account]
            defer { recent[account] = last }

            let prefix = batch.ips[i]
            if prefix != last.prefix, prefix != emptySymbol {
                last.prefix = prefix
                let client = (matchTLS ? UInt64(batch.tlsFingerprints[i]) : 0) | (matchUA ? UInt64(batch.userAgents[i]) << 32 : 0)
                let linked = prefixes.visit(prefix, account: account, org: org, client: client, maxOrgs: settings.maxPrefixOrgs)
                for lane in 0..<4 where linked[lane] != .max { link(account, linked[lane], .network, time: time, board: &board) }
            }
            let system = batch.systemPrompts[i]
            if system != last.system, system != emptySymbol {
                last.system = system
                let linked = systemPrompts.visit(system, account: account, org: org, client: 0, maxOrgs: settings.maxSystemOrgs)
                for lane in 0..<4 where linked[lane] != .max { link(account, linked[lane], .systemPrompt, time: time, board: &board) }
            }
            let previous = last.request
            last.request = time
            // An account's first request is no session start: the log may have begun mid-session.
            if previous != .min, Double(time - previous) >= settings.sessionGap {
                sessionStart(account, org: org, time: time, board: &board)
            }
            if bands > 0 {
                // All band keys and their buckets' tags first, so that the cache misses overlap.
                var keys = SIMD16<UInt64>()
                var tags = SIMD16<UInt32>()
                features.signatures.withUnsafeBufferPointer { signatures in
                    for band in 0..<bands {
                        var key = UInt64(band) &+ 0x9e37_79b9_7f4a_7c15
                        for r in i * bins + band * rows..<i * bins + (band + 1) * rows {
                            key = (key ^ UInt64(signatures[r])) &* 0x0000_0100_0000_01b3
                        }
                        key = Self.mix(key)
                        keys[band] = key
                        tags[band] = templates[Int(truncatingIfNeeded: key) & (Self.templateBuckets - 1)].key
                    }
                }
                for band in 0..<bands {
                    template(keys[band], stored: tags[band], account: account, org: org, time: time, board: &board)
                }
            }
            offer(account, time: time, board: &board)
        }
    }

    // MARK: - Links

    /// Links two accounts by `kind`: joins their clusters (or, for marking kinds, only marks
    /// them) and scores both.
    private mutating func link(_ a: UInt32, _ b: UInt32, _ kind: Evidence, time: Int64, board: inout ScoreBoard) {
        guard a != b, orgOf[a] != orgOf[b] else { return }
        if kind == .network {
            // A shared prefix bridges clusters that cards or schedules formed; between two lone
            // accounts it is a mark (mobile carriers and campus networks seat unrelated accounts
            // on one prefix every day).
            if clusters.cluster(of: a).members > 1 || clusters.cluster(of: b).members > 1 { clusters.union(a, b) }
        } else if kind.joins {
            clusters.union(a, b)
        }
        clusters.mark(a, bit: kind.rawValue)
        clusters.mark(b, bit: kind.rawValue)
        offer(a, time: time, board: &board)
        offer(b, time: time, board: &board)
    }

    /// Adds an account to the account-table links once it exists: its payment instrument, and
    /// whether its sign-up came in a burst.
    private mutating func admit(_ account: UInt32, time: Int64, board: inout ScoreBoard) {
        let payment = paymentOf[account]
        if payment != .max {
            let p = Int(payment)
            let org = orgOf[account]
            if paymentFirst[p] == .max {
                paymentFirst[p] = account
            } else if orgOf[paymentFirst[p]] != org {
                if paymentOther[p] == .max { paymentOther[p] = account }
                link(account, paymentFirst[p], .payment, time: time, board: &board)
            } else if paymentOther[p] != .max {
                link(account, paymentOther[p], .payment, time: time, board: &board)
            }
        }
        let created = creationTimes[admitted]
        let window = settings.creationWindow
        let recent = admitted + 1 - lowerBound(after: created - Int64(window), below: admitted + 1)
        let before = lowerBound(after: created - Int64(window), below: admitted + 1)
            - lowerBound(after: created - Int64(window + Self.burstBaseline), below: admitted + 1)
        let expected = Double(before) * window / Self.burstBaseline
        if recent >= settings.burstMinimum, Double(recent) >= settings.burstRatio * expected {
            clusters.mark(account, bit: Evidence.creationBurst.rawValue)
        }
    }

    /// The first index below `limit` of `creationTimes` whose time is after `time`.
    private func lowerBound(after time: Int64, below limit: Int) -> Int {
        var low = 0
        var high = limit
        while low < high {
            let middle = (low + high) / 2
            if creationTimes[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A session start: counts a co-start with each account of another organisation that
    /// started one in the same minute, and a near miss with each that started one in the minute
    /// before; links the pairs whose co-starts reach `sync_sessions` and are at least four times
    /// their near misses. Accounts that start sessions at random times miss each other by a minute
    /// twice as often as they meet (two neighbouring minutes against one), so the near misses are
    /// the pair's own control for chance and for hours both keep.
    private mutating func sessionStart(_ account: UInt32, org: UInt32, time: Int64, board: inout ScoreBoard) {
        let minute = time >= 0 ? time / 60_000 : (time - 59_999) / 60_000
        let slot = Self.slot(minute)
        let previous = Self.slot(minute - 1)
        if minuteOf[slot] != minute {
            minuteOf[slot] = minute
            starterCount[slot] = 0
        }
        if minuteOf[previous] == minute - 1 {
            let base = previous * Self.startersPerMinute
            for k in 0..<Int(starterCount[previous]) {
                let other = starters[base + k]
                guard other != account, orgOf[other] != org else { continue }
                _ = countPair(account, other, near: true)
            }
        }
        let base = slot * Self.startersPerMinute
        let count = Int(starterCount[slot])
        for k in 0..<count {
            let other = starters[base + k]
            guard other != account, orgOf[other] != org else { continue }
            let (same, near) = countPair(account, other, near: false)
            if same >= settings.syncSessions, same >= 4 * near {
                link(account, other, .schedule, time: time, board: &board)
            }
        }
        if count < Self.startersPerMinute {
            starters[base + count] = account
            starterCount[slot] += 1
        }
    }

    /// The ring slot of `minute`.
    private static func slot(_ minute: Int64) -> Int {
        Int(((minute % 64) + 64) % 64)
    }

    /// Adds one co-start (or near miss) of `a` and `b` to the bounded pair table and returns
    /// both counts. A full neighbourhood (8 probes) gives its weakest entry to the new pair.
    private mutating func countPair(_ a: UInt32, _ b: UInt32, near: Bool) -> (same: Int, near: Int) {
        let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
        let mask = Self.pairEntries - 1
        var slot = Int(truncatingIfNeeded: Self.mix(key)) & mask
        var weakest = slot
        var found = false
        for _ in 0..<8 {
            if pairs[slot].key == key {
                found = true
                break
            }
            if pairs[slot].key == .max {
                weakest = slot
                break
            }
            if pairs[slot].same < pairs[weakest].same { weakest = slot }
            slot = (slot + 1) & mask
        }
        if !found {
            slot = weakest
            pairs[slot] = PairCount(key: key, same: 0, near: 0)
        }
        if near {
            if pairs[slot].near < .max { pairs[slot].near += 1 }
        } else if pairs[slot].same < .max {
            pairs[slot].same += 1
        }
        return (Int(pairs[slot].same), Int(pairs[slot].near))
    }

    /// One band of a prompt's MinHash signature, hashed to `key`: marks both accounts when
    /// another organisation's account hit the same bucket, unless too many accounts have.
    /// `stored` is the bucket's tag read ahead.
    private mutating func template(
        _ key: UInt64, stored: UInt32, account: UInt32, org: UInt32, time: Int64, board: inout ScoreBoard
    ) {
        let slot = Int(truncatingIfNeeded: key) & (Self.templateBuckets - 1)
        let tag = max(1, UInt32(truncatingIfNeeded: key >> 32))
        guard stored == tag, templates[slot].key == tag else {
            templates[slot] = TemplateBucket(key: tag, account: account, org: org, hits: 1)
            return
        }
        var bucket = templates[slot]
        let (other, otherOrg) = (bucket.account, bucket.org)
        guard other != account else { return }
        if bucket.hits < .max { bucket.hits += 1 }
        bucket.account = account
        bucket.org = org
        templates[slot] = bucket
        if Int(bucket.hits) <= settings.maxTemplateAccounts, otherOrg != org {
            link(account, other, .template, time: time, board: &board)
        }
    }

    // MARK: - Scores

    /// Offers `account`'s current score.
    private mutating func offer(_ account: UInt32, time: Int64, board: inout ScoreBoard) {
        let mask = clusters.masks[Int(account)]
        guard mask != 0 else { return }
        let (members, evidence) = clusters.cluster(of: account)
        guard members > 1 else { return }
        let required = settings.requiredKinds
        let size = min(1, log(Double(members)) / log(settings.fullSize))
        let own = min(1, Double(mask.nonzeroBitCount) / required)
        let shared = min(1, Double(evidence) / (Double(members) * required))
        steps.offer(size * own * shared, account: account, time: time, board: &board)
    }

    // MARK: - Growth

    /// The clusters, read by ``evidence(account:accountIDs:)``.
    var clusterState: AccountClusters { clusters }

    private mutating func grow(to count: Int) {
        let before = orgOf.count
        orgOf.grow(to: count)
        paymentOf.grow(to: count)
        // Accounts no table describes are each their own organisation.
        for index in before..<count { orgOf[index] = knownOrgs &+ UInt32(index) }
        clusters.grow(to: count)
        recent.grow(to: count)
        steps.grow(to: count)
    }

    private mutating func growSymbols(_ symbols: Interner) {
        let count = symbols.count
        guard count > symbolsSeen else { return }
        if emptySymbol == nil { emptySymbol = symbols.existingCode(for: "") }  // once "" has a code
        prefixes.grow(to: count)
        systemPrompts.grow(to: count)
        symbolsSeen = count
    }

    /// A 64-bit finaliser (SplitMix64's).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
