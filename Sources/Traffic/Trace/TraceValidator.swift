import Foundation

/// Checks a trace against DESIGN §2 beyond what parsing checks (see ``RequestChecker``): the
/// account table's ids unique, every request valid, and the manifest's counts and time range.
public struct TraceValidator {
    /// What a valid trace holds.
    public struct Report: Sendable, Hashable {
        public var requests = 0
        public var accounts = 0
        public var activeAccounts = 0
        public var firstRequest: Int64 = 0
        public var lastRequest: Int64 = 0
        public var hasManifest = false
    }

    /// The endpoints DESIGN §2 allows.
    public static var endpoints: Set<String> { RequestChecker.endpoints }

    public let trace: TraceDirectory

    public init(trace: TraceDirectory) {
        self.trace = trace
    }

    /// Reads the whole trace once and checks it.
    ///
    /// - Throws: ``TraceError`` naming the file, line and field of the first problem.
    public func validate() throws -> Report {
        let manifest = try trace.manifest()
        let accounts = try trace.checkedAccounts()
        var checker = trace.checker(accounts: accounts, manifest: manifest)
        let (reader, _) = try trace.requests(accounts: accounts)
        while let batch = try reader.next() {
            _ = try checker.check(batch)
        }
        try checker.finish(manifest: manifest, manifestFile: trace.manifestURL.relativePath)
        var report = Report()
        report.accounts = accounts.count
        report.hasManifest = manifest != nil
        report.requests = checker.rows
        report.activeAccounts = checker.active.reduce(0) { $0 + ($1 ? 1 : 0) }
        report.firstRequest = checker.firstRequest
        report.lastRequest = checker.lastRequest
        return report
    }
}

extension TraceDirectory {
    /// Whether the trace has an account table.
    public var hasAccountTable: Bool { FileManager.default.fileExists(atPath: accountsURL.path) }

    /// The account table, after checking that no account id occurs twice.
    ///
    /// - Throws: ``TraceError`` naming the file and line of the repeated record.
    public func checkedAccounts(options: AccountReadOptions = AccountReadOptions()) throws -> [Account] {
        let accounts = try self.accounts(options: options)
        var ids = Set<String>()
        for (index, account) in accounts.enumerated() where !ids.insert(account.id).inserted {
            throw TraceError.invalidValue(
                file: accountsURL.relativePath, line: index + (format == .csv ? 2 : 1), field: "account",
                expected: "an account id unique in the table (a duplicated account record)", found: Excerpt.quoted(account.id))
        }
        return accounts
    }

    /// A checker of this trace's requests against `accounts` and `manifest`.
    public func checker(accounts: [Account], manifest: TraceManifest?) -> RequestChecker {
        RequestChecker(
            file: requestsURL.relativePath, headerLines: format == .csv ? 1 : 0, accountCount: accounts.count,
            hasAccountTable: hasAccountTable, accountsFile: accountsURL.lastPathComponent,
            timeRange: manifest.map { $0.start...$0.end })
    }
}
