import Foundation
import GroundTruth
import Simulation
import Testing
import Traffic

/// The generator's control surface (DESIGN §7): actions change exactly the requests they should,
/// campaigns react to what their accounts saw, and nobody acting changes nothing.
@Suite("Closed-loop control surface")
struct EnforcementControlTests {
    static let start = 1_772_431_200_000.0  // 2026-03-02T06:00:00Z
    static let hour = 3_600_000.0

    /// 60 developers and a few heavier customers over a day, and a 30-account hydra over its first half.
    static func scenario(adapt: String = "", seed: UInt64 = 7) throws -> Scenario {
        let adaptation = adapt.isEmpty ? "" : "    adapt:\n" + adapt.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        return try TestScenarios.load(
            """
            name: enforcement
            seed: \(seed)
            start: 2026-03-02T06:00:00Z
            duration: 24h
            models:
              - {name: m-large-1, family: large, released: 2025-09-01T00:00:00Z}
              - {name: m-small-1, family: small, released: 2025-09-01T00:00:00Z}
            populations:
              - {persona: developer, accounts: 60}
              - {persona: chat-app, accounts: 1, params: {requests_per_day: 2000}}
              - {persona: eval-harness, accounts: 1, params: {requests_per_day: 1000}}
            campaigns:
              - id: hydra
                tactic: hydra
                accounts: 30
                budget: 3000
                end: 2026-03-02T18:00:00Z
            \(adaptation)
            """)
    }

    /// A run driven in steps of `step`, with `act` called at each decision time.
    static func drive(
        _ generator: TrafficGenerator, threads: Int = 1, appealShare: Double = 0, step: Double = 300_000,
        act: (GenerationSession, Double) -> Void = { _, _ in }
    ) -> (rows: [Request], session: GenerationSession) {
        let session = generator.session(threads: threads, batchSize: 1_000, appealShare: appealShare)
        var rows: [Request] = []
        var decision = Double(generator.scenario.start) + step
        while !session.isFinished {
            session.advance(until: decision) { batch in
                for index in 0..<batch.requests.count { rows.append(batch.requests[index]) }
            }
            act(session, decision)
            decision += step
        }
        return (rows, session)
    }

    static func rank(_ generator: TrafficGenerator, _ id: String) -> Int {
        generator.accounts.firstIndex { $0.id == id }!
    }

    /// The campaign's active members (stock excluded), by id.
    static func members(_ generator: TrafficGenerator, _ rows: [Request]) -> [String] {
        let campaign = Set(generator.truth.campaigns[0].accounts)
        var seen: [String] = []
        for row in rows where campaign.contains(row.account) && !seen.contains(row.account) { seen.append(row.account) }
        return seen
    }

