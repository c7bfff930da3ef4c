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

    /// Produces every request before `windowEnd` into ``buffer`` and sorts them.
    func advance(until windowEnd: Double, runtimes: [PersonaRuntime], context: GenerationContext) {
        buffer.removeAll()
        while let entry = queue.min, entry.time < windowEnd {
            _ = queue.removeMin()
            let index = Int(entry.actor)
            let runtime = runtimes[actors[index].plan.runtime]
            actors[index].emit(until: windowEnd, runtime: runtime, context: context, into: &buffer)
            let next = actors[index].nextTime
            if next.isFinite { queue.insert(Entry(time: next, actor: entry.actor)) }
        }
        order = buffer.sortedOrder()
    }
}
