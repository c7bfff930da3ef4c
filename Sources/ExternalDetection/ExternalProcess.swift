import Detection
import Dispatch
import Foundation
import Synchronization
import Traffic

#if canImport(Glibc)
import Glibc
#endif

/// One run of an external detector's program (protocol version 1): started in a process group
/// of its own, fed by a writer thread from a ``BoundedQueue``, read by a reader thread that
/// checks every output line and keeps the score updates until the detector records them, and
/// a third thread that keeps the first line of its standard error. Everything it waits for is
/// bounded by one deadline, `timeout` seconds after the start; past it the whole process group
/// is killed.
///
/// Built on Foundation's `Process`, not swift-subprocess: swift-subprocess 1.0.2 runs a program
/// only inside an `async` closure scope, and the ``Detector`` protocol is synchronous (called
/// from the runner's `concurrentPerform` workers), so every call would block a thread on
/// cooperative-pool tasks. `Process` starts the program synchronously as the leader of its own
/// process group (so `kill(-pid)` reaches its children too), closes the child's pipe ends in
/// this process, and reports the exit through `terminationHandler`.
///
/// Causality of score updates (checked as each line is read): the account must have sent a
/// request to the program already; `ts` must lie between that account's first request and the
/// latest request sent so far, and must not go back in time for that account. A program that
/// stamps each update with the time of a request it has read always passes.
final class ExternalProcess: Sendable {
    /// What the threads share.
    private struct Shared: Sendable {
        /// The first line, once read.
        var header: ExternalMessages.Header?
        /// The first thing wrong with the output, or with feeding the input.
        var problem: String?
        /// Whether the program stopped taking input before its end.
        var inputClosed = false
        /// Validated updates not yet on the board, in the order read.
        var pending: [ScoreBoard.ChangePoint] = []
        /// Output lines read.
        var lines = 0
        /// The accounts of the batches sent.
        var names: Interner?
        /// Per account code: the time of its first request sent (`.max` until then).
        var firstSent: [Int64] = []
        /// Per account code: the time of its latest update.
        var lastUpdate: [Int64] = []
        /// The time of the latest request sent.
        var lastSent = Int64.min
        /// The first non-empty line of standard error.
        var firstErrorLine: String?
    }

    /// ``Shared`` behind a lock, one object for every thread.
    private final class SharedState: Sendable {
        private let mutex = Mutex(Shared())

        func withLock<Result: Sendable>(_ body: (inout Shared) -> Result) -> Result {
            mutex.withLock { body(&$0) }
        }
    }

    /// The command's words, for messages.
    let command: [String]
    let timeout: Double
    /// When waiting ends: `timeout` after the start.
    let deadline: DispatchTime
    private let process: Process
    private let queue: BoundedQueue
    private let shared: SharedState
    private let outputDone: DispatchSemaphore
    private let inputDone: DispatchSemaphore
    private let errorsDone: DispatchSemaphore
    private let exited: DispatchSemaphore
    private let ended = Atomic<Bool>(false)

    /// A program that could not be started.
    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `command` (words; the first is the program, looked up in `PATH` unless it holds a
    /// `/`).
    ///
    /// - Throws: ``LaunchError`` if no such program can be run.
    init(command: [String], timeout: Double, maxQueuedBatches: Int, maxQueuedBytes: Int) throws(LaunchError) {
        guard let program = command.first else { throw LaunchError(description: "cannot start: empty command") }
        guard let executable = Self.executable(program) else {
            throw LaunchError(
                description: program.contains("/")
                    ? "cannot start \(program.debugDescription): no executable file there"
                    : "cannot start \(program.debugDescription): no such program in PATH")
        }
        let queue = BoundedQueue(maxItems: maxQueuedBatches, maxBytes: maxQueuedBytes)
        let shared = SharedState()
        let (outputDone, inputDone, errorsDone, exited) = (
            DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)
        )
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(command.dropFirst())
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        process.terminationHandler = { _ in exited.signal() }
        let start = DispatchTime.now()
        do {
            try process.run()
        } catch {
            throw LaunchError(description: "cannot start \(program.debugDescription): \(error.localizedDescription)")
        }
        self.command = command
        self.timeout = timeout
        self.process = process
        self.queue = queue
        self.shared = shared
        (self.outputDone, self.inputDone, self.errorsDone, self.exited) = (outputDone, inputDone, errorsDone, exited)
        deadline = start + .nanoseconds(Int(min(timeout, 1e7) * 1e9))
        // Foundation starts the program as the leader of a process group of its own.
        let group = process.processIdentifier
        Thread {
            Self.writeInput(queue, to: input.fileHandleForWriting, shared: shared)
            inputDone.signal()
        }.start()
        Thread {
            Self.readOutput(output.fileHandleForReading, shared: shared) {
                queue.fail()
                if group > 0 { _ = Glibc.kill(-group, SIGKILL) }
            }
            outputDone.signal()
        }.start()
        Thread {
            Self.readErrors(errors.fileHandleForReading, shared: shared)
            errorsDone.signal()
        }.start()
    }

