import Foundation

/// Number formatting with fixed rules and no locale: the same number always gives the same text.
public enum ChartNumberFormat {
    /// A short label with three significant digits: `0.05`, `12.5`, `1k`, `2.5M`, `3B`, `1e-4`.
    ///
    /// Thousands take k, M, B (billions), T; magnitudes below 0.001 or from 10^15 up are written
    /// in scientific notation. NaN is "n/a"; infinities are "∞" and "-∞".
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let rounded = roundedSignificant(abs(value), digits: 3)
        if rounded >= 1e15 || rounded < 1e-3 { return sign + scientific(abs(value)) }
        if rounded < 1000 { return sign + fixed(rounded, decimals: decimalsForThreeDigits(rounded)) }
        for (scale, suffix) in unitSuffixes where rounded >= scale {
            let scaled = roundedSignificant(rounded / scale, digits: 3)
            return sign + fixed(scaled, decimals: decimalsForThreeDigits(scaled)) + suffix
        }
        return sign + fixed(rounded, decimals: 0)
    }

    /// The exact value for a tooltip: integers as integers, other values in Swift's shortest
    /// round-trip form (`0.1`, `1e-05`).
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return compact(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `value` rounded to `decimals` places, trailing zeros dropped (`0.50` is `0.5`).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return compact(value) }
        let decimals = min(max(decimals, 0), 15)
        let scaled = (abs(value) * powerOfTen(decimals)).rounded()
        guard scaled < 9e18 else { return exact(value) }
        let integer = Int64(scaled)
        if integer == 0 { return "0" }
        var digits = String(integer)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
            while digits.last == "0" { digits.removeLast() }
            if digits.last == "." { digits.removeLast() }
        }
        return (value < 0 ? "-" : "") + digits
    }

    /// A pixel coordinate: one decimal at most.
    static func pixel(_ value: Double) -> String {
        fixed(value, decimals: 1)
    }

    /// `10^exponent`, exact for the exponents a chart uses.
    static func powerOfTen(_ exponent: Int) -> Double {
        pow(10.0, Double(exponent))
    }

    /// `floor(log10(value))` for a positive finite value, corrected against rounding in `log10`;
    /// 0 for anything else.
    static func decade(_ value: Double) -> Int {
        guard value.isFinite, value > 0 else { return 0 }
        var exponent = Int(floor(log10(value)))
        if powerOfTen(exponent) > value { exponent -= 1 }
        if powerOfTen(exponent + 1) <= value { exponent += 1 }
        return exponent
    }

    static let unitSuffixes: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]

    /// `value` (positive) rounded to `digits` significant digits.
    static func roundedSignificant(_ value: Double, digits: Int) -> Double {
        let shift = digits - 1 - decade(value)
        if shift >= 0 {
            let factor = powerOfTen(shift)
            return (value * factor).rounded() / factor
        }
        let factor = powerOfTen(-shift)
        return (value / factor).rounded() * factor
    }

    private static func decimalsForThreeDigits(_ value: Double) -> Int {
        switch value {
        case 100...: 0
        case 10...: 1
        case 1...: 2
        case 0.1...: 3
        case 0.01...: 4
        default: 5
        }
    }

    /// `2.5e-5`: a mantissa with three significant digits at most.
    private static func scientific(_ value: Double) -> String {
        var exponent = decade(value)
        var mantissa = (value / powerOfTen(exponent) * 100).rounded() / 100
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return fixed(mantissa, decimals: 2) + "e" + String(exponent)
    }
}
