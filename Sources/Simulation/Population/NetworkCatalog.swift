/// Autonomous systems clients send from, by kind of network. Real AS numbers, so a trace's
/// `asn` column reads like a gateway's (sources: the operators' public registrations).
/// Benign accounts and campaigns draw from these same lists.
enum NetworkCatalog {
    /// AS numbers of each kind with relative weights.
    static let systems: [NetworkKind: [(asn: UInt32, weight: Double)]] = [
        // AWS, AWS-2, Google, Google Cloud, Microsoft, DigitalOcean, OVH, Hetzner, Alibaba,
        // Oracle, Akamai/Linode, Tencent
        .cloud: [
            (16509, 30), (14618, 10), (15169, 8), (396982, 12), (8075, 18), (14061, 6), (16276, 4),
            (24940, 4), (45102, 3), (31898, 2), (63949, 2), (132203, 1),
        ],
        // Comcast, Charter, AT&T, Verizon, Deutsche Telekom, BT, Orange, Jio, Airtel, NTT OCN,
        // KT, Vodafone DE, Telefónica, Claro BR, Rogers, Telstra, China Telecom, China Unicom
        .residential: [
            (7922, 10), (20115, 7), (7018, 6), (701, 5), (3320, 5), (2856, 4), (3215, 4), (55836, 6),
            (9498, 4), (4713, 3), (4766, 3), (3209, 3), (3352, 2), (28573, 2), (812, 2), (1221, 2),
            (4134, 3), (4837, 2),
        ],
        // T-Mobile US, Verizon Wireless, AT&T Mobility, Jio 4G, Vodafone UK
        .mobile: [(21928, 4), (6167, 3), (20057, 2), (45609, 2), (25135, 1)],
        // Internet2, GÉANT, Janet, DFN, CERNET, RENATER, SURF, KREONET, SINET, CANARIE, AARNet
        .university: [
            (11537, 6), (20965, 2), (786, 3), (680, 3), (4538, 4), (2200, 2), (1103, 1), (17579, 1),
            (2907, 2), (6509, 1), (7575, 1),
        ],
        // Zscaler, Cloudflare, Akamai, Cogent, Lumen, Hurricane Electric, NTT America
        .corporate: [(22616, 5), (13335, 3), (20940, 2), (174, 3), (3356, 4), (6939, 2), (2914, 2)],
    ]

    /// Network prefixes per AS from which accounts draw (large for clouds and ISPs, so
    /// unrelated accounts rarely share one by chance).
    static func prefixPoolSize(_ kind: NetworkKind) -> UInt64 {
        switch kind {
        case .cloud: 200_000
        case .residential: 1_000_000
        case .mobile: 5_000
        case .university: 2_000
        case .corporate: 20_000
        }
    }
}