    /// The busiest genuine account.
    static func busiest(_ generator: TrafficGenerator, _ rows: [Request]) -> String {
        let campaign = Set(generator.truth.campaigns.flatMap(\.accounts))
        var counts: [String: Int] = [:]
        for row in rows where !campaign.contains(row.account) { counts[row.account, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }

    @Test("A session nobody acts on writes the open-loop trace byte for byte, with and without a stock")
    func neverActingIsOpenLoop() throws {
        for adapt in ["", "replace: {delay_h: 1, reserve: 10}\nrotate: true"] {
            let generator = TrafficGenerator(scenario: try Self.scenario(adapt: adapt))
            let url = FileManager.default.temporaryDirectory.appending(path: "distillbench-loop-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try JSONLRequestWriter(url: url)
            let session = generator.session(threads: 2, batchSize: 777)
            var decision = Double(generator.scenario.start)
            while !session.isFinished {
                decision += 300_000
                try session.advance(until: decision) { try writer.write($0.requests) }
            }
            try writer.close()
            #expect(try Data(contentsOf: url) == (try TestScenarios.jsonl(generator)))
            #expect(session.adaptations.isEmpty)
        }
    }

    @Test("A ban refuses every later request with 403 and no completion, and nothing before it")
    func banRefuses() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario())
        let open = TestScenarios.requests(generator)
        let target = Self.busiest(generator, open)
        let rank = Self.rank(generator, target)
        let banAt = Self.start + 6 * Self.hour
        let (rows, _) = Self.drive(generator) { session, time in
            if time == banAt { session.refuse(account: rank, from: time) }
        }
        let before = rows.filter { $0.account == target && Double($0.ts) < banAt }
        let after = rows.filter { $0.account == target && Double($0.ts) >= banAt }
        #expect(before == open.filter { $0.account == target && Double($0.ts) < banAt })
        #expect(!after.isEmpty)
        #expect(after.allSatisfy { $0.status == 403 && $0.completionTokens == 0 })
        // A genuine customer's software keeps calling: it sends what it would have.
        #expect(after.count == open.filter { $0.account == target && Double($0.ts) >= banAt }.count)
        // Everyone else is untouched.
        #expect(rows.filter { $0.account != target } == open.filter { $0.account != target })
    }

    @Test("A banned campaign account is refused once and stops; without adapt: its campaign does nothing")
    func bannedCampaignAccountStops() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario())
        let open = TestScenarios.requests(generator)
        let victims = Self.members(generator, open).prefix(5)
        let banAt = Self.start + 4 * Self.hour
        let (rows, session) = Self.drive(generator) { session, time in
            if time == banAt { for id in victims { session.refuse(account: Self.rank(generator, id), from: time) } }
        }
        for id in victims {
            let after = rows.filter { $0.account == id && Double($0.ts) >= banAt }
            #expect(after.count <= 1)
            #expect(after.allSatisfy { $0.status == 403 })
        }
        #expect(session.adaptations.filter { $0.kind == .lost }.count == rows.filter { $0.status == 403 }.count)
        #expect(!session.adaptations.contains { if case .replaced = $0.kind { true } else { false } })
    }

    @Test("A throttle serves at most R requests a minute and answers 429 beyond")
    func throttleLimits() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario())
        let open = TestScenarios.requests(generator)
        let target = Self.busiest(generator, open)
        let from = Self.start + 2 * Self.hour
        let (rows, _) = Self.drive(generator) { session, time in
            if time == from { session.throttle(account: Self.rank(generator, target), perMinute: 1, from: time) }
        }
        let after = rows.filter { $0.account == target && Double($0.ts) >= from }
        let served = Dictionary(grouping: after.filter { $0.status != 429 || $0.completionTokens > 0 }) { $0.ts / 60_000 }
        #expect(served.values.allSatisfy { $0.filter { $0.status != 429 }.count <= 1 })
        #expect(after.contains { $0.status == 429 })
        #expect(after.count == open.filter { $0.account == target && Double($0.ts) >= from }.count)
    }

    @Test("Degrading cuts completions to the documented length and refuses nothing")
    func degradeCuts() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario())
        let open = TestScenarios.requests(generator)
        let target = Self.busiest(generator, open)
        let from = Self.start + 2 * Self.hour
        let (rows, _) = Self.drive(generator) { session, time in
            if time == from { session.degrade(account: Self.rank(generator, target), from: time) }
        }
        let after = rows.filter { $0.account == target && Double($0.ts) >= from }
        let openAfter = open.filter { $0.account == target && Double($0.ts) >= from }
        #expect(after.count == openAfter.count)
        #expect(after.allSatisfy { $0.completionTokens <= AccountControl.degradedCompletionTokens })
        #expect(openAfter.contains { $0.completionTokens > AccountControl.degradedCompletionTokens })
        #expect(zip(after, openAfter).allSatisfy { $0.status == $1.status })
    }

    @Test("An appeal upheld serves the account again from its reinstatement")
    func appealReinstates() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario())
        let open = TestScenarios.requests(generator)
        let target = Self.busiest(generator, open)
        let rank = Self.rank(generator, target)
        let banAt = Self.start + 3 * Self.hour
        var appealed: [(account: Int, time: Double)] = []
        let (rows, _) = Self.drive(generator, appealShare: 1) { session, time in
            if time == banAt { session.refuse(account: rank, from: time) }
            for appeal in session.takeAppeals() {
                appealed.append(appeal)
                session.reinstate(account: appeal.account, at: appeal.time + 2 * Self.hour)
            }
        }
        #expect(appealed.count == 1 && appealed.first?.account == rank)
        let back = (appealed.first?.time ?? 0) + 2 * Self.hour
        let mine = rows.filter { $0.account == target }
        #expect(mine.filter { Double($0.ts) >= banAt && Double($0.ts) < back }.allSatisfy { $0.status == 403 })
        #expect(mine.filter { Double($0.ts) >= back }.allSatisfy { $0.status != 403 })
        #expect(mine.contains { Double($0.ts) >= back })
    }

    /// Bans `count` of the campaign's members at `banAt`; returns the rows and the session.
    static func banMembers(
        _ generator: TrafficGenerator, count: Int, at banAt: Double, threads: Int = 1
    ) -> (rows: [Request], session: GenerationSession, victims: [String]) {
        let open = TestScenarios.requests(generator)
        let victims = Array(members(generator, open).prefix(count))
        let (rows, session) = drive(generator, threads: threads) { session, time in
            if time == banAt { for id in victims { session.refuse(account: rank(generator, id), from: time) } }
        }
        return (rows, session, victims)
    }

    @Test("replace: stock accounts take over lost ones after the delay, with their remaining budget")
    func replaceActivatesStock() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario(adapt: "replace: {delay_h: 2, cost_usd: 20, reserve: 10}"))
        let open = TestScenarios.requests(generator)
        let banAt = Self.start + 3 * Self.hour
        let (rows, session, victims) = Self.banMembers(generator, count: 4, at: banAt)
        let replaced = session.adaptations.filter { if case .replaced(let cost) = $0.kind { cost == 20 } else { false } }
        let lost = session.adaptations.filter { $0.kind == .lost }
        #expect(lost.count == 4)
        #expect(replaced.count == 4)
        let fresh = Set(replaced.compactMap { $0.account }.map { generator.accounts[Int($0)].id })
        #expect(fresh.isDisjoint(with: Set(open.map(\.account))))
        let firstFresh = rows.filter { fresh.contains($0.account) }.map(\.ts).min() ?? 0
        #expect(Double(firstFresh) >= banAt)
        #expect(replaced.allSatisfy { $0.time >= banAt })
        // The campaign still sends its budget (the lost accounts' refusals do not count).
        let campaign = Set(generator.truth.campaigns[0].accounts)
        let served = rows.filter { campaign.contains($0.account) && $0.status != 403 }.count
        let openServed = open.filter { campaign.contains($0.account) }.count
        #expect(abs(served - openServed) <= 4)
        #expect(victims.allSatisfy { id in rows.filter { $0.account == id && $0.status == 403 }.count == 1 })
    }

    @Test("spread: each lost account is replaced by several sharing its budget; money_usd caps the replacements")
    func spreadAndMoney() throws {
        let spread = TrafficGenerator(scenario: try Self.scenario(adapt: "replace: {delay_h: 1, reserve: 20}\nspread: 3"))
        let (_, spreadSession, _) = Self.banMembers(spread, count: 2, at: Self.start + 3 * Self.hour)
        #expect(spreadSession.adaptations.filter { if case .replaced = $0.kind { true } else { false } }.count == 6)

        let poor = TrafficGenerator(
            scenario: try Self.scenario(adapt: "replace: {delay_h: 1, cost_usd: 20, reserve: 20}\nmoney_usd: 40"))
        let (_, poorSession, _) = Self.banMembers(poor, count: 4, at: Self.start + 3 * Self.hour)
        #expect(poorSession.adaptations.filter { if case .replaced = $0.kind { true } else { false } }.count == 2)
        #expect(poorSession.adaptations.contains { $0.kind == .outOfMoney })

        let few = TrafficGenerator(scenario: try Self.scenario(adapt: "replace: {delay_h: 1, reserve: 1}"))
        let (_, fewSession, _) = Self.banMembers(few, count: 3, at: Self.start + 3 * Self.hour)
        #expect(fewSession.adaptations.filter { if case .replaced = $0.kind { true } else { false } }.count == 1)
        #expect(fewSession.adaptations.contains { $0.kind == .outOfAccounts })
    }

    @Test("slow-down: after losses the survivors stretch their schedule past the campaign's planned end")
    func slowDownStretches() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario(adapt: "slow_down: {factor: 0.25}"))
        let open = TestScenarios.requests(generator)
        let campaign = Set(generator.truth.campaigns[0].accounts)
        let plannedEnd = Self.start + 12 * Self.hour
        #expect(!open.contains { campaign.contains($0.account) && Double($0.ts) >= plannedEnd })
        let (rows, session, _) = Self.banMembers(generator, count: 2, at: Self.start + 3 * Self.hour)
        #expect(session.adaptations.contains { $0.kind == .slowedDown })
        let late = rows.filter { campaign.contains($0.account) && Double($0.ts) >= plannedEnd }
        #expect(!late.isEmpty)
        let sentByPlan = rows.filter { campaign.contains($0.account) && Double($0.ts) < plannedEnd && $0.status != 403 }.count
        #expect(sentByPlan < open.filter { campaign.contains($0.account) }.count * 3 / 4)
    }

    @Test("rotate: after a loss the survivors leave from fresh networks with fresh clients")
    func rotateMovesSurvivors() throws {
        let generator = TrafficGenerator(scenario: try Self.scenario(adapt: "rotate: true"))
        let banAt = Self.start + 3 * Self.hour
        let (rows, session, victims) = Self.banMembers(generator, count: 2, at: banAt)
        #expect(session.adaptations.contains { $0.kind == .rotated })
        let survivors = Set(Self.members(generator, rows)).subtracting(victims)
        var moved = 0
        for id in survivors {
            let before = rows.filter { $0.account == id && Double($0.ts) < banAt }
            let after = rows.filter { $0.account == id && Double($0.ts) >= banAt + 300_000 }
            guard !before.isEmpty, !after.isEmpty else { continue }
            if Set(before.map(\.ip)).isDisjoint(with: after.map(\.ip)) || Set(before.map(\.ua)) != Set(after.map(\.ua)) { moved += 1 }
        }
        #expect(moved >= max(1, survivors.count / 2))
    }

    @Test("switch: replacements after the switch follow the new tactic")
    func switchChangesTactic() throws {
        let generator = TrafficGenerator(
            scenario: try Self.scenario(adapt: "replace: {delay_h: 1, reserve: 10}\nswitch: {to: logit-harvest, after: 2}"))
        let (rows, session, _) = Self.banMembers(generator, count: 4, at: Self.start + 3 * Self.hour)
        #expect(session.adaptations.contains { $0.kind == .switched("logit-harvest") })
        let fresh = Set(session.adaptations.compactMap { record -> String? in
            guard case .replaced = record.kind, let account = record.account else { return nil }
            return generator.accounts[Int(account)].id
        })
        let freshRows = rows.filter { fresh.contains($0.account) }
        let memberRows = rows.filter { !fresh.contains($0.account) && Set(generator.truth.campaigns[0].accounts).contains($0.account) }
        func logprobShare(_ rows: [Request]) -> Double { Double(rows.filter(\.logprobs).count) / Double(max(1, rows.count)) }
        #expect(!freshRows.isEmpty)
        #expect(logprobShare(freshRows) > logprobShare(memberRows) + 0.2)
    }

    @Test("A closed loop's trace is the same on one thread and on two")
    func threadInvariant() throws {
        let generator = TrafficGenerator(
            scenario: try Self.scenario(adapt: "replace: {delay_h: 1, reserve: 10}\nrotate: true\nslow_down: {factor: 0.5}"))
        let one = Self.banMembers(generator, count: 5, at: Self.start + 3 * Self.hour, threads: 1)
        let two = Self.banMembers(generator, count: 5, at: Self.start + 3 * Self.hour, threads: 2)
        #expect(one.rows == two.rows)
        #expect(one.session.adaptations == two.session.adaptations)
    }
}
