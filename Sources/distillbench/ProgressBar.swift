import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
/// Safe to update from the generating thread.
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let lastDrawn = Mutex(-1)

    init(_ label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) != 0
    }

    /// Shows `fraction` (0…1) done.
    func update(_ fraction: Double) {
        guard enabled, fraction.isFinite else { return }
        let percent = Int((max(0, min(1, fraction)) * 100).rounded(.down))
        let changed = lastDrawn.withLock { last in
            defer { last = percent }
            return last != percent
        }
        guard changed else { return }
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
    }

    /// Clears the bar.
    func finish() {
        guard enabled, lastDrawn.withLock({ $0 >= 0 }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
