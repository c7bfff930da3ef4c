import Detection
import Evaluation
import Foundation
import Simulation
import Testing
import Traffic

/// Issue 10, parse only what is read: each shipped detector declares the request fields it
/// reads (`Detector.reads`); a trace read with only those fields decoded, on two threads, must
/// give every detector exactly the board it gets from a full read on one thread. A detector
/// that reads a field it did not declare sees that field's default and fails here.
struct FieldProjectionTests {
    static let detectors = "volume,parameter-abuse,temporal,cot-elicitation,near-duplicate,hydra,ensemble(members=volume+temporal)"

    @Test func declaredFieldsGiveTheBoardsOfAFullRead() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try ScenarioLoader.load(path: root.appending(path: "Scenarios/realistic-mix.yaml").path)
        let generator = TrafficGenerator(scenario: scenario, seed: 7, scale: 0.002)
        let directory = FileManager.default.temporaryDirectory.appending(path: "projection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appending(path: "requests.jsonl")
        let writer = try JSONLRequestWriter(url: url)
        try generator.run { try writer.write($0) }
        try writer.close()

        func read(fields: Set<RequestField>?, threads: Int) throws -> MemoryReplay {
            let accountNames = Interner(generator.accounts.map(\.id))
            let options = RequestReadOptions(batchSize: 1_000, fields: fields, threads: threads)
            let reader = try TraceFormat.jsonl.requestReader(
                url: url, symbols: Interner(), accountNames: accountNames, options: options)
            var batches: [RequestBatch] = []
            while let batch = try reader.next() { batches.append(batch) }
            return MemoryReplay(batches: batches, accounts: generator.accounts)
        }
        let full = try read(fields: nil, threads: 1)
        #expect(full.batches.reduce(0) { $0 + $1.count } > 2_000)
        for detector in try DetectorCatalog.detectors(Self.detectors) {
            let fields = DetectorEvaluation.fieldsRead(by: [detector])
            #expect(fields.count < RequestField.allCases.count, "\(detector.name) reads every field")
            let projected = try read(fields: fields, threads: 2)
            let expected = try DetectorRunner.run([detector], replay: full, threads: 1)[0]
            let actual = try DetectorRunner.run([detector], replay: projected, threads: 1)[0]
            #expect(expected.failure == nil && actual.failure == nil)
            if detector.name != "hydra" {  // no cluster forms at this scale; its fields still must not matter
                #expect(expected.board.changePoints.count > 0, "\(detector.name) scored nothing")
            }
            #expect(actual.board.changePoints == expected.board.changePoints, "\(detector.name)")
        }
    }
}
