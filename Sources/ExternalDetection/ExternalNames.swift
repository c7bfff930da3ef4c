import Detection
import Synchronization

/// The names external programs give themselves in one run: each must differ from every
/// built-in detector's name and file name and from the other programs' names (results are
/// written per name). A program keeps its name across passes (evaluation, throughput).
public final class ExternalNames: Sendable {
    private let reserved: Set<String>
    /// Name → the `--detector-exec` slot that took it.
    private let claims = Mutex<[String: Int]>([:])

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

    /// Takes `name` for `slot`; the reason it cannot, if taken by another.
    func claim(_ name: String, slot: Int) -> String? {
        if reserved.contains(name) { return "name \(name.debugDescription) is taken by a built-in detector" }
        return claims.withLock { claims in
            if let owner = claims[name], owner != slot {
                return "name \(name.debugDescription) is taken by --detector-exec number \(owner + 1)"
            }
            claims[name] = slot
            return nil
        }
    }
}
