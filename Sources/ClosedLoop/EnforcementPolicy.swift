import Foundation
import Detection

/// A closed-loop enforcement policy (DESIGN §7): a detector at a threshold, an action, and how
/// often the provider acts on the flags so far. Written `DETECTOR[(params)]@THRESHOLD`, the
/// threshold a number, `default` (the detector's) or `tuned` (chosen on the tuning seeds).
public struct EnforcementPolicy: Sendable, Hashable, CustomStringConvertible {
    public enum Threshold: Sendable, Hashable {
        case value(Double)
        case detectorDefault
        case tuned
    }

    /// The detector, as `--detectors` writes it: `prada(delta=0.92)`.
    public var detector: String
    public var threshold: Threshold
    public var action: EnforcementAction
    /// Simulated time between decisions, ms (default 5 minutes).
    public var decisionInterval: Double = 300_000
    /// Share of genuine customers banned by mistake who appeal [Assumption: half].
    public var appealShare = 0.5
    /// Hours from an appeal to reinstatement [Assumption: two days of review].
    public var reviewHours = 48.0

    public init(detector: String, threshold: Threshold, action: EnforcementAction) {
        self.detector = detector
        self.threshold = threshold
        self.action = action
    }

    /// Parses `--enforce`'s `DETECTOR[(params)]@THRESHOLD`.
    public init(parsing text: String, action: EnforcementAction) throws(EnforcementError) {
        guard let at = text.lastIndex(of: "@") else {
            throw EnforcementError("--enforce: expected DETECTOR[(params)]@THRESHOLD (a number, default or tuned), found \"\(text)\"")
        }
        let thresholdText = String(text[text.index(after: at)...]).trimmingCharacters(in: .whitespaces)
        let threshold: Threshold
        switch thresholdText {
        case "default": threshold = .detectorDefault
        case "tuned": threshold = .tuned
        default:
            guard let value = Double(thresholdText), value.isFinite, value >= 0 else {
                throw EnforcementError("--enforce \(text): expected a threshold ≥ 0, default or tuned after @, found \"\(thresholdText)\"")
            }
            threshold = .value(value)
        }
        let detector = String(text[..<at]).trimmingCharacters(in: .whitespaces)
        do {
            let detectors = try DetectorCatalog.detectors(detector)
            guard detectors.count == 1, !detector.hasPrefix("all") else {
                throw EnforcementError("--enforce \(text): expected one detector before @")
            }
        } catch let error as EnforcementError {
            throw error
        } catch {
            throw EnforcementError("--enforce \(text): \(error)")
        }
        self.init(detector: detector, threshold: threshold, action: action)
    }

    /// The policy as written, with its action: `hydra@tuned+ban`.
    public var description: String { name(detector: detector) }

    /// A fresh instance of the policy's detector.
    public func makeDetector() throws -> any Detector {
        guard let detector = try DetectorCatalog.detectors(self.detector).first else {
            throw EnforcementError("--enforce: no detector in \"\(self.detector)\"")
        }
        return detector
    }

    /// The policy's folder name, safe on every file system: `volume_at_default_ban`.
    public func folder(detector: String) -> String {
        DetectorFileName.of(detector) + "_at_" + thresholdText.replacingOccurrences(of: ".", with: "_") + "_"
            + DetectorFileName.of(action.description).replacingOccurrences(of: "%3D", with: "-")
    }

    private var thresholdText: String {
        switch threshold {
        case .value(let value): "\(value)"
        case .detectorDefault: "default"
        case .tuned: "tuned"
        }
    }

    /// The policy's stable name, with the detector's configured name: `volume@default+ban`.
    public func name(detector: String) -> String {
        "\(detector)@\(thresholdText)+\(action)"
    }
}

