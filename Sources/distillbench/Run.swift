import ArgumentParser
import ClosedLoop
import Detection
import Evaluation
import Experiments
import ExternalDetection
import Features
import Foundation
import Reporting
import ResultsModel
import Simulation
import Traffic

/// `distillbench run`: generate scenarios in memory and evaluate detectors on them — the main job.
/// An experiment file, or scenario files as an implicit experiment; the work is ``ExperimentPlan``
/// and ``ExperimentRunner``'s, the results ``ExperimentMerge``'s.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate scenarios in memory and evaluate detectors: the main job.",
        discussion: """
            Takes an experiment file (README, "Experiments") or scenario files. For each scenario,
            thresholds are tuned at the FPR budget on the tuning seeds and applied unchanged to the
            evaluation seeds (the `tuned` operating point); metrics are averaged over the evaluation
            seeds with 95 % intervals. --shard I/N runs the I-th of N balanced shares of the units and
            writes a partial folder for `distillbench merge`. Nothing is written but --out.
            """)

    @Argument(help: "An experiment file, or scenario files (YAML).")
    var scenarios: [String]

    @Option(parsing: .unconditional, help: "Evaluation seeds, comma-separated (default: each scenario's own seed).")
    var seeds: String?

    @Option(parsing: .unconditional, help: "Tuning seeds, comma-separated (default: none, no tuned operating point).")
    var tuneSeeds: String?

    @Option(parsing: .unconditional, help: "Detector specs, comma-separated: name or name(param=value,…), or all (the default; see `distillbench detectors`).")
    var detectors: String?

    @Option(parsing: .unconditional, help: "Multiply every population and campaign by this factor (above 0, at most 1e6; default 1).")
    var scale: Double?

    @Option(parsing: .unconditional, help: "Results folder (default: Results/<first scenario name>); with --shard, the partial folder.")
    var out: String?

    @Option(parsing: .unconditional, help: "False-positive-rate budget, above 0 and at most 1 (default 0.001).")
    var fprBudget: Double?

    @Option(parsing: .unconditional, help: "Dimension of the shared hashed prompt embedding, 8 to 8192 (default \(PromptFeatureSettings.standard.embeddingDimension)).")
    var embeddingDimension: Int?

    @Option(parsing: .unconditional, help: "Threads for generation and detection (default: every core).")
    var threads: Int?

    @Option(parsing: .unconditional, help: "Run only shard I of N (1-based, e.g. 2/3) and write a partial folder to --out.")
    var shard: String?

    @Flag(help: "Replace --out even if it is a file or a directory distillbench did not write.")
    var force = false

    @Flag(help: "Generate beyond the size limits (5 M accounts, 50 M requests, 40 GB per scenario).")
    var allowLarge = false

    @Flag(help: "Allow tuning seeds that are also evaluation seeds (the results are marked tuned_on_eval).")
    var allowTuneOnEval = false

    @Flag(help: "Print each scenario's estimated size and the units of work, and stop.")
    var dryRun = false

    @OptionGroup(title: "External detectors")
    var external: ExternalOptions

    @OptionGroup(title: "Closed loop")
    var closedLoop: EnforceOptions

    func validate() throws {
        if let threads { try CommandSupport.check(threads, "--threads", in: 1...1024) }
        if let embeddingDimension {
            try CommandSupport.check(embeddingDimension, "--embedding-dimension", in: PromptFeatureSettings.dimensionRange)
        }
        guard !scenarios.isEmpty else { throw CommandError("name an experiment file or at least one scenario file") }
        if let scale { try CommandSupport.checkScale(scale) }
        if let fprBudget {
            try CommandSupport.check(fprBudget, "--fpr-budget", in: Double.leastNonzeroMagnitude...1, expected: "a number above 0 and at most 1")
        }
        if shard != nil { _ = try CommandSupport.shard(shard) }
        _ = try closedLoop.policies()
    }

    /// The experiment: the file's, or one made of the scenario files and options.
    func experiment() throws -> Experiment {
        if scenarios.count == 1, ExperimentLoader.isExperiment(path: scenarios[0]) {
            let set: [(String, Bool)] = [
                ("--seeds", seeds != nil), ("--tune-seeds", tuneSeeds != nil), ("--detectors", detectors != nil), ("--scale", scale != nil),
                ("--fpr-budget", fprBudget != nil), ("--embedding-dimension", embeddingDimension != nil),
            ]
            if let option = set.first(where: \.1)?.0 {
                throw CommandError("\(option): \(Terminal.escaped(scenarios[0])) is an experiment file, which sets this itself")
            }
            return try ExperimentLoader.load(path: scenarios[0])
        }
        if let experimentFile = scenarios.first(where: ExperimentLoader.isExperiment) {
            throw CommandError("\(Terminal.escaped(experimentFile)) is an experiment file: run it alone")
        }
        let evaluationSeeds = try CommandSupport.seeds(seeds, option: "--seeds")
        let tuningSeeds = try CommandSupport.seeds(tuneSeeds, option: "--tune-seeds") ?? []
        let grids = try DetectorSpec.list(detectors ?? "all", known: DetectorCatalog.names).flatMap { spec in
            spec.name == "all" && spec.parameters.isEmpty ? DetectorCatalog.all.map { DetectorGrid(DetectorSpec(name: $0.name)) } : [DetectorGrid(spec)]
        }
        _ = try DetectorCatalog.detectors(detectors ?? "all")
        return Experiment(
            scenarios: scenarios.map { .init(path: $0, scale: scale ?? 1) }, evaluationSeeds: evaluationSeeds, tuningSeeds: tuningSeeds,
            fprBudget: fprBudget ?? ThresholdSelection.defaultFPRBudget, detectors: grids,
            embeddingDimension: embeddingDimension ?? PromptFeatureSettings.standard.embeddingDimension, allowTuneOnEval: allowTuneOnEval)
    }

    func run() throws {
        let experiment = try experiment()
        if let reproduction = experiment.reproduce {
            guard shard == nil else { throw CommandError("--shard: \(Terminal.escaped(scenarios[0])) reproduces \(reproduction.rawValue), which runs whole") }
            try Reproduce.run(reproduction, experiment: experiment, out: out ?? Reproduce.defaultOut, dryRun: dryRun,
                command: "distillbench run \(scenarios[0])" + (out.map { " --out \($0)" } ?? ""))
            return
        }
        let plan = try ExperimentPlan(experiment, allowLarge: allowLarge || dryRun)
        let externalNames = ExternalNames(inProcess: plan.configurations.map(\.name))
        _ = try external.detectors(names: externalNames)
        for planned in plan.scenarios where planned.size.requests < 1 {
            FileHandle.standardError.write(Data("warning: \(Terminal.escaped(planned.path)): expected to produce no requests\n".utf8))
        }
        let tuningSeeds = experiment.tuningSeeds
        if plan.tunedOnEval, !(allowTuneOnEval || experiment.allowTuneOnEval) {
            let overlap = Set(tuningSeeds).intersection(experiment.evaluationSeeds ?? plan.scenarios.map(\.scenario.seed))
            throw CommandError(
                "--tune-seeds: seed \(overlap.sorted().map(String.init).joined(separator: ", ")) is also an evaluation seed; "
                    + "tuning on evaluation data overstates the tuned point (pass --allow-tune-on-eval to do it anyway)")
        }
        let share = try CommandSupport.shard(shard)
        if !closedLoop.enforce.isEmpty, !experiment.enforcement.isEmpty {
            throw CommandError("--enforce: \(Terminal.escaped(scenarios[0])) is an experiment file, which sets this itself (enforce:)")
        }
        let policies = experiment.enforcement.isEmpty ? try closedLoop.policies() : experiment.enforcement
        if !policies.isEmpty {
            guard share == nil else { throw CommandError("--enforce: closed loops run whole; drop --shard") }
            guard plan.scenarios.count == 1 else { throw CommandError("--enforce: name one scenario file") }
        }
        let units = share.map { plan.shard($0.index, of: $0.count, throughputSample: Throughput.sampleSize) } ?? plan.units
        if dryRun {
            for planned in plan.scenarios {
                let over = planned.size.excess(of: .default).map { "; over the limit: \($0), needs --allow-large" } ?? ""
                print("\(Terminal.escaped(planned.path)): \(planned.scenario.name) at scale \(planned.scale): \(planned.size.summary) per seed\(over)")
            }
            let evaluated = (experiment.evaluationSeeds ?? plan.scenarios.map(\.scenario.seed)).map(String.init).joined(separator: ",")
            print("evaluation seeds \(evaluated); tuning seeds \(tuningSeeds.isEmpty ? "none" : tuningSeeds.map(String.init).joined(separator: ","))")
            print("\(plan.configurations.count) detector configurations: \(plan.configurations.map(\.name).joined(separator: ", "))")
            print(share.map { "shard \($0.index)/\($0.count): \(units.count) of \(plan.units.count) units" } ?? "\(plan.units.count) units")
            if !policies.isEmpty {
                let seedCount = experiment.evaluationSeeds?.count ?? 1
                print("then \(policies.count) closed-loop policies × \(seedCount) seeds, each an open-loop and a closed-loop pass: "
                    + policies.map(\.description).joined(separator: ", "))
            }
            for unit in units {
                print("  unit \(unit.index): \(unit.role.rawValue) \(unit.label) ~\(Int(unit.estimatedRequests.rounded())) requests  \(unit.key)")
            }
            return
        }
        let fallback = "Results/\(plan.scenarios[0].scenario.name)"
        if share != nil, out == nil { throw CommandError("--shard: name the partial folder with --out") }
        let directory = try CommandSupport.outputDirectory(out, fallback: fallback, inputs: scenarios + plan.scenarios.map(\.path), force: force)
        var runner = ExperimentRunner(plan: plan, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        runner.extraDetectors = { try external.detectors(names: externalNames) }
        runner.throughputSample = Throughput.sampleSize
        runner.measureThroughput = { evaluation, detectors in
            try Throughput.attach(to: &evaluation, detectors: detectors, features: plan.features)
        }
        runner.configurations = Throughput.configurations
        runner.machine = Throughput.machine()
        // The closed loops compare with the open-loop evaluations of their seeds.
        var openLoop: [UInt64: [DetectorEvaluation.Outcome]] = [:]
        if !policies.isEmpty {
            let enforced = Set(try policies.map { try $0.makeDetector().name })
            runner.didEvaluate = { unit, evaluation in
                openLoop[unit.seed] = evaluation.outcomes.filter { enforced.contains($0.run.name) }
            }
        }
        var partial = try runner.run(units, shard: share?.index ?? 1, of: share?.count ?? 1)
        partial.peakMemoryMiB = Throughput.peakMemoryMiB()
        if let share {
            try partial.write(to: directory)
            print("wrote \(Terminal.escaped(out ?? fallback)): shard \(share.index)/\(share.count), \(units.count) of \(plan.units.count) units")
            return
        }
        var results = try ExperimentMerge.combine([partial.roundTripped()], sources: ["run"])
        var closedLoopTable: String?
        if !policies.isEmpty {
            let seeds = experiment.evaluationSeeds ?? [plan.scenarios[0].scenario.seed]
            let outcomes = try EnforceOptions.run(
                policies, planned: plan.scenarios[0], seeds: seeds, openLoop: openLoop,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, features: plan.features)
            results.files.merge(try ClosedLoopFiles.files(outcomes)) { $1 }
            closedLoopTable = ClosedLoopFiles.leaderboard(outcomes)
            // The leaderboard gains the closed-loop columns, below the open-loop table.
            results.files["leaderboard.md"] = Data(
                (Leaderboard.markdown(results.summary) + "\n## Closed loop\n\n" + (closedLoopTable ?? "")).utf8)
        }
        try ResultsWriter.write(manifest: results.manifest, summary: results.summary, files: results.files, to: directory)
        print(Leaderboard.table(results.summary))
        if let closedLoopTable { print("\nClosed loop (closed-loop/leaderboard.md):\n" + closedLoopTable) }
        CommandSupport.warnFailures(results.summary)
        if plan.tunedOnEval { print("\nwarning: tuning seeds overlap evaluation seeds; results marked tuned_on_eval") }
        let evaluations = plan.units.filter { $0.role == .evaluation }.count
        print("\nwrote \(Terminal.escaped(out ?? fallback)) (\(evaluations) evaluations; peak memory \(Throughput.peakMemoryMiB()) MiB)")
    }
}
