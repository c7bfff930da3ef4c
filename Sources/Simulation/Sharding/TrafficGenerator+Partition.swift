extension TrafficGenerator {
    /// This run restricted to the accounts of `partition`: the same population, accounts and
    /// truth, but only the requests of the partition's accounts, in the same trace order.
    public func partition(_ partition: ActorPartition) -> TrafficGenerator {
        let shares = ActorPartition.shares(
            of: population.plans, accounts: population.accounts.count, scenarioEnd: scenario.end, count: partition.count)
        var restricted = self
        let share = Int32(partition.index - 1)
        restricted.members = shares.map { $0 == share }
        return restricted
    }
}
