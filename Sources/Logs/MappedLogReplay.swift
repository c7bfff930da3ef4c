import Evaluation
import Foundation
import GroundTruth
import Traffic

/// A gateway's log read through a ``LogMap`` as a ``BatchReplay``: each pass streams the log
/// (or its sorted copy) batch by batch, so memory grows with accounts, not lines.
///
/// Opening it makes one pass that checks every line (stopping at the first malformed one, or
/// counting and skipping them under `skipInvalid`), checks time order (or, with `sortRunSize`,
/// sorts the log by `ts`, `account`, `id` into a temporary directory removed afterwards) and
/// collects the account ids. The account table is the `--accounts` file's accounts (read by
/// the map's `accounts:` section, or as a trace's `accounts.jsonl`/`.csv`), then the accounts the
/// requests name that the table lacks (``Account/unknown(id:)``), then the accounts of the
/// truth that made no request.
public struct MappedLogReplay: BatchReplay {
    /// The logs, merged by time (equal times in the order given).
    public let logs: [URL]
    public let map: LogMap
    public let accounts: [Account]
    public let truth: GroundTruth?
    /// Count and skip malformed lines instead of stopping at the first.
    public let skipInvalid: Bool
    /// What the opening pass skipped (every pass reads the same lines).
    public let malformed: MalformedTally
    /// Requests in the log (after skipping).
    public let requestCount: Int
    /// Accounts named by requests but missing from the account table.
    public let accountsNotInTable: Int
    /// Sorted runs written, when the log was sorted (nil: read in file order).
    public let sortedRuns: Int?
    private let sorted: TemporaryDirectory?
    private let sortedFile: URL?

    /// Opens `log` with `map`.
    public init(
        log: URL, map: LogMap, accountsFile: URL? = nil, truthFile: URL? = nil, skipInvalid: Bool = false,
        sortRunSize: Int? = nil
    ) throws {
        try self.init(
            logs: [log], map: map, accountsFile: accountsFile, truthFile: truthFile, skipInvalid: skipInvalid,
            sortRunSize: sortRunSize)
    }

    /// Opens `logs` (one or more, each in time order unless sorting) with `map`, merged by time.
    ///
    /// - Parameters:
    ///   - accountsFile: an account table, mapped by the map's `accounts:` section if it has one.
    ///   - truthFile: a `truth.json` for metrics.
    ///   - sortRunSize: sort the log, holding at most this many requests in memory (nil: refuse
    ///     an out-of-order log).
    /// - Throws: ``TraceError``, ``GroundTruthError`` or ``LogMapError`` naming file, line, field.
    public init(
        logs: [URL], map: LogMap, accountsFile: URL? = nil, truthFile: URL? = nil, skipInvalid: Bool = false,
        sortRunSize: Int? = nil
    ) throws {
        precondition(!logs.isEmpty, "at least one log")
        self.logs = logs
        self.map = map
        self.skipInvalid = skipInvalid
        var table = try accountsFile.map { try Self.readAccounts($0, map: map, skipInvalid: skipInvalid) } ?? []
        let truth = try truthFile.map { try GroundTruth.read(from: $0) }
        let tableCount = table.count
        let names = Interner(table.map(\.id))
        guard names.count == table.count else {
            throw TraceError.invalidValue(
                file: accountsFile?.relativePath ?? "accounts", line: 1, field: "account", expected: "unique account ids",
                found: "a repeated id")
        }
        var reader = try MergedLogReader(
            urls: logs, map: map, accountNames: names, skipInvalid: skipInvalid, checkOrder: sortRunSize == nil)
        if let sortRunSize {
            let directory = try TemporaryDirectory()
            let outcome = try ExternalSort.sort({ try reader.nextRequest() }, runSize: sortRunSize, in: directory.url)
            for name in try Self.accountsInOrder(of: outcome.url) { _ = names.code(for: name) }
            sorted = directory
            sortedFile = outcome.url
            sortedRuns = outcome.runs
            requestCount = outcome.count
        } else {
            while try reader.next() != nil {}
            sorted = nil
            sortedFile = nil
            sortedRuns = nil
            requestCount = reader.count
        }
        malformed = reader.malformed
        table += names.strings(from: tableCount).map { Account.unknown(id: $0) }
        accountsNotInTable = table.count - tableCount
        if let truth {
            let known = Set(table.map(\.id))
            table += truth.accounts.map(\.account).filter { !known.contains($0) }.map { Account.unknown(id: $0) }
        }
        accounts = table
        self.truth = truth
    }

