import HeapModule
import Traffic

/// A fixed subset of the actors, advanced window by window by one worker at a time.
///
/// Actors are kept in a min-heap by the time of their next request (DESIGN §3, "Order"), so
/// a window visits only the actors that send in it. A class so that workers of a window can
/// each own one shard; a shard is only touched by one thread at a time.
final class Shard: @unchecked Sendable {
    private var actors: [AccountActor]
    private var queue: Heap<Entry>
    /// What the last window produced.
    private(set) var buffer = ShardBuffer()
    /// `buffer.rows` indices in trace order, after ``advance(until:runtimes:context:)``.
    private(set) var order: [Int32] = []

    private struct Entry: Comparable {
        var time: Double
        var actor: Int32
        static func < (a: Entry, b: Entry) -> Bool { (a.time, a.actor) < (b.time, b.actor) }
    }

    init(actors: [AccountActor]) {
        self.actors = actors
        queue = Heap(actors.indices.compactMap { index in
            actors[index].nextTime.isFinite ? Entry(time: actors[index].nextTime, actor: Int32(index)) : nil
        })
    }

    /// Whether every actor has ended.
    var isFinished: Bool { queue.isEmpty }

    /// Time of the earliest pending request.
    var nextTime: Double { queue.min?.time ?? .infinity }

    /// Produces every request before `windowEnd` into ``buffer`` and sorts them, applying each
    /// account's `controls` entry (by rank; empty: none).
    func advance(until windowEnd: Double, runtimes: [PersonaRuntime], controls: [AccountControl], context: GenerationContext) {
        buffer.removeAll()
        let none = AccountControl()
        while let entry = queue.min, entry.time < windowEnd {
            _ = queue.removeMin()
            let index = Int(entry.actor)
            let runtime = runtimes[actors[index].runtimeIndex]
            let control = controls.isEmpty ? none : controls[Int(actors[index].plan.rank)]
            actors[index].emit(until: windowEnd, runtime: runtime, control: control, context: context, into: &buffer)
            let next = actors[index].nextTime
            if next.isFinite { queue.insert(Entry(time: next, actor: entry.actor)) }
        }
        order = buffer.sortedOrder()
    }

    // MARK: - Adaptation, between windows

    /// Actors in the shard.
    var count: Int { actors.count }

    /// The actor at `index`, for reading.
    func actor(_ index: Int) -> AccountActor { actors[index] }

    /// Applies `change` to the actor at `index` and reschedules it.
    func update(_ index: Int, _ change: (inout AccountActor) -> Void) {
        let before = actors[index].nextTime
        change(&actors[index])
        let after = actors[index].nextTime
        guard after != before else { return }
        // The heap holds at most one entry per actor: rebuild it without the old one.
        if before.isFinite {
            queue = Heap(queue.unordered.filter { $0.actor != Int32(index) })
        }
        if after.isFinite { queue.insert(Entry(time: after, actor: Int32(index))) }
    }
}
