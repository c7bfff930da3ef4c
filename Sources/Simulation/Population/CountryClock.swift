/// Offsets of local time from UTC by billing country (standard time; one offset per country,
/// the most populous zone).
public enum CountryClock {
    static let utcOffsetHours: [String: Int] = [
        "US": -6, "IN": 5, "GB": 0, "DE": 1, "FR": 1, "CA": -5, "BR": -3, "JP": 9, "SG": 8, "KR": 9,
        "NL": 1, "AU": 10, "ES": 1, "IT": 1, "SE": 1, "CH": 1, "IL": 2, "PL": 1, "MX": -6, "HK": 8,
        "TW": 8, "AE": 4, "ID": 7, "VN": 7, "TR": 3, "NG": 1, "ZA": 2, "AR": -3, "CN": 8, "RU": 3,
    ]

    /// Local time minus UTC in `country` (ISO 3166-1 alpha-2), hours; 0 for a country not listed.
    public static func offset(_ country: String) -> Int { utcOffsetHours[country] ?? 0 }
}
