import Foundation
import Testing
import Traffic

struct AccountCodecTests {
    static let accounts = [
        Account(
            id: "acct-1", org: "org \"A\", Inc.", created: 1_700_000_000_000, tier: .tier3, payment: "card\\42",
            emailDomain: "example.com", country: "US", signupIP: "203.0.113.0/24"),
        Account(
            id: "acct-2 日本", org: "", created: -1, tier: .enterprise, payment: "", emailDomain: "例え.jp",
            country: "JP", signupIP: "line\nbreak\u{1}"),
        Account(id: "", org: "o", created: 0, tier: .edu, payment: "p", emailDomain: "", country: "", signupIP: ""),
    ]

    @Test(arguments: TraceFormat.allCases)
    func roundTripIsByteIdentical(format: TraceFormat) throws {
        try withTemporaryDirectory { directory in
            let url = directory.appending(path: format.accountsFileName)
            try AccountCodec.write(Self.accounts, to: url, format: format)
            let read = try AccountCodec.read(from: url, format: format)
            #expect(read.accounts == Self.accounts)
            #expect(read.skipped.count == 0)
            #expect(AccountCodec.encode(read.accounts, as: format) == Array(try Data(contentsOf: url)))
        }
    }

    @Test func jsonlLayoutFollowsCodingKeys() throws {
        let text = String(decoding: AccountCodec.encode(Self.accounts.prefix(1), as: .jsonl), as: UTF8.self)
        #expect(
            text == """
                {"account":"acct-1","org":"org \\"A\\", Inc.","created":1700000000000,"tier":"tier3",\
                "payment":"card\\\\42","email_domain":"example.com","country":"US","signup_ip":"203.0.113.0/24"}

                """)
        let decoded = try JSONDecoder().decode(Account.self, from: Data(text.utf8))
        #expect(decoded == Self.accounts[0])
        let csv = String(decoding: AccountCodec.encode([Account](), as: .csv), as: UTF8.self)
        #expect(csv == "account,org,created,tier,payment,email_domain,country,signup_ip\n")
    }

    @Test func unknownTierNamesFileAndLine() throws {
        try withTemporaryDirectory { directory in
            let url = URL(fileURLWithPath: "accounts.jsonl", relativeTo: directory)
            let lines = [#"{"account":"a","tier":"free"}"#, #"{"account":"b","tier":"gold"}"#, #"{"account":"c"}"#]
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
            #expect {
                try AccountCodec.read(from: url, format: .jsonl)
            } throws: { error in
                (error as? TraceError)?.description == """
                    accounts.jsonl:2: field "tier": expected one of free, tier1, tier2, tier3, tier4, tier5, \
                    enterprise, edu, found "gold"
                    """
            }
            let skipping = try AccountCodec.read(
                from: url, format: .jsonl, options: AccountReadOptions(skipMalformed: true))
            #expect(skipping.accounts.map(\.id) == ["a", "c"])
            #expect(skipping.accounts.last?.tier == .free)
            #expect(skipping.skipped.count == 1 && skipping.skipped.first?.line == 2)
        }
    }

    @Test func csvErrorsAndMapping() throws {
        try withTemporaryDirectory { directory in
            let url = URL(fileURLWithPath: "accounts.csv", relativeTo: directory)
            try Data("id,created,plan\na,5,tier1\nb,x,free\n".utf8).write(to: url)
            let mapping: [String: AccountField] = ["id": .account, "plan": .tier]
            #expect {
                try AccountCodec.read(from: url, format: .csv, options: AccountReadOptions(columnMapping: mapping))
            } throws: { error in
                (error as? TraceError)?.description
                    == #"accounts.csv:3: field "created": expected an integer, found "x""#
            }
            #expect {
                try AccountCodec.read(from: url, format: .csv)
            } throws: { error in
                (error as? TraceError)?.description == #"accounts.csv:1: missing required column "account""#
            }
            try Data("id,created,plan\na,5,tier1\n".utf8).write(to: url)
            let read = try AccountCodec.read(
                from: url, format: .csv, options: AccountReadOptions(columnMapping: mapping))
            #expect(
                read.accounts == [
                    Account(
                        id: "a", org: "", created: 5, tier: .tier1, payment: "", emailDomain: "", country: "",
                        signupIP: "")
                ])
        }
    }

    @Test func missingFileIsAnIOError() {
        let url = URL(fileURLWithPath: "/nonexistent-dir/accounts.jsonl")
        #expect {
            try AccountCodec.read(from: url, format: .jsonl)
        } throws: { error in
            (error as? TraceError)?.description
                == "/nonexistent-dir/accounts.jsonl: cannot open: No such file or directory"
        }
    }
}
