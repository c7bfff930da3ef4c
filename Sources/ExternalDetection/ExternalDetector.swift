import Detection
import Features
import Traffic

/// A detector in any language: a program that reads one JSON line per request on its standard
/// input and writes JSON score updates on its standard output (protocol version 1, README
/// "External detectors", `schemas/detector-protocol-v1.json`). It speaks the same causal,
/// streaming protocol as the built-in detectors (DESIGN §4): requests in time order, the
/// account's `accounts.jsonl` record with its first request, the shared hashed prompt
/// embedding if asked for; it never sees the truth.
///
/// Each ``begin(accounts:)`` starts the program anew (``ExternalProcess``); ``observe(_:features:board:)``
/// encodes the batch on the calling thread and queues it for a writer thread — waiting only
/// when the bounded queue is full — and records the updates read so far; ``finish(board:)``
/// closes the program's input, waits for its exit and records the rest. Updates are recorded
/// in the order the program wrote them, so results do not depend on timing. Every failure —
/// cannot start, non-zero exit, a bad line, a bad update, `timeout` exceeded — is thrown as a
/// ``DetectorError`` (``DetectorError/timedOut(detector:reason:)`` for the timeout), which the
/// runner records as the detector's outcome.
public struct ExternalDetector: Detector {
    /// What runs, as the manifest records it.
    public struct Settings: DetectorConfiguration {
        /// The command as given to `--detector-exec`.
        public var command = ""
        /// The version the program reported in its header (empty until it did).
        public var version = ""
        /// Seconds the program may run, from its start to its exit (default 600).
        public var timeout = 600.0
        /// Shared prompt features sent with each request: `none` or `embedding`.
        public var features = "none"

        public init() {}

        public static var parameters: [DetectorParameter<Settings>] {
            [
                .text("command", \.command, "the program and its arguments"),
                .text("version", \.version, "the version the program reports"),
                .number("timeout", \.timeout, in: .leastNonzeroMagnitude...1e7, "seconds from start to exit"),
                .choice("features", \.features, of: ["none", "embedding"], "shared prompt features sent with each request"),
            ]
        }
    }

    public private(set) var name: String
    public private(set) var defaultThreshold = 1.0
    public let needs: PromptFeatureSet
    public var configuration: any DetectorConfiguration { settings }
    public private(set) var settings: Settings

    private let words: [String]
    private let slot: Int
    private let names: ExternalNames
    private let maxQueuedBatches: Int
    private let maxQueuedBytes: Int
    private var process: ExternalProcess?
    private var encoder: RequestLineEncoder
    /// Whether this run's header was taken.
    private var adopted = false

    /// The program `command` (split like a shell's words, never run through one).
    ///
    /// - Parameters:
    ///   - slot: its position among the run's external programs (its name is `exec-<slot+1>`
    ///     until its header names it).
    ///   - names: the run's name registry.
    ///   - maxQueuedBatches, maxQueuedBytes: the most encoded batches and bytes that wait for the
    ///     program (one batch always may).
    /// - Throws: ``DetectorError/syntax(_:)`` for a command that does not split.
    public init(
        command: String, timeout: Double = 600, features: PromptFeatureSet = [], slot: Int = 0,
        names: ExternalNames = ExternalNames(inProcess: []), maxQueuedBatches: Int = 4, maxQueuedBytes: Int = 32 << 20
    ) throws(DetectorError) {
        do {
            words = try CommandWords.split(command)
        } catch {
            throw .syntax("--detector-exec: \(error.reason)")
        }
        guard timeout > 0, timeout.isFinite else { throw .syntax("--detector-timeout: expected a number of seconds above 0") }
        var settings = Settings()
        settings.command = command
        settings.timeout = timeout
        settings.features = features.contains(.embedding) ? "embedding" : "none"
        self.settings = settings
        needs = features.intersection(.embedding)
        name = "exec-\(slot + 1)"
        self.slot = slot
        self.names = names
        self.maxQueuedBatches = maxQueuedBatches
        self.maxQueuedBytes = maxQueuedBytes
        encoder = RequestLineEncoder(accounts: [], embedding: false)
    }

    /// A program that reads everything and scores nothing (`sh`, `cat`): its throughput is the
    /// cost of the pipe itself — encoding, writing, the kernel — with the same `features`.
    public static func pipeProbe(features: PromptFeatureSet = [], timeout: Double = 600) throws(DetectorError) -> ExternalDetector {
        try ExternalDetector(
            command: #"sh -c 'echo "{\"name\":\"pipe\",\"version\":\"1\",\"default_threshold\":1}"; exec cat >/dev/null'"#,
            timeout: timeout, features: features, slot: -1)
    }

    public mutating func begin(accounts: [Account]) throws {
        process = nil
        adopted = false
        do {
            process = try ExternalProcess(
                command: words, timeout: settings.timeout, maxQueuedBatches: maxQueuedBatches, maxQueuedBytes: maxQueuedBytes)
        } catch {
            throw DetectorError.failed(detector: name, reason: error.description)
        }
        encoder = RequestLineEncoder(accounts: accounts, embedding: needs.contains(.embedding))
    }

    public mutating func observe(_ batch: RequestBatch, features: PromptFeatures, board: inout ScoreBoard) throws {
        guard let process else { throw DetectorError.failed(detector: name, reason: "observe before begin") }
        process.drain(into: &board)
        // The header, if any, was read before any later line's problem.
        let problem = process.problem()
        try adoptHeader(of: process)
        if let problem { throw fail(problem, timedOut: false) }
        guard !batch.isEmpty else { return }
        if needs.contains(.embedding), features.embeddings.count != batch.count * features.settings.embeddingDimension {
            throw fail("the batch came without its embedding", timedOut: false)
        }
        let bytes = encoder.encode(batch, features: features)
        process.noteSending(batch)
        if let (reason, timedOut) = process.send(bytes) {
            process.awaitOutputEnd()
            process.drain(into: &board)
            try adoptHeader(of: process)
            throw fail(reason, timedOut: timedOut)
        }
    }

    public mutating func finish(board: inout ScoreBoard) throws {
        guard let process else { return }
        let outcome = process.finish(into: &board)
        try adoptHeader(of: process)
        if let (reason, timedOut) = outcome { throw fail(reason, timedOut: timedOut) }
        if slot >= 0, let reason = names.conflict(name, slot: slot) { throw fail("header: \(reason)", timedOut: false) }
    }

    /// The most bytes that waited for the program at once in the last run.
    public var peakQueuedBytes: Int { process?.peakQueuedBytes ?? 0 }

    /// Takes the name, threshold and version of the header once read.
    private mutating func adoptHeader(of process: ExternalProcess) throws {
        guard !adopted, let header = process.header else { return }
        adopted = true
        if slot >= 0, let reason = names.claim(header.name, slot: slot) {
            process.kill()
            throw fail("header: \(reason)", timedOut: false)
        }
        name = header.name
        defaultThreshold = header.defaultThreshold
        settings.version = header.version
    }

    /// The error for `reason`, naming the program.
    private func fail(_ reason: String, timedOut: Bool) -> DetectorError {
        let text = "\(reason) [\(settings.command)]"
        return timedOut ? .timedOut(detector: name, reason: text) : .failed(detector: name, reason: text)
    }
}
