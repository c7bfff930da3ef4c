/// Parsing numbers from bytes without building a `String` on the common path.
enum NumberText {
    /// The integer spelled by `bytes` (`-`? digits), or `nil` if malformed or beyond `Int64`.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == 0x2D
        if negative { index = 1 }
        guard index < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        return Int64(exactly: magnitude)
    }

    /// The double spelled by `bytes`, correctly rounded; `nil` if not a number.
    ///
    /// Decimal text with ≤ 15 significant digits and a power of ten ≤ 10²² is converted
    /// exactly with one multiplication or division (Clinger's fast path, 1990); anything else
    /// goes to the standard library's `Double(String)`.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = fastDouble(bytes) { return value }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static func fastDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        var index = 0
        let negative = count > 0 && bytes[0] == 0x2D
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while index < count, case let digit = bytes[index] &- 0x30, digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { significantDigits += 1 }
            sawDigit = true
            index += 1
        }
        if index < count, bytes[index] == 0x2E {
            index += 1
            while index < count, case let digit = bytes[index] &- 0x30, digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significantDigits += 1 }
                exponent -= 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit, significantDigits <= 15 else { return nil }
        if index < count, bytes[index] | 0x20 == 0x65 {
            index += 1
            var exponentSign = 1
            if index < count, bytes[index] == 0x2D || bytes[index] == 0x2B {
                if bytes[index] == 0x2D { exponentSign = -1 }
                index += 1
            }
            var written = 0
            var sawExponentDigit = false
            while index < count, case let digit = bytes[index] &- 0x30, digit < 10 {
                if written < 10_000 { written = written * 10 + Int(digit) }
                sawExponentDigit = true
                index += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += exponentSign * written
        }
        guard index == count, (-22...22).contains(exponent) else { return nil }
        var value = Double(mantissa)
        if exponent < 0 {
            value /= powersOfTen[-exponent]
        } else {
            value *= powersOfTen[exponent]
        }
        return negative ? -value : value
    }
}
