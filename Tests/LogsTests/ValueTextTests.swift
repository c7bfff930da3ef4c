import Testing

@testable import Logs

/// Conversions of log values: timestamps in three formats, booleans, numbers given as strings.
struct ValueTextTests {
    @Test(arguments: [
        ("2023-11-16T18:17:03Z", 1_700_158_623_000 as Int64),
        ("2023-11-16T18:17:03.9799600Z", 1_700_158_623_979),
        ("2023-11-16 18:17:03.9799600", 1_700_158_623_979),  // zone-less: the assumed zone (UTC here)
        ("2023-11-16T19:17:03.5+01:00", 1_700_158_623_500),
        ("2023-11-16T13:17:03.25-0500", 1_700_158_623_250),
        ("2023-11-16 18:17:03.123+00", 1_700_158_623_123),
        ("2023-11-16T18:17Z", 1_700_158_620_000),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ])
    func iso8601(text: String, expected: Int64) {
        #expect(ValueText.timestamp(text, format: .iso8601, zone: 0) == expected)
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2023-11-16", "2023-13-01T00:00Z", "2023-11-16T24:00:00Z", "yesterday", "2023-11-16T18:17:03+25:00", "2023-11-16T18:17:03.Z"])
    func malformedISO8601(text: String) {
        #expect(ValueText.timestamp(text, format: .iso8601, zone: 0) == nil)
    }

    @Test func zoneLessISO8601NeedsAnAssumedZone() {
        #expect(ValueText.timestamp("2023-11-16 18:17:03", format: .iso8601, zone: nil) == nil)
        #expect(ValueText.timestamp("2023-11-16 18:17:03Z", format: .iso8601, zone: nil) == 1_700_158_623_000)
        #expect(ValueText.timestamp("2023-11-16 19:17:03", format: .iso8601, zone: 3600) == 1_700_158_623_000)
    }

    @Test func epochSecondsAndMilliseconds() {
        #expect(ValueText.timestamp("1700158623", format: .epochSeconds, zone: nil) == 1_700_158_623_000)
        #expect(ValueText.timestamp("1700158623.9796", format: .epochSeconds, zone: nil) == 1_700_158_623_979)
        #expect(ValueText.timestamp("-1.5", format: .epochSeconds, zone: nil) == -1500)
        #expect(ValueText.timestamp("-0.0001", format: .epochSeconds, zone: nil) == -1)
        #expect(ValueText.timestamp("1.7e9", format: .epochSeconds, zone: nil) == 1_700_000_000_000)
        #expect(ValueText.timestamp("1700158623979", format: .epochMilliseconds, zone: nil) == 1_700_158_623_979)
        #expect(ValueText.timestamp(" 1700158623979.7 ", format: .epochMilliseconds, zone: nil) == 1_700_158_623_979)
        #expect(ValueText.timestamp("17001586x", format: .epochMilliseconds, zone: nil) == nil)
        #expect(ValueText.timestamp("", format: .epochSeconds, zone: nil) == nil)
    }

    @Test func booleansIntegersNumbers() {
        #expect(ValueText.boolean("TRUE") == true)
        #expect(ValueText.boolean("0") == false)
        #expect(ValueText.boolean("yes") == nil)
        #expect(ValueText.integer("42") == 42)
        #expect(ValueText.integer(" 42.0") == 42)
        #expect(ValueText.integer("42.5") == nil)
        #expect(ValueText.integer("forty") == nil)
        #expect(ValueText.number("0.7") == 0.7)
        #expect(ValueText.number("nan") == nil)
    }

    @Test func zones() {
        #expect(ValueText.zone("UTC") == 0)
        #expect(ValueText.zone("Z") == 0)
        #expect(ValueText.zone("+05:30") == 19_800)
        #expect(ValueText.zone("-0800") == -28_800)
        #expect(ValueText.zone("+5") == nil)
        #expect(ValueText.zone("Europe/Paris") == nil)
    }

    @Test func isoRendering() {
        #expect(ValueText.iso(1_700_158_623_979) == "2023-11-16T18:17:03.979Z")
        #expect(ValueText.iso(-1) == "1969-12-31T23:59:59.999Z")
    }
}