    /// The account ids of a sorted file, in order of first appearance.
    private static func accountsInOrder(of url: URL) throws -> [String] {
        let names = Interner()
        let reader = try JSONLRequestReader(url: url, symbols: Interner(), accountNames: names)
        while try reader.next() != nil {}
        return Array(names.strings(from: 0))
    }

    public func replay(_ body: (RequestBatch, [Int32]?) throws -> Void) throws {
        let names = Interner(accounts.map(\.id))
        let symbols = Interner()
        let check = { (batch: RequestBatch) throws in
            guard batch.accountNames.count <= accounts.count else {
                throw TraceError.io(
                    file: logs.map(\.relativePath).joined(separator: ", "),
                    reason: "the log changed during the run (a new account appeared)")
            }
        }
        if let sortedFile {
            let reader = try JSONLRequestReader(url: sortedFile, symbols: symbols, accountNames: names)
            while let batch = try reader.next() {
                try check(batch)
                try body(batch, nil)
            }
        } else {
            var reader = try MergedLogReader(
                urls: logs, map: map, symbols: symbols, accountNames: names, skipInvalid: skipInvalid, checkOrder: true)
            while let batch = try reader.next() {
                try check(batch)
                try body(batch, nil)
            }
        }
    }

    // MARK: - Account table

    /// Reads an account table: through the map's `accounts:` section, or as a trace's table.
    static func readAccounts(_ url: URL, map: LogMap, skipInvalid: Bool) throws -> [Account] {
        guard let rules = map.accountFields else {
            let format: TraceFormat = url.pathExtension.lowercased() == "csv" ? .csv : .jsonl
            return try AccountCodec.read(from: url, format: format, options: AccountReadOptions(skipMalformed: skipInvalid))
                .accounts
        }
        let format: TraceFormat
        if let fixed = map.accountFormat {
            format = fixed
        } else {
            format = url.pathExtension.lowercased() == "csv" ? .csv : .jsonl
        }
        let plan = FieldPlan(
            rules: rules, order: AccountField.allCases, name: \.name, type: FieldType.of, required: [.account],
            fileStem: url.deletingPathExtension().lastPathComponent)
        var records = try RawRecordReader(url: url, format: format, columns: plan.columns, required: plan.requiredColumns)
        var accounts: [Account] = []
        while true {
            let values: [FieldValue?]
            var line = 0
            do {
                guard let record = try records.next() else { break }
                line = record.line
                values = try plan.values(of: record, file: records.fileName)
            } catch let error as TraceError {
                guard skipInvalid, !records.isBroken, error.isMalformedLine else { throw error }
                continue
            } catch let error as MappedLineError {
                guard skipInvalid else { throw error.error }
                continue
            }
            func value(_ field: AccountField) -> FieldValue? {
                AccountField.allCases.firstIndex(of: field).flatMap { values[$0] }
            }
            func text(_ field: AccountField) -> String {
                if case .text(let text)? = value(field) { return text }
                return ""
            }
            var created: Int64 = 0
            if case .integer(let integer)? = value(.created) { created = integer }
            let id = text(.account)
            let tierName = text(.tier)
            guard tierName.isEmpty || Tier(rawValue: tierName) != nil else {
                guard skipInvalid else {
                    throw TraceError.invalidValue(
                        file: records.fileName, line: line, field: "tier",
                        expected: "one of " + Tier.allCases.map(\.rawValue).joined(separator: ", ") + " (map others with values:)",
                        found: Terminal.quoted(tierName))
                }
                continue
            }
            accounts.append(
                Account(
                    id: id, org: value(.org) == nil ? id : text(.org), created: created,
                    tier: Tier(rawValue: tierName) ?? .free, payment: text(.payment),
                    emailDomain: text(.emailDomain), country: text(.country), signupIP: text(.signupIP)))
        }
        return accounts
    }
}
