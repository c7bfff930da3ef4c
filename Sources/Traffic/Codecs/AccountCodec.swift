import Foundation

/// Reads and writes the account table: `accounts.jsonl` or `accounts.csv` (DESIGN §2).
///
/// Columns come in ``AccountField`` order. Reading needs `account`; a missing `org`,
/// `payment`, `email_domain`, `country` or `signup_ip` reads as `""`, `created` as 0, `tier` as
/// `free`; an unknown tier is an error naming the file and line.
public enum AccountCodec {
    // MARK: - Writing

    /// The bytes of the account table in `format`.
    public static func encode(_ accounts: some Sequence<Account>, as format: TraceFormat) -> [UInt8] {
        var output: [UInt8] = []
        switch format {
        case .jsonl:
            for account in accounts {
                for (index, field) in AccountField.allCases.enumerated() {
                    output.append(contentsOf: ((index == 0 ? "{" : ",") + "\"\(field.name)\":").utf8)
                    if field == .created {
                        ByteEncoding.appendInteger(account.created, to: &output)
                    } else {
                        ByteEncoding.append(
                            text(of: field, in: account), to: &output, as: ByteEncoding.appendJSONString)
                    }
                }
                output.append(contentsOf: "}\n".utf8)
            }
        case .csv:
            output.append(contentsOf: (AccountField.allCases.map(\.name).joined(separator: ",") + "\n").utf8)
            for account in accounts {
                for (index, field) in AccountField.allCases.enumerated() {
                    if index > 0 { output.append(0x2C) }
                    if field == .created {
                        ByteEncoding.appendInteger(account.created, to: &output)
                    } else {
                        ByteEncoding.append(text(of: field, in: account), to: &output, as: ByteEncoding.appendCSVField)
                    }
                }
                output.append(0x0A)
            }
        }
        return output
    }

    /// Writes the account table to `url` in `format`, atomically (see ``AtomicFile``).
    public static func write(_ accounts: some Sequence<Account>, to url: URL, format: TraceFormat) throws {
        try AtomicFile.write(encode(accounts, as: format), to: url)
    }

    private static func text(of field: AccountField, in account: Account) -> String {
        switch field {
        case .account: account.id
        case .org: account.org
        case .created: String(account.created)
        case .tier: account.tier.rawValue
        case .payment: account.payment
        case .emailDomain: account.emailDomain
        case .country: account.country
        case .signupIP: account.signupIP
        }
    }

    // MARK: - Reading

    /// Reads the account table at `url` in `format`, in file order.
    ///
    /// - Returns: the accounts, and the malformed lines skipped under `skipMalformed`.
    /// - Throws: ``TraceError`` naming the file and line.
    public static func read(
        from url: URL, format: TraceFormat, options: AccountReadOptions = AccountReadOptions()
    ) throws -> (accounts: [Account], skipped: SkippedLines) {
        let input = ChunkedInput(
            handle: try FileAccess.openForReading(url), name: url.relativePath,
            chunkSize: options.chunkSize, maxLineBytes: options.maxLineBytes)
        switch format {
        case .jsonl:
            var records = RecordReader(
                input: input, format: JSONLFormat(), schema: schema(options), skipMalformed: options.skipMalformed)
            return (try readAccounts(&records), records.skipped)
        case .csv:
            var records = RecordReader(
                input: input, format: CSVFormat(), schema: schema(options), skipMalformed: options.skipMalformed)
            return (try readAccounts(&records), records.skipped)
        }
    }

    private static func schema(_ options: AccountReadOptions) -> Schema {
        let columns = AccountField.allCases.map { field in
            Schema.Column(
                name: field.name, kind: field == .created ? .integer(Int64.min...Int64.max) : .string,
                isRequired: field == .account)
        }
        let slots = Dictionary(uniqueKeysWithValues: AccountField.allCases.enumerated().map { ($0.element, $0.offset) })
        return Schema(columns: columns, mapping: options.columnMapping.compactMapValues { slots[$0] })
    }

    private static func readAccounts<Format>(_ records: inout RecordReader<Format>) throws -> [Account] {
        let slot = Dictionary(uniqueKeysWithValues: AccountField.allCases.enumerated().map { ($0.element, $0.offset) })
        func column(_ field: AccountField) -> Int { slot[field] ?? 0 }
        var accounts: [Account] = []
        while try records.next() {
            let row = records.row
            var tier = Tier.free
            if row.has(column(.tier)) {
                let name = row.string(column(.tier))
                guard let known = Tier(rawValue: name) else {
                    try records.reject(
                        .invalidValue(
                            file: records.fileName, line: row.line, field: records.schema.fileNames[column(.tier)],
                            expected: "one of " + Tier.allCases.map(\.rawValue).joined(separator: ", "),
                            found: Excerpt.quoted(name)))
                    continue
                }
                tier = known
            }
            accounts.append(
                Account(
                    id: row.string(column(.account)), org: row.string(column(.org)),
                    created: row.integer(column(.created), or: 0), tier: tier,
                    payment: row.string(column(.payment)), emailDomain: row.string(column(.emailDomain)),
                    country: row.string(column(.country)), signupIP: row.string(column(.signupIP))))
        }
        return accounts
    }
}