    deinit {
        // Dropped before `finish` (the run stopped early): stop the program and its threads.
        if !ended.load(ordering: .relaxed) { kill() }
    }

    // MARK: - Sending

    /// Notes that `batch` goes out next, with the accounts it introduces: before its bytes, so
    /// that no update reacting to it can be read first.
    func noteSending(_ batch: RequestBatch) {
        guard let last = batch.timestamps.last else { return }
        shared.withLock { shared in
            shared.names = batch.accountNames
            let count = batch.accountNames.count
            if shared.firstSent.count < count {
                shared.firstSent.append(contentsOf: repeatElement(.max, count: count - shared.firstSent.count))
                shared.lastUpdate.append(contentsOf: repeatElement(.min, count: count - shared.lastUpdate.count))
            }
            for row in 0..<batch.count where shared.firstSent[Int(batch.accounts[row])] == .max {
                shared.firstSent[Int(batch.accounts[row])] = batch.timestamps[row]
            }
            shared.lastSent = max(shared.lastSent, last)
        }
    }

    /// Queues `bytes` for the program, waiting for room until the deadline.
    ///
    /// - Returns: nil, or why the program cannot take them (and whether that is a timeout).
    func send(_ bytes: [UInt8]) -> (reason: String, timedOut: Bool)? {
        switch queue.push(bytes, until: deadline) {
        case .accepted: return nil
        case .closed: return (problem() ?? "stopped", false)
        case .timedOut:
            kill()
            return ("did not read its input within --detector-timeout \(Self.format(timeout)) s; killed", true)
        }
    }

    // MARK: - Receiving

    /// The header, once read.
    var header: ExternalMessages.Header? { shared.withLock { $0.header } }

    /// Records the updates read so far on `board`, in order.
    func drain(into board: inout ScoreBoard) {
        let pending = shared.withLock { shared in
            defer { shared.pending.removeAll(keepingCapacity: true) }
            return shared.pending
        }
        for point in pending { board.record(account: point.account, time: point.time, score: point.score) }
    }

    /// What went wrong so far, if anything, with the program's exit and first standard-error
    /// line when it has stopped (waiting briefly for them).
    func problem() -> String? {
        let (problem, inputClosed) = shared.withLock { ($0.problem, $0.inputClosed) }
        if let problem { return problem }
        guard inputClosed else { return nil }
        let grace = min(deadline, .now() + .seconds(2))
        guard exited.wait(timeout: grace) == .success else { return "closed its standard input before the end" }
        exited.signal()
        return "\(exitText()) before reading all its input\(errorText())"
    }

    /// Closes the program's input and waits (until the deadline) for it to finish its output
    /// and exit; records the remaining updates on `board`.
    ///
    /// - Returns: nil for a clean exit (status 0, output valid), else why not and whether it
    ///   was a timeout.
    func finish(into board: inout ScoreBoard) -> (reason: String, timedOut: Bool)? {
        defer { ended.store(true, ordering: .relaxed) }
        queue.close()
        var outcome: (reason: String, timedOut: Bool)?
        for (semaphore, what) in [(inputDone, "read all its input"), (exited, "exit"), (outputDone, "close its output")] {
            if semaphore.wait(timeout: deadline) == .timedOut {
                kill()
                outcome = ("did not \(what) within --detector-timeout \(Self.format(timeout)) s; killed with its process group", true)
                awaitOutputEnd()
                break
            }
            semaphore.signal()  // later waits on it pass at once
        }
        drain(into: &board)
        if outcome != nil { return outcome }
        if let problem = problem() { return (problem, false) }
        if shared.withLock({ $0.header }) == nil { return ("\(exitText()) without writing its header line\(errorText())", false) }
        if process.terminationReason != .exit || process.terminationStatus != 0 {
            return ("\(exitText())\(errorText())", false)
        }
        return nil
    }

    /// Waits (at most 5 s) for the reader to reach the end of the output of a stopped program.
    func awaitOutputEnd() {
        if outputDone.wait(timeout: .now() + .seconds(5)) == .success { outputDone.signal() }
    }

    /// Kills the program's process group and stops feeding it.
    func kill() {
        queue.fail()
        let group = process.processIdentifier
        if group > 0 { _ = Glibc.kill(-group, SIGKILL) }
    }

    /// The most bytes that waited for the program at once.
    var peakQueuedBytes: Int { queue.peakBytes }

    /// How the program ended (call once it has).
    private func exitText() -> String {
        process.terminationReason == .exit
            ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
    }

    /// `; first stderr line: "…"`, or nothing; waits briefly for standard error to close.
    private func errorText() -> String {
        if errorsDone.wait(timeout: min(deadline, .now() + .seconds(1))) == .success { errorsDone.signal() }
        guard let line = shared.withLock({ $0.firstErrorLine }) else { return "" }
        return "; first stderr line: \(line.debugDescription)"
    }

    // MARK: - Threads

