extension HydraDetector: ExplainingDetector {
    /// At most this many cluster members are named.
    static let namedMembers = 10

    /// The account's cluster (size, members named up to ``namedMembers``, the cluster's summed
    /// evidence) and the kinds of link it took part in.
    public func evidence(account: Int, accountIDs: [String]) -> [String: String] {
        guard account < clusterState.count else { return [:] }
        let mask = clusterState.masks[account]
        let root = clusterState.root(of: UInt32(account))
        let members = (0..<clusterState.count).filter { clusterState.root(of: UInt32($0)) == root }
        let names = members.prefix(Self.namedMembers).map { $0 < accountIDs.count ? accountIDs[$0] : "#\($0)" }
        let kinds = [
            (Evidence.payment, "payment"), (.network, "network"), (.systemPrompt, "system_prompt"),
            (.schedule, "schedule"), (.template, "template"), (.creationBurst, "creation_burst"),
        ].filter { mask & (1 << UInt8($0.0.rawValue)) != 0 }.map(\.1)
        var evidence: [String: String] = [
            "cluster_size": "\(members.count)",
            "evidence_kinds": kinds.isEmpty ? "none" : kinds.joined(separator: ","),
        ]
        if members.count > 1 {
            let more = members.count - names.count
            evidence["cluster_members"] = names.joined(separator: ",") + (more > 0 ? ",… (\(more) more)" : "")
            evidence["cluster_evidence"] = "\(clusterState.cluster(ofRoot: root).evidence)"
        }
        return evidence
    }
}
