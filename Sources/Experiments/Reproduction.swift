/// A published result reproduced with a protocol of its own, which scenarios, seeds and
/// detectors cannot express (an experiment file's `reproduce:` key; `distillbench reproduce`).
public enum Reproduction: String, Sendable, Hashable, CaseIterable {
    /// Liu, Guo & Dong 2026: windows of 1,500 prompts, pure and mixed (``Evaluation/WindowMMDExperiment``);
    /// takes one scenario (whose prompts fill the windows, at its scale) and calibration seeds.
    case windowMMD = "window-mmd"
    /// Juuti et al. 2019: synthetic versus natural query streams (``Evaluation/PradaSyntheticNatural``);
    /// takes no scenario and no seeds.
    case pradaSyntheticNatural = "prada-synthetic-natural"

    /// The experiment keys it reads besides `experiment`, `description` and `reproduce`.
    public var keys: Set<String> {
        switch self {
        case .windowMMD: ["scenarios", "seeds", "scale"]
        case .pradaSyntheticNatural: []
        }
    }

    /// Its files' common name under the output folder (`window-mmd-mixing.csv`, `.md`).
    public var fileStem: String {
        switch self {
        case .windowMMD: "window-mmd-mixing"
        case .pradaSyntheticNatural: "prada-synthetic-natural"
        }
    }

    /// Every reproduction's name, for errors.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
