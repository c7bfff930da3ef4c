import Detection
import Foundation
import Testing

/// Specs, configured names, file names and the one-line errors of issue 9, item 2.
struct DetectorSpecTests {
    @Test func catalogueNamesResolve() throws {
        #expect(try DetectorCatalog.detectors("all").map(\.name) == DetectorCatalog.names)
        #expect(try DetectorCatalog.detectors("volume, null").map(\.name) == ["volume", "null"])
        // `all` is an entry like any other: every detector with its defaults, then more.
        #expect(try DetectorCatalog.detectors("all, ensemble(rule=sum)").map(\.name) == DetectorCatalog.names + ["ensemble(rule=sum)"])
        #expect(throws: DetectorError.duplicate("volume")) { try DetectorCatalog.detectors("all,volume") }
        #expect(throws: DetectorError.unknown("oracle", known: DetectorCatalog.names)) { try DetectorCatalog.detectors("oracle") }
    }

    @Test func parametersConfigureAndNameTheDetector() throws {
        let detectors = try DetectorCatalog.detectors(
            "volume, volume(request_limit=1200), parameter-abuse( min_requests = 50 , top_logprobs_floor=5)")
        #expect(detectors.map(\.name) == ["volume", "volume(request_limit=1200)", "parameter-abuse(min_requests=50,top_logprobs_floor=5)"])
        let volume = try #require(detectors[1] as? VolumeDetector)
        #expect(volume.settings.requestLimit == 1200 && volume.settings.tokenLimit == 400_000)
        // A parameter set to its default leaves the name alone, and the order of writing does not matter.
        #expect(try DetectorCatalog.detectors("volume(request_limit=600)").map(\.name) == ["volume"])
        #expect(
            try DetectorCatalog.detectors("parameter-abuse(top_logprobs_floor=5,min_requests=50.0)").map(\.name)
                == ["parameter-abuse(min_requests=50,top_logprobs_floor=5)"])
    }

    @Test(arguments: [
        ("volume(rate=3)", #"detector "volume": unknown parameter "rate"; expected one of window_ms, request_limit, token_limit"#),
        ("volume(request_limit=abc)", #"detector "volume": parameter "request_limit": expected a number above 0, found "abc""#),
        ("volume(request_limit=-1)", #"detector "volume": parameter "request_limit": expected a number above 0, found "-1""#),
        ("volume(request_limit=nan)", #"detector "volume": parameter "request_limit": expected a number above 0, found "nan""#),
        ("parameter-abuse(top_logprobs_floor=2.5)", #"detector "parameter-abuse": parameter "top_logprobs_floor": expected an integer from 1 to 20, found "2.5""#),
        ("null(x=1)", #"detector "null" has no parameters; found "x""#),
        ("volume,volume", #"--detectors: "volume" is listed twice"#),
        ("volume(request_limit=600),volume", #"--detectors: "volume" is listed twice"#),
        ("volume(request_limit=1", #"--detectors: "(" without ")" in "volume(request_limit=1""#),
        ("volume(request_limit)", #"--detectors: volume: "request_limit" is not param=value"#),
        ("volume(request_limit=1,request_limit=2)", #"--detectors: volume: parameter "request_limit" is set twice"#),
        ("volume,,null", "--detectors: an empty entry in the detector list"),
        (" , ", "--detectors: expected one or more of \(DetectorCatalog.names.joined(separator: ", ")) or all, found an empty list"),
    ])
    func badSpecsAreOneLineErrors(spec: String, message: String) {
        do {
            _ = try DetectorCatalog.detectors(spec)
            Issue.record("\(spec) was accepted")
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func fileNamesAreSafeAndDistinct() {
        #expect(DetectorFileName.of("prada(delta=0.92,min_queries=100)") == "prada__delta-0.92__min_queries-100")
        #expect(DetectorFileName.of("volume") == "volume")
        #expect(DetectorFileName.of("x(mode=a/b)") == "x__mode-a%2Fb")
        #expect(DetectorFileName.of("..") == "%2E.")
        for name in ["a(b=c d)", "a(b=\"../x\")", "a(b=é)"] {
            let file = DetectorFileName.of(name)
            #expect(file.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: " ") })
        }
    }

    @Test func everyKindListsItsParametersWithDefaultsThatParse() throws {
        for kind in DetectorCatalog.all {
            #expect(!kind.summary.isEmpty)
            #expect(kind.defaultThreshold.isFinite, "\(kind.name)")
            let spelled = kind.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: ",")
            let detector = try kind.make(DetectorSpec(name: kind.name, parameters: kind.parameters.map {
                DetectorSpec.Assignment(name: $0.name, value: $0.defaultValue)
            }))
            #expect(detector.name == kind.name, "\(kind.name)(\(spelled))")
        }
    }

    @Test func configurationsRoundTripThroughJSON() throws {
        let detector = try #require(try DetectorCatalog.detectors("volume(window_ms=60000)").first as? VolumeDetector)
        let data = try JSONEncoder().encode(detector.settings)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"window_ms\":60000"))
        #expect(try JSONDecoder().decode(VolumeDetector.Settings.self, from: data) == detector.settings)
    }
}
