/// What an account's requests show of where they come from: its network prefixes and its
/// client. A campaign that rotates moves its accounts to fresh ones (``Adaptation/rotate``).
struct WireIdentity: Sendable {
    var networks: [AccountPlan.Network]
    var userAgent: UInt32
    var tlsFingerprint: UInt32
}
