import Detection
import Synchronization

/// The names external programs give themselves in one run: each must differ from every
/// built-in detector's name and file name and from the other programs' names (results are
/// written per name). A program keeps its name across passes (evaluation, throughput).
public final class ExternalNames: Sendable {
    private let reserved: Set<String>
    /// Name → the `--detector-exec` slots whose programs gave it.
    private let claims = Mutex<[String: Set<Int>]>([:])

    /// A registry where `inProcess` (configured names of the run's built-in detectors) and
    /// every catalogue name are taken.
    public init(inProcess: some Sequence<String>) {
        var reserved = Set(DetectorCatalog.names)
        for name in inProcess {
            reserved.insert(name)
            reserved.insert(DetectorFileName.of(name))
        }
        self.reserved = reserved
    }

    /// Records that the program of `slot` calls itself `name`; the reason it cannot, if a
    /// built-in detector has it.
    func claim(_ name: String, slot: Int) -> String? {
        if reserved.contains(name) { return "name \(name.debugDescription) is taken by a built-in detector" }
        claims.withLock { _ = $0[name, default: []].insert(slot) }
        return nil
    }

    /// The reason `slot` cannot keep `name`, if an earlier slot's program gave it too. Asked
    /// when a program finishes — in slot order, after the earlier ones — so the first keeps
    /// the name whatever the timing.
    func conflict(_ name: String, slot: Int) -> String? {
        guard let owner = claims.withLock({ $0[name]?.min() }), owner < slot else { return nil }
        return "name \(name.debugDescription) is taken by --detector-exec number \(owner + 1)"
    }
}
