// swift-tools-version: 6.1
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let heapModule: Target.Dependency = .product(name: "HeapModule", package: "swift-collections")
let plot: Target.Dependency = .product(name: "Plot", package: "Plot")

let package = Package(
    name: "DistillBench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "distillbench", targets: ["distillbench"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Traffic", targets: ["Traffic"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Randomness", dependencies: ["CGSL"]),
        .target(name: "Statistics", dependencies: ["CGSL"]),
        .target(name: "Traffic"),
        .target(name: "GroundTruth", dependencies: ["Traffic"]),
        // Features and Detection see only what a gateway logs: they must never depend on GroundTruth.
        .target(name: "Features", dependencies: ["Traffic"]),
        .target(name: "Detection", dependencies: ["Traffic", "Features", "Statistics"]),
        // Detectors in any language, run as subprocesses speaking JSON lines (README, "External detectors").
        .target(name: "ExternalDetection", dependencies: ["Traffic", "Features", "Detection"]),
        .target(name: "Evaluation", dependencies: ["Traffic", "GroundTruth", "Statistics", "Features", "Detection", "Randomness"]),
        // SVG charts for the report, as Plot nodes; fed plain numbers and strings, no other DistillBench module.
        .target(name: "Charts", dependencies: [plot]),
        // The typed results folder (manifest.json, summary.json, sweeps), written and read back.
        .target(name: "ResultsModel", dependencies: ["Evaluation", "Detection"]),
        .target(name: "Reporting", dependencies: ["Evaluation", "Detection", "Traffic", "ResultsModel", "Charts", "CZlib", plot]),
        // Real logs: map files (YAML), mapped readers, external sort; a replay for Evaluation.
        .target(name: "Logs", dependencies: ["Traffic", "GroundTruth", "Evaluation", yams, heapModule]),
        .target(
            name: "Simulation",
            dependencies: ["Randomness", "Statistics", "Traffic", "GroundTruth", yams, heapModule]
        ),
        // The closed loop (DESIGN §7): enforcement policies drive the generator's control surface.
        .target(
            name: "ClosedLoop",
            dependencies: ["Simulation", "Detection", "Evaluation", "Features", "GroundTruth", "Traffic"]),
        // Experiment files, units of work, shards and their merge (DESIGN §8); the CLI only calls it.
        .target(
            name: "Experiments",
            dependencies: [
                "Simulation", "Evaluation", "Detection", "ResultsModel", "Reporting", "Features", "Traffic", "GroundTruth", "ClosedLoop",
                yams,
            ]),
        .executableTarget(
            name: "distillbench",
            dependencies: [
                "Simulation", "Traffic", "GroundTruth", "Statistics", "Features", "Detection", "Evaluation", "Reporting",
                "ExternalDetection", "Logs", "ResultsModel", "Experiments", "ClosedLoop", argumentParser,
            ]
        ),
        .testTarget(name: "ClosedLoopTests", dependencies: ["ClosedLoop", "Simulation", "Traffic", "Evaluation", "Experiments", "Detection"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "Statistics"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"]),
        .testTarget(name: "TrafficTests", dependencies: ["Traffic"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "Traffic", "GroundTruth", "Statistics", "Randomness"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["Traffic"]),
        .testTarget(
            name: "ExperimentsTests", dependencies: ["Experiments", "Detection", "Simulation", "Evaluation", "ResultsModel", "Traffic", "ClosedLoop"]),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["Evaluation", "Traffic", "GroundTruth", "Features", "Detection", "Simulation", "ExternalDetection"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "Traffic"]),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "ResultsModel", "Evaluation", "Charts", "Detection", "Features", "GroundTruth", "Traffic"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", plot]),
        .testTarget(
            name: "LogsTests", dependencies: ["Logs", "Traffic", "GroundTruth", "Evaluation", "Detection", "Reporting"],
            exclude: ["Fixtures"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "Evaluation", "Features", "Statistics", "Traffic", "Simulation", "GroundTruth"]),
    ]
)

// Strictness set once for every target (after apple/swift-configuration).
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
