/// Conversions of the text of a log's value to the trace's types: integers and numbers given as
/// strings, booleans as true/false/1/0, timestamps as epoch seconds, epoch milliseconds or
/// ISO 8601.
enum ValueText {
    /// An integer written as digits (optionally signed), or as a number with no fractional
    /// part (`12.0`, `1e3`); surrounding spaces ignored.
    static func integer(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces()
        if let value = Int64(trimmed) { return value }
        guard let double = Double(trimmed), double.isFinite, double == double.rounded(.towardZero),
            abs(double) < 9.2e18
        else { return nil }
        return Int64(double)
    }

    /// A finite number.
    static func number(_ text: String) -> Double? {
        guard let value = Double(text.trimmingSpaces()), value.isFinite else { return nil }
        return value
    }

    /// `true`/`false` in any case, or `1`/`0`.
    static func boolean(_ text: String) -> Bool? {
        switch text.trimmingSpaces().lowercased() {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
    }

    /// Unix epoch milliseconds of `text` written in `format`; `zone` (seconds east of UTC) is
    /// assumed for an ISO 8601 value without a zone (nil: such a value is refused).
    static func timestamp(_ text: String, format: FieldRule.TimestampFormat, zone: Int?) -> Int64? {
        let trimmed = text.trimmingSpaces()
        switch format {
        case .epochMilliseconds:
            return decimal(trimmed, scale: 1)
        case .epochSeconds:
            return decimal(trimmed, scale: 1000)
        case .iso8601:
            return iso8601(Array(trimmed.utf8), zone: zone)
        }
    }

    /// `text` (a decimal, maybe with a fraction or exponent) × `scale`, truncated toward −∞ to
    /// an integer; exact for plain decimals.
    private static func decimal(_ text: String, scale: Int64) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var whole: Int64 = 0
        var digits = 0
        while index < bytes.count, case let digit = bytes[index] &- 0x30, digit < 10 {
            let (times, overflow) = whole.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            whole = times + Int64(digit)
            index += 1
            digits += 1
        }
        var fraction: Int64 = 0
        var fractionScale: Int64 = 1
        var exact = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, case let digit = bytes[index] &- 0x30, digit < 10 {
                if fractionScale < scale {
                    fraction = fraction * 10 + Int64(digit)
                    fractionScale *= 10
                } else if digit != 0 {
                    exact = false
                }
                index += 1
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        if index != bytes.count {
            // An exponent or other form: through Double (not exact beyond 2^53).
            guard let double = Double(text), double.isFinite else { return nil }
            let scaled = (double * Double(scale)).rounded(.down)
            guard abs(scaled) < 9.2e18 else { return nil }
            return Int64(scaled)
        }
        let (wholeScaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        let value = wholeScaled + fraction * (scale / fractionScale)
        guard negative else { return value }
        return exact ? -value : -value - 1
    }

    /// `YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|±hh[:mm]|±hhmm]`, the fraction truncated to ms.
    static func iso8601(_ text: [UInt8], zone: Int?) -> Int64? {
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= text.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let digit = text[index + offset] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            index += count
            return value
        }
        func skip(_ byte: Character) -> Bool {
            guard index < text.count, text[index] == byte.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        guard index < text.count, text[index] == UInt8(ascii: "T") || text[index] == UInt8(ascii: "t")
            || text[index] == UInt8(ascii: " ")
        else { return nil }
        index += 1
        guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
        var second = 0
        var millisecond = 0
        if skip(":") {
            guard let value = number(2) else { return nil }
            second = value
            if skip(".") || skip(",") {
                var digits = 0
                while index < text.count, case let digit = text[index] &- 0x30, digit < 10 {
                    if digits < 3 { millisecond = millisecond * 10 + Int(digit) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                if digits < 3 { for _ in digits..<3 { millisecond *= 10 } }
            }
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59,
            second <= 59
        else { return nil }
        var offset: Int
        if index == text.count {
            guard let zone else { return nil }
            offset = zone
        } else {
            _ = skip(" ")
            guard index < text.count else { return nil }
            if text[index] == UInt8(ascii: "Z") || text[index] == UInt8(ascii: "z") {
                index += 1
                offset = 0
            } else if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                let sign = text[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2), hours <= 23 else { return nil }
                var minutes = 0
                if index < text.count {
                    _ = skip(":")
                    guard let value = number(2), value <= 59 else { return nil }
                    minutes = value
                }
                offset = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard index == text.count else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return seconds * 1000 + Int64(millisecond)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
    /// Low-Level Date Algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A zone written `Z`, `UTC`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh`, as seconds east of UTC.
    static func zone(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces()
        if trimmed == "Z" || trimmed.uppercased() == "UTC" { return 0 }
        let bytes = Array(trimmed.utf8)
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        let values = digits.map { Int($0 - 0x30) }
        let hours = values[0] * 10 + values[1]
        let minutes = digits.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours <= 23, minutes <= 59 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// Unix epoch milliseconds as ISO 8601 UTC, for messages.
    static func iso(_ milliseconds: Int64) -> String {
        let seconds = Int(milliseconds.quotientRoundingDown(1000))
        let ms = Int(milliseconds - Int64(seconds) * 1000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)).\(msText)Z"
    }
}

extension Int64 {
    /// The quotient rounded toward −∞.
    func quotientRoundingDown(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
