/// E-mail domains. Free-mail providers are real; company and university domains are
/// synthesized from syllables so that none belongs to a real organisation.
enum DomainCatalog {
    /// Free-mail providers with relative weights [Assumption: global market shares].
    static let freemail: [(domain: String, weight: Double)] = [
        ("gmail.com", 60), ("outlook.com", 9), ("hotmail.com", 6), ("yahoo.com", 5), ("icloud.com", 4),
        ("proton.me", 3), ("qq.com", 4), ("163.com", 3), ("naver.com", 2), ("yandex.ru", 2), ("gmx.de", 2),
    ]

    private static let syllables = [
        "ak", "bel", "cor", "dra", "el", "fin", "gra", "hal", "io", "jun", "kel", "lum", "mar", "nov",
        "or", "pra", "qua", "ral", "sol", "tek", "ul", "ver", "wex", "xen", "yar", "zen", "tra", "nex",
        "lo", "vi", "sta", "ro",
    ]
    private static let companySuffixes = ["com", "io", "ai", "co", "dev", "tech", "de", "co.uk", "fr", "jp", "in", "com.br"]
    private static let academicPatterns: [(prefix: String, suffix: String)] = [
        ("", ".edu"), ("", ".ac.uk"), ("uni-", ".de"), ("", ".edu.cn"), ("", ".ac.jp"), ("univ-", ".fr"),
        ("", ".edu.au"), ("", ".ac.kr"), ("", ".ethz.ch"), ("", ".ac.in"),
    ]

    /// A pronounceable name from the bits of `hash`.
    static func name(_ hash: UInt64, syllableCount: Int) -> String {
        var h = hash
        var result = ""
        for _ in 0..<syllableCount {
            result += syllables[Int(h % UInt64(syllables.count))]
            h /= UInt64(syllables.count)
        }
        return result
    }

    /// A company domain derived from `hash`.
    static func company(_ hash: UInt64) -> String {
        let suffix = companySuffixes[Int((hash >> 40) % UInt64(companySuffixes.count))]
        return "\(name(hash, syllableCount: 2 + Int((hash >> 50) % 2))).\(suffix)"
    }

    /// A university domain derived from `hash` (from a pool of 4,096 institutions).
    static func academic(_ hash: UInt64) -> String {
        let institution = hash % 4_096
        let pattern = academicPatterns[Int(institution % UInt64(academicPatterns.count))]
        return "\(pattern.prefix)\(name(institution &* 0x9e3779b97f4a7c15, syllableCount: 2))\(pattern.suffix)"
    }
}
