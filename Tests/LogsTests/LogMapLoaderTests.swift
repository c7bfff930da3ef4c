import Testing
import Traffic

@testable import Logs

/// Map files: every mistake is one line naming the file, the line and the key.
struct LogMapLoaderTests {
    static let minimal = """
        fields:
          ts: {from: time, timestamp: epoch_s}
          account: user
        """

    @Test func minimalMapDefaultsTheRest() throws {
        let map = try LogMapLoader.parse(Self.minimal, file: "m.yaml")
        #expect(map.format == nil)
        #expect(map.fields[.ts]?.timestamp == .epochSeconds)
        #expect(map.fields[.account]?.source == .columns([SourcePath("user")]))
        #expect(map.fields[.id]?.source == .line)
        #expect(map.fields[.model] == nil)
    }

    @Test(arguments: [
        ("formt: csv\n" + minimal, "m.yaml:1: formt: unknown key; expected one of format, description, zone, fields, accounts"),
        (minimal + "\n  acount: x", "m.yaml:4: fields.acount: unknown field; expected one of id, ts, account"),
        (minimal + "\n  model: {form: m}", "m.yaml:4: fields.model.form: unknown key; expected one of from, constant"),
        ("fields:\n  account: user", "m.yaml:2: fields: missing required field \"ts\""),
        ("fields:\n  ts: t", "m.yaml:2: fields: missing required field \"account\""),
        (minimal + "\n  stream: {from: s, values: {yes: maybe}}", "m.yaml:4: fields.stream: values.yes: expected true, false, 1 or 0, found \"maybe\""),
        ("fields:\n  ts: {from: t, timestamp: rfc822}\n  account: a", "m.yaml:2: fields.ts.timestamp: expected one of epoch_s, epoch_ms, iso8601"),
        ("zone: Mars\n" + minimal, "m.yaml:1: zone: expected a zone such as UTC"),
        (minimal + "\n  model: {from: m, constant: x}", "m.yaml:4: fields.model: give one of from, constant, line (found from and constant)"),
        (minimal + "\n  status: {from: s, timestamp: iso8601}", "fields.status: timestamp: only for ts, created, or with minus"),
        (minimal + "\n  n: {from: n, prefix: x}", "fields.n: prefix: only for text fields"),
        ("format: parquet\n" + minimal, "m.yaml:1: format: expected jsonl or csv, found \"parquet\""),
        (minimal + "\naccounts:\n  fields: {org: o}", "accounts.fields: missing required field \"account\""),
        (minimal + "\naccounts:\n  fields: {account: a, tier2: t}", "accounts.fields.tier2: unknown field"),
        ("fields: [1, 2]", "m.yaml:1: fields: expected a mapping, found a list"),
        ("fields:\n  ts: t\n  ts: u\n  account: a", "m.yaml: not valid YAML: "),
    ])
    func mistakes(text: String, expected: String) {
        let message = LogFixtures.message { _ = try LogMapLoader.parse(text, file: "m.yaml") }
        #expect(message?.contains(expected) == true, "\(message ?? "no error")")
        #expect(message?.contains("\n") == false)
    }

    @Test func unreadableMapNamesTheFile() {
        let message = LogFixtures.message { _ = try LogMapLoader.load(path: "/nonexistent/map.yaml") }
        #expect(message == "/nonexistent/map.yaml: cannot read the file")
    }

    @Test func shippedMapsLoad() throws {
        for name in ["litellm-spendlogs.yaml", "azure-llm-inference-2023.yaml"] {
            let map = try LogFixtures.shippedMap(name)
            #expect(map.fields[.ts] != nil && map.fields[.account] != nil, "\(name)")
        }
    }
}
