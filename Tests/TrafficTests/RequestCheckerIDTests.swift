import Testing
import Traffic

/// The uniqueness check of request ids (DESIGN §2), made with one probe of the id set per
/// valid request (issue 10): repeats within a batch and across batches are found, a repeated
/// request that is also wrong otherwise is reported as repeated, and the id of a request
/// skipped as invalid stays free.
struct RequestCheckerIDTests {
    private func checker() -> RequestChecker {
        RequestChecker(
            file: "requests.jsonl", headerLines: 0, accountCount: 1, hasAccountTable: false, accountsFile: "accounts.jsonl",
            timeRange: nil)
    }

    private func repeatedID(_ error: TraceError) -> Int? {
        guard case .invalidValue(_, let line, "id", _, _) = error else { return nil }
        return line
    }

    @Test func repeatsWithinABatchAndAcrossBatchesAreFound() throws {
        var within = checker()
        #expect(throws: TraceError.self) { _ = try within.check(makeBatch(["a", "b", "a"].map { Request(id: $0, ts: 1, account: "x") })) }
        do {
            var across = checker()
            _ = try across.check(makeBatch(["a", "b"].map { Request(id: $0, ts: 1, account: "x") }))
            _ = try across.check(makeBatch(["c", "b"].map { Request(id: $0, ts: 2, account: "x") }))
            Issue.record("the repeated id was not found")
        } catch {
            #expect(repeatedID(error) == 4)
        }
        do {
            var again = checker()
            _ = try again.check(makeBatch(["a", "b", "a"].map { Request(id: $0, ts: 1, account: "x") }))
        } catch {
            #expect(repeatedID(error) == 3)
        }
    }

    @Test func aRepeatWrongOtherwiseIsReportedAsARepeat() throws {
        var checker = checker()
        let batch = makeBatch([Request(id: "a", ts: 1, account: "x"), Request(id: "a", ts: 1, account: "x", temperature: 9)])
        do {
            _ = try checker.check(batch)
            Issue.record("no error")
        } catch {
            #expect(repeatedID(error) == 2)
        }
        var skipping = self.checker()
        #expect(try skipping.check(batch, skipInvalid: true) == [0])
        #expect(skipping.firstInvalid.flatMap(repeatedID) == 2)
    }

    @Test func theIDOfASkippedRequestStaysFree() throws {
        var checker = checker()
        let batch = makeBatch([
            Request(id: "a", ts: 1, account: "x", temperature: 9), Request(id: "a", ts: 1, account: "x"),
            Request(id: "a", ts: 1, account: "x"),
        ])
        #expect(try checker.check(batch, skipInvalid: true) == [1])
        #expect(checker.invalid == 2)
        #expect(checker.contains(id: "a"))
        if case .invalidValue(_, 1, "temperature", _, _)? = checker.firstInvalid {} else {
            Issue.record("first invalid: \(String(describing: checker.firstInvalid))")
        }
    }
}
