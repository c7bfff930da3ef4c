import ArgumentParser
import Detection
import ExternalDetection
import Features
import Traffic

/// `--detector-exec`, `--detector-timeout`, `--detector-features`: detectors in any language,
/// run as programs speaking JSON lines (README, "External detectors").
struct ExternalOptions: ParsableArguments {
    @Option(
        name: .customLong("detector-exec"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "An external detector: a program and its arguments, quoted like shell words (repeatable).",
            valueName: "command"))
    var commands: [String] = []

    @Option(name: .customLong("detector-timeout"), parsing: .unconditional, help: "Seconds each external program may run, start to exit.")
    var timeout = 600.0

    @Option(
        name: .customLong("detector-features"), parsing: .unconditional,
        help: "Shared prompt features sent to external programs with each request: none or embedding.")
    var features = "none"

    func validate() throws {
        guard timeout > 0, timeout <= 1e7 else {
            throw ValidationError("--detector-timeout: expected seconds above 0 and at most 1e7, found \(timeout)")
        }
        guard ["none", "embedding"].contains(features) else {
            throw ValidationError("--detector-features: expected none or embedding, found \(Terminal.escaped(features))")
        }
        for command in commands {
            do {
                _ = try CommandWords.split(command)
            } catch {
                throw ValidationError("--detector-exec: \(error.reason)")
            }
        }
    }

    /// The external detectors, in the order given, named in `names`.
    func detectors(names: ExternalNames) throws -> [any Detector] {
        try commands.enumerated().map { slot, command in
            try ExternalDetector(
                command: command, timeout: timeout, features: features == "embedding" ? .embedding : [], slot: slot, names: names)
        }
    }
}
