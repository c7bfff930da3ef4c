import Randomness

/// A campaign's operator at run time (DESIGN §7): it learns which of its accounts were refused
/// or throttled — nothing else — and reacts as its ``Adaptation`` says, between windows.
/// Deterministic: it draws only from its own stream, and sees events in trace order.
struct CampaignCoordinator {
    let index: Int
    let plan: CampaignPlan
    private let source: RandomSource
    /// Stock accounts put to work so far (the next is `plan.reserves[used]`).
    private(set) var used = 0
    /// Accounts lost to refusals.
    private(set) var lost = 0
    /// Dollars spent on replacements.
    private(set) var spent = 0.0
    /// Whether replacements follow ``Adaptation/switchTo``.
    private(set) var switched = false
    /// Accounts it sends through now (members and activated stock), by rank.
    private(set) var active: Set<UInt32>

    init(index: Int, plan: CampaignPlan) {
        self.index = index
        self.plan = plan
        source = RandomSource(seed: plan.seed)
        active = Set(plan.members)
    }

    /// What the campaign does about one window's events.
    enum Reaction {
        /// Put stock account `reserve` to work at `time` with `quota`, on `runtime` (nil: its
        /// own), with the wire identity of account `reusing` (nil: its own).
        case activate(reserve: UInt32, time: Double, quota: Int, runtime: Int?, reusing: UInt32?)
        /// Stretch the remaining schedule of `accounts` by 1/`factor` from `time`.
        case slowDown(accounts: [UInt32], time: Double, factor: Double)
        /// Move `accounts` to fresh proxies and clients.
        case rotate(accounts: [UInt32])
    }

    /// The reactions to `events` (this campaign's, in trace order) seen in the window that
    /// ends at `windowEnd`, and what happened, for the results.
    mutating func react(to events: [ActorEvent], windowEnd: Double) -> (reactions: [Reaction], records: [AdaptationRecord]) {
        var reactions: [Reaction] = []
        var records: [AdaptationRecord] = []
        var pressed = false
        var lostNow = false
        for event in events {
            switch event.kind {
            case .refused:
                guard active.remove(event.rank) != nil else { continue }
                lost += 1
                lostNow = true
                pressed = true
                records.append(AdaptationRecord(time: event.time, campaign: index, kind: .lost, account: event.rank))
                replace(event, windowEnd: windowEnd, into: &reactions, records: &records)
            case .throttled:
                pressed = true
            case .appealed:
                continue
            }
        }
        guard let adaptation = plan.adaptation else { return (reactions, records) }
        if pressed, let factor = adaptation.slowDown, !active.isEmpty {
            reactions.append(.slowDown(accounts: active.sorted(), time: windowEnd, factor: factor))
            records.append(AdaptationRecord(time: windowEnd, campaign: index, kind: .slowedDown, account: nil))
        }
        if lostNow, adaptation.rotate, !active.isEmpty {
            reactions.append(.rotate(accounts: active.sorted()))
            records.append(AdaptationRecord(time: windowEnd, campaign: index, kind: .rotated, account: nil))
        }
        return (reactions, records)
    }

    /// Replaces the account `event` lost, if the campaign replaces and has stock and money left.
    private mutating func replace(
        _ event: ActorEvent, windowEnd: Double, into reactions: inout [Reaction], records: inout [AdaptationRecord]
    ) {
        guard let adaptation = plan.adaptation, let replace = adaptation.replace, event.quotaLeft > 0 else { return }
        if let target = adaptation.switchTo, !switched, lost >= adaptation.switchAfter, plan.switchRuntime != nil {
            switched = true
            records.append(AdaptationRecord(time: event.time, campaign: index, kind: .switched(target.rawValue), account: nil))
        }
        let count = min(adaptation.spread, event.quotaLeft)
        for part in 0..<count {
            guard used < plan.reserves.count else {
                records.append(AdaptationRecord(time: event.time, campaign: index, kind: .outOfAccounts, account: nil))
                return
            }
            if let budget = adaptation.moneyBudget, spent + replace.costPerAccount > budget {
                records.append(AdaptationRecord(time: event.time, campaign: index, kind: .outOfMoney, account: nil))
                return
            }
            let reserve = plan.reserves[used]
            used += 1
            spent += replace.costPerAccount
            let delay = source.lognormal(mu: log(max(1e-6, replace.delayHours) * 3_600_000), sigma: Adaptation.delaySigma)
            let reusing = !adaptation.rotate && source.chance(replace.reuse) ? event.rank : nil
            let quota = event.quotaLeft / count + (part < event.quotaLeft % count ? 1 : 0)
            let time = max(windowEnd, event.time + delay)
            active.insert(reserve)
            reactions.append(
                .activate(reserve: reserve, time: time, quota: quota, runtime: switched ? plan.switchRuntime : nil, reusing: reusing))
            records.append(AdaptationRecord(time: time, campaign: index, kind: .replaced(cost: replace.costPerAccount), account: reserve))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