    /// Writes what the queue yields to the program's input, then closes it.
    private static func writeInput(_ queue: BoundedQueue, to handle: FileHandle, shared: SharedState) {
        // A program that exits early must give EPIPE here, not a SIGPIPE that ends the harness.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let descriptor = handle.fileDescriptor
        writing: while let item = queue.pop() {
            var offset = 0
            while offset < item.count {
                let written = item.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return 0 }
                    return Glibc.write(descriptor, base + offset, bytes.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    shared.withLock { $0.inputClosed = true }
                    queue.fail()
                    break writing
                }
                offset += written
            }
        }
        do {
            try handle.close()
        } catch {
            shared.withLock { if $0.problem == nil { $0.problem = "cannot close its input: \(error)" } }
        }
    }

    /// Reads the program's output line by line until it closes; `stop` ends the program after
    /// the first bad line.
    private static func readOutput(_ handle: FileHandle, shared: SharedState, stop: () -> Void) {
        let descriptor = handle.fileDescriptor
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var atEnd = false
        while !atEnd {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                atEnd = true
                if buffer.isEmpty { break }
                buffer.append(0x0A)
            } else {
                buffer += chunk[0..<count]
            }
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<newline]
                start = newline + 1
                if let problem = shared.withLock({ take(line, into: &$0) }) {
                    shared.withLock { if $0.problem == nil { $0.problem = problem } }
                    stop()
                    return
                }
            }
            buffer.removeFirst(start)
            if buffer.count > 1 << 20 {
                shared.withLock { shared in
                    if shared.problem == nil { shared.problem = "output line \(shared.lines + 1) is longer than 1 MiB" }
                }
                stop()
                return
            }
        }
    }

    /// Checks one output line and keeps its update; returns what is wrong with it, if anything.
    private static func take(_ line: ArraySlice<UInt8>, into shared: inout Shared) -> String? {
        shared.lines += 1
        let number = shared.lines
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        guard shared.header != nil else {
            switch ExternalMessages.decode(ExternalMessages.Header.self, from: line) {
            case .failure(let problem):
                return "output line \(number) must be the header {\"name\", \"version\", \"default_threshold\"}: \(problem.text): \(ExternalMessages.excerpt(line))"
            case .success(let header):
                if let problem = header.problem { return "output line \(number), header: \(problem)" }
                shared.header = header
                return nil
            }
        }
        let update: ExternalMessages.ScoreUpdate
        switch ExternalMessages.decode(ExternalMessages.ScoreUpdate.self, from: line) {
        case .failure(let problem):
            return "output line \(number) is not a score update {\"account\", \"ts\", \"score\"}: \(problem.text): \(ExternalMessages.excerpt(line))"
        case .success(let value): update = value
        }
        let where_ = "output line \(number), account \(update.account.debugDescription)"
        guard update.score.isFinite, update.score >= 0 else {
            return "\(where_): score \(update.score) is not a finite number ≥ 0"
        }
        guard let code = shared.names?.existingCode(for: update.account), Int(code) < shared.firstSent.count,
            shared.firstSent[Int(code)] != .max
        else {
            return "\(where_): unknown account (no request of it was sent)"
        }
        let first = shared.firstSent[Int(code)]
        guard update.ts >= first else { return "\(where_): ts \(update.ts) is before the account's first request (\(first))" }
        guard update.ts <= shared.lastSent else {
            return "\(where_): ts \(update.ts) is after the latest request sent (\(shared.lastSent)): updates cannot come from the future"
        }
        guard update.ts >= shared.lastUpdate[Int(code)] else {
            return "\(where_): ts \(update.ts) is before the account's previous update (\(shared.lastUpdate[Int(code)]))"
        }
        shared.lastUpdate[Int(code)] = update.ts
        shared.pending.append(ScoreBoard.ChangePoint(account: code, time: update.ts, score: update.score))
        return nil
    }

    /// Keeps the first non-empty line of the program's standard error; discards the rest.
    private static func readErrors(_ handle: FileHandle, shared: SharedState) {
        let descriptor = handle.fileDescriptor
        var first: [UInt8] = []
        var done = false
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            guard !done else { continue }
            for byte in chunk[0..<count] {
                if byte == 0x0A {
                    if !first.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { done = true; break }
                    first.removeAll()
                } else if first.count < 300 {
                    first.append(byte)
                }
            }
            if done || !first.isEmpty {
                let line = String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                shared.withLock { if !line.isEmpty { $0.firstErrorLine = line } }
            }
        }
    }

    // MARK: - Helpers

    /// The file to run for `program`: a path if it holds a `/`, else the first match in `PATH`.
    static func executable(_ program: String) -> URL? {
        let files = FileManager.default
        if program.contains("/") {
            return files.isExecutableFile(atPath: program) ? URL(filePath: program) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(filePath: String(directory)).appending(path: program)
            if files.isExecutableFile(atPath: candidate.path), !Self.isDirectory(candidate.path) { return candidate }
        }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
