/// What an account saw of enforcement, as its client sees it: a refusal or a throttle, never a
/// score (DESIGN §7). Collected per shard in a window and handed to the campaign coordinators
/// in trace order between windows.
struct ActorEvent: Sendable, Comparable {
    enum Kind: UInt8, Sendable, Comparable {
        /// The first refusal (403) of a ban: a campaign's script retires the key; a genuine
        /// customer may appeal.
        case refused
        /// A genuine customer appealed its ban.
        case appealed
        /// Requests were throttled (429 from an enforcement limit), at most once a window.
        case throttled

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var time: Double
    var rank: UInt32
    var kind: Kind
    /// The campaign of the actor, or -1 for genuine traffic.
    var campaign: Int32
    /// Campaign requests the actor still had to send (its quota left), 0 for genuine traffic.
    var quotaLeft: Int

    static func < (a: ActorEvent, b: ActorEvent) -> Bool {
        (a.time, a.rank, a.kind, a.campaign) < (b.time, b.rank, b.kind, b.campaign)
    }
}
