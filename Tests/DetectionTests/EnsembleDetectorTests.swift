import Detection
import Testing
import Traffic

/// `ensemble`: the sum rule of Kittler et al. over scores normalised by each member's default
/// threshold and capped, or their maximum; members named, never fitted.
struct EnsembleDetectorTests {
    /// Account "a" sends only logprob requests at a rate `volume` sees as half its limit; "b"
    /// sends plain requests slowly.
    static func batches() -> [RequestBatch] {
        var requests = (0..<300).map { Request(id: "a\($0)", ts: Int64($0) * 6_000, account: "a", completionTokens: 10, logprobs: true) }
        requests += (0..<30).map { Request(id: "b\($0)", ts: Int64($0) * 60_000 + 1, account: "b", completionTokens: 10) }
        requests.sort { ($0.ts, $0.account) < ($1.ts, $1.account) }
        return [DetectorHarness.batch(requests, accounts: ["a", "b"])]
    }

    static func finalScores(_ spec: String) throws -> [Double] {
        let detector = try #require(try DetectorCatalog.detectors(spec).first)
        let board = try DetectorHarness.run(detector, Self.batches(), accounts: 2)
        return [board.score(of: 0), board.score(of: 1)]
    }

    /// Each member's final score over its default threshold, or its calibrated scale, capped.
    static func normalised(_ member: any Detector, calibrated: Bool = false, cap: Double = 2) throws -> [Double] {
        let board = try DetectorHarness.run(member, Self.batches(), accounts: 2)
        let scale = calibrated ? try #require(EnsembleDetector.calibratedScales[member.name]) : member.defaultThreshold
        return [0, 1].map { min(board.score(of: UInt32($0)) / scale, cap) }
    }

    @Test func sumAndMaxCombineNormalisedCappedScores() throws {
        let abuse = try Self.normalised(ParameterAbuseDetector())
        let volume = try Self.normalised(VolumeDetector())
        #expect(abuse[0] > 1.5 && volume[0] > 0.2 && volume[0] < 1, "\(abuse) \(volume)")  // one far over, one part of the way
        let sum = try Self.finalScores("ensemble(members=parameter-abuse+volume,rule=sum,normalise=default)")
        let maximum = try Self.finalScores("ensemble(members=parameter-abuse+volume,normalise=default)")
        let capped = try Self.finalScores("ensemble(members=parameter-abuse+volume,rule=sum,normalise=default,cap=1)")
        // Scores are recorded in steps of 0.01 (from below).
        for account in 0..<2 {
            #expect(abs(sum[account] - (abuse[account] + volume[account])) <= 0.01, "sum \(account)")
            #expect(abs(maximum[account] - max(abuse[account], volume[account])) <= 0.01, "max \(account)")
            #expect(abs(capped[account] - (min(abuse[account], 1) + volume[account])) <= 0.01, "cap \(account)")
        }
        #expect(sum[0] >= 1 && sum[1] < 1)
    }

    /// By default each member counts over its score at the FPR budget on calibration traffic.
    @Test func calibratedScalesNormaliseByDefault() throws {
        let abuse = try Self.normalised(ParameterAbuseDetector(), calibrated: true)
        let volume = try Self.normalised(VolumeDetector(), calibrated: true)
        let maximum = try Self.finalScores("ensemble(members=parameter-abuse+volume)")
        for account in 0..<2 { #expect(abs(maximum[account] - max(abuse[account], volume[account])) <= 0.01, "\(account)") }
        // Every member of the default ensemble has a calibrated scale.
        for name in EnsembleDetector.defaultMembers { #expect(EnsembleDetector.calibratedScales[name] != nil, "\(name)") }
    }

    @Test func membersAreNamedFromTheCatalogueOnce() throws {
        #expect(throws: DetectorError.self) { try DetectorCatalog.detectors("ensemble(members=volume+nothing)") }
        #expect(throws: DetectorError.self) { try DetectorCatalog.detectors("ensemble(members=volume+volume)") }
        #expect(throws: DetectorError.self) { try DetectorCatalog.detectors("ensemble(members=ensemble)") }
        let standard = try EnsembleDetector()
        #expect(!standard.memberNames.contains("null") && !standard.memberNames.contains("ensemble"))
        #expect(standard.memberNames.count == DetectorCatalog.members.count - 1)
    }
}
