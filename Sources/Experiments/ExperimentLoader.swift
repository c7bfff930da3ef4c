import ClosedLoop
import Detection
import Features
import Foundation
import Simulation
import Yams

/// Reads an experiment file (README, "Experiments"); every error is one line naming the file,
/// the line and the key path (``ScenarioError``), unknown keys included.
///
/// ```yaml
/// experiment: quickstart-grid
/// scenarios:
///   - {path: ../Scenarios/quickstart.yaml, scale: 0.02}
/// seeds: [1, 2, 3]
/// tune_seeds: [11]
/// fpr_budget: 0.01
/// detectors:
///   volume: {}
///   prada: {delta: [0.90, 0.92, 0.95], min_queries: [50, 100]}
/// ```
public enum ExperimentLoader {
    static let keys: Set<String> = [
        "experiment", "description", "scenarios", "scale", "seeds", "tune_seeds", "fpr_budget", "detectors",
        "embedding_dimension", "allow_tune_on_eval", "reproduce", "enforce",
    ]

    /// The most configurations one experiment may expand to.
    public static let maximumConfigurations = 1_000

    /// Whether the YAML file at `path` is an experiment (its top level has `experiment:` or
    /// `scenarios:`) rather than a scenario; false for anything unreadable (the scenario loader
    /// then reports it).
    public static func isExperiment(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
            case .mapping(let mapping)? = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self))
        else { return false }
        return mapping.keys.contains { $0.string == "experiment" || $0.string == "scenarios" }
    }

    /// Loads the experiment at `path`; scenario paths are resolved against its folder.
    public static func load(path: String) throws(ScenarioError) -> Experiment {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: nil, keyPath: "", message: "cannot be read")
        }
        return try parse(data, file: path)
    }

    /// Parses an experiment; `file` names it in errors and anchors relative scenario paths.
    public static func parse(_ data: Data, file: String) throws(ScenarioError) -> Experiment {
        let root = try SpecNode.root(yaml: String(decoding: data, as: UTF8.self), file: file)
        let fields = try root.mapping(allowed: keys)
        if let node = fields["reproduce"] { return try reproduction(node, fields: fields, file: file) }
        guard let scenariosNode = fields["scenarios"] else { throw root.error("missing key scenarios") }
        guard let detectorsNode = fields["detectors"] else { throw root.error("missing key detectors") }
        let defaultScale = try fields["scale"].map { node throws(ScenarioError) in try scale(node) } ?? 1
        let folder = (file as NSString).deletingLastPathComponent
        var scenarios: [Experiment.ScenarioEntry] = []
        for item in try scenariosNode.list() {
            let entry: Experiment.ScenarioEntry
            if case .scalar = item.node {
                entry = .init(path: resolve(try item.string(), in: folder), scale: defaultScale)
            } else {
                let entryFields = try item.mapping(allowed: ["path", "scale"])
                guard let pathNode = entryFields["path"] else { throw item.error("missing key path") }
                let scale = try entryFields["scale"].map { node throws(ScenarioError) in try Self.scale(node) } ?? defaultScale
                entry = .init(path: resolve(try pathNode.string(), in: folder), scale: scale)
            }
            guard !scenarios.contains(entry) else { throw item.error("this scenario is listed twice at scale \(entry.scale)") }
            scenarios.append(entry)
        }
        guard !scenarios.isEmpty else { throw scenariosNode.error("expected at least one scenario") }
        let evaluationSeeds = try fields["seeds"].map { node throws(ScenarioError) in try seeds(node) }
        let tuningSeeds = try fields["tune_seeds"].map { node throws(ScenarioError) in try seeds(node) } ?? []
        let allowTuneOnEval = try fields["allow_tune_on_eval"]?.bool() ?? false
        if let evaluationSeeds, let node = fields["tune_seeds"], !allowTuneOnEval {
            let overlap = Set(tuningSeeds).intersection(evaluationSeeds)
            if !overlap.isEmpty {
                throw node.error(
                    "seed \(overlap.sorted().map(String.init).joined(separator: ", ")) is also an evaluation seed; tuning on "
                        + "evaluation data overstates the tuned point (set allow_tune_on_eval: true to do it anyway)")
            }
        }
        let fprBudget = try fields["fpr_budget"]?.double(min: 0, max: 1) ?? 0.001
        if let node = fields["fpr_budget"], fprBudget <= 0 { throw node.error("expected a number above 0 and at most 1") }
        let range = PromptFeatureSettings.dimensionRange
        let dimension = try fields["embedding_dimension"]?.int(min: range.lowerBound) ?? PromptFeatureSettings.standard.embeddingDimension
        if let node = fields["embedding_dimension"], !range.contains(dimension) {
            throw node.error("expected an integer from \(range.lowerBound) to \(range.upperBound), found \(dimension)")
        }
        let detectors = try grids(detectorsNode)
        var names = Set<String>()
        for spec in detectors.flatMap(\.configurations) {
            let name: String
            do {
                name = try DetectorCatalog.kind(spec.name).map { kind throws(DetectorError) in try kind.make(spec).name } ?? spec.name
            } catch {
                throw detectorsNode.error(error.description)
            }
            guard names.insert(name).inserted else { throw detectorsNode.error("configuration \(name) occurs twice") }
        }
        guard names.count <= maximumConfigurations else {
            throw detectorsNode.error("\(names.count) configurations; at most \(maximumConfigurations)")
        }
        var experiment = Experiment(
            file: file, name: try fields["experiment"]?.string(), scenarios: scenarios, evaluationSeeds: evaluationSeeds,
            tuningSeeds: tuningSeeds, fprBudget: fprBudget, detectors: detectors, embeddingDimension: dimension,
            allowTuneOnEval: allowTuneOnEval)
        if let node = fields["enforce"] {
            guard scenarios.count == 1 else { throw node.error("closed loops run on one scenario; found \(scenarios.count)") }
            experiment.enforcement = try enforcement(node)
        }
        return experiment
    }

    /// `enforce: {policies: [hydra@tuned, …], action: ban, decision_interval: 5m}` (README, "Closed loop").
    static func enforcement(_ node: SpecNode) throws(ScenarioError) -> [EnforcementPolicy] {
        let fields = try node.mapping(allowed: ["policies", "action", "decision_interval"])
        guard let policiesNode = fields["policies"] else { throw node.error("missing key policies") }
        let action: EnforcementAction
        do {
            action = try EnforcementAction(parsing: try fields["action"]?.string() ?? "ban")
        } catch {
            throw (fields["action"] ?? node).error("\(error)")
        }
        let interval = try fields["decision_interval"]?.duration() ?? 300_000
        guard interval >= 1_000 else { throw (fields["decision_interval"] ?? node).error("expected at least 1s") }
        var policies: [EnforcementPolicy] = []
        for item in try policiesNode.list() {
            do {
                var policy = try EnforcementPolicy(parsing: try item.string(), action: action)
                policy.decisionInterval = Double(interval)
                policies.append(policy)
            } catch let error as ScenarioError {
                throw error
            } catch {
                throw item.error("\(error)")
            }
        }
        guard !policies.isEmpty else { throw policiesNode.error("expected at least one policy") }
        return policies
    }

    /// An experiment that names a reproduction (`reproduce: window-mmd`): only the keys that
    /// reproduction reads are allowed.
    static func reproduction(_ node: SpecNode, fields: [String: SpecNode], file: String) throws(ScenarioError) -> Experiment {
        guard let reproduction = Reproduction(rawValue: try node.string()) else {
            throw node.error("unknown reproduction; expected one of \(Reproduction.names)")
        }
        let allowed = reproduction.keys.union(["experiment", "description", "reproduce"])
        if let (key, value) = fields.filter({ !allowed.contains($0.key) }).min(by: { $0.key < $1.key }) {
            throw value.error("not used by reproduce: \(reproduction.rawValue) (\(key))")
        }
        let defaultScale = try fields["scale"].map { node throws(ScenarioError) in try scale(node) } ?? 1
        let folder = (file as NSString).deletingLastPathComponent
        var scenarios: [Experiment.ScenarioEntry] = []
        if let scenariosNode = fields["scenarios"] {
            let items = try scenariosNode.list()
            guard items.count == 1 else { throw scenariosNode.error("expected exactly one scenario, found \(items.count)") }
            for item in items {
                if case .scalar = item.node {
                    scenarios.append(.init(path: resolve(try item.string(), in: folder), scale: defaultScale))
                } else {
                    let entryFields = try item.mapping(allowed: ["path", "scale"])
                    guard let pathNode = entryFields["path"] else { throw item.error("missing key path") }
                    let scale = try entryFields["scale"].map { node throws(ScenarioError) in try Self.scale(node) } ?? defaultScale
                    scenarios.append(.init(path: resolve(try pathNode.string(), in: folder), scale: scale))
                }
            }
        } else if reproduction.keys.contains("scenarios") {
            throw node.error("reproduce: \(reproduction.rawValue) needs scenarios (one scenario)")
        }
        var experiment = Experiment(
            file: file, name: try fields["experiment"]?.string(), scenarios: scenarios,
            evaluationSeeds: try fields["seeds"].map { node throws(ScenarioError) in try seeds(node) }, tuningSeeds: [],
            fprBudget: 0.001, detectors: [])
        experiment.reproduce = reproduction
        return experiment
    }

    // MARK: - Parts

    static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : ((folder as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    static func scale(_ node: SpecNode) throws(ScenarioError) -> Double {
        let value = try node.double(max: 1e6)
        guard value > 0 else { throw node.error("expected a number above 0 and at most 1e6") }
        return value
    }

    /// A list of seeds (or one seed): non-negative integers, none twice, at least one.
    static func seeds(_ node: SpecNode) throws(ScenarioError) -> [UInt64] {
        let items: [SpecNode] = if case .sequence = node.node { try node.list() } else { [node] }
        guard !items.isEmpty else { throw node.error("expected one or more seeds") }
        var seeds: [UInt64] = []
        for item in items {
            guard let seed = UInt64(try item.string().replacingOccurrences(of: "_", with: "")) else {
                throw item.error("expected a seed (an integer from 0 to \(UInt64.max))")
            }
            guard !seeds.contains(seed) else { throw item.error("seed \(seed) is listed twice") }
            seeds.append(seed)
        }
        return seeds
    }

    /// `detectors:` — a mapping detector → settings (each value one setting or a list of them,
    /// a grid), or a spec list as `--detectors` takes it (`all`, `volume,prada(delta=0.9)`).
    static func grids(_ node: SpecNode) throws(ScenarioError) -> [DetectorGrid] {
        if case .scalar = node.node {
            do {
                let specs = try DetectorSpec.list(try node.string(), known: DetectorCatalog.names)
                return try specs.flatMap { spec throws(DetectorError) -> [DetectorGrid] in
                    guard spec.name == "all", spec.parameters.isEmpty else {
                        guard let kind = DetectorCatalog.kind(spec.name) else { throw .unknown(spec.name, known: DetectorCatalog.names) }
                        _ = try kind.make(spec)
                        return [DetectorGrid(spec)]
                    }
                    return DetectorCatalog.all.map { DetectorGrid(DetectorSpec(name: $0.name)) }
                }
            } catch let error as DetectorError {
                throw node.error(error.description)
            } catch {
                throw node.error("\(error)")
            }
        }
        var grids: [DetectorGrid] = []
        for (name, settings) in try node.pairs() {
            guard let kind = DetectorCatalog.kind(name) else {
                throw settings.error("unknown detector; expected one of \(DetectorCatalog.names.joined(separator: ", "))")
            }
            var axes: [DetectorGrid.Axis] = []
            if case .scalar(let scalar) = settings.node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
                grids.append(DetectorGrid(detector: name, axes: []))
                continue
            }
            let known = Set(kind.parameters.map(\.name))
            for (parameter, valuesNode) in try settings.mapping(allowed: known).sorted(by: { $0.key < $1.key }) {
                let items: [SpecNode] = if case .sequence = valuesNode.node { try valuesNode.list() } else { [valuesNode] }
                guard !items.isEmpty else { throw valuesNode.error("expected one or more values") }
                var values: [String] = []
                for item in items {
                    let value = try item.string()
                    do {
                        _ = try kind.make(DetectorSpec(name: name, parameters: [.init(name: parameter, value: value)]))
                    } catch {
                        throw item.error(error.description)
                    }
                    guard !values.contains(value) else { throw item.error("value \(value) is listed twice") }
                    values.append(value)
                }
                axes.append(.init(parameter: parameter, values: values))
            }
            grids.append(DetectorGrid(detector: name, axes: axes))
        }
        guard !grids.isEmpty else { throw node.error("expected at least one detector") }
        return grids
    }
}
