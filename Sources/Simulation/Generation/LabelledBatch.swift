import Traffic

/// Generated requests and, kept apart, the campaign of each: ground truth for
/// `request_labels.csv`, never part of the trace a detector sees.
public struct LabelledBatch: Sendable {
    /// The requests, as a trace holds them.
    public var requests: RequestBatch
    /// `campaigns[i]` is the campaign index of request `i` (see
    /// ``TrafficGenerator/campaignIDs``), or -1 for genuine traffic.
    public var campaigns: [Int32] = []
    /// `withheld[i]` is the completion tokens enforcement did not serve request `i` (closed
    /// loop; 0 otherwise): what a refusal cost the account.
    public var withheld: [Int32] = []
    /// `enforced[i]`: whether enforcement refused or throttled request `i` (closed loop).
    public var enforced: [Bool] = []

    public init(requests: RequestBatch, campaigns: [Int32] = [], withheld: [Int32] = []) {
        self.requests = requests
        self.campaigns = campaigns
        self.withheld = withheld
    }

    /// Empties the batch, keeping its capacity.
    mutating func removeAll() {
        requests.removeAll()
        campaigns.removeAll(keepingCapacity: true)
        withheld.removeAll(keepingCapacity: true)
        enforced.removeAll(keepingCapacity: true)
    }
}
