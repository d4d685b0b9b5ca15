// swift-tools-version: 6.1
import PackageDescription

// Layers, lowest first. Imports point downwards only:
// CGSL → Stochastics → Games → ProtocolModel → (ScenarioSchema) → Agents → Simulation → Studies → Reports → ballast (CLI).
// Games (equilibria of depositor games) needs only Stochastics; Agents and the CLI use it.
let package = Package(
    name: "Ballast",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ballast", targets: ["ballast"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        .library(name: "Games", targets: ["Games"]),
        .library(name: "ProtocolModel", targets: ["ProtocolModel"]),
        .library(name: "ScenarioSchema", targets: ["ScenarioSchema"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Studies", targets: ["Studies"]),
        .library(name: "Reports", targets: ["Reports"]),
        // Preloaded only by `ballast bench --allocations` into a child of itself; nothing links it.
        .library(name: "BallastAllocationCounter", type: .dynamic, targets: ["_BallastAllocationCounter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Plugin only (no target depends on it): `swift package generate-documentation`, see scripts/docs.sh.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "Stochastics", dependencies: ["CGSL"], exclude: ["README.md"]),
        .target(name: "_BallastAllocationCounter"),
        .target(name: "Games", dependencies: ["Stochastics"], exclude: ["README.md"]),
        .target(name: "ProtocolModel", dependencies: ["Stochastics"], exclude: ["README.md"]),
        .target(
            name: "ScenarioSchema", dependencies: [.product(name: "Yams", package: "Yams")], exclude: ["README.md"]),
        .target(
            name: "Agents", dependencies: ["Games", "ProtocolModel", "Stochastics", "ScenarioSchema"], path: "Agents",
            exclude: ["README.md"]),
        .target(
            name: "Simulation", dependencies: ["Agents", "Games", "ProtocolModel", "Stochastics", "ScenarioSchema"],
            exclude: ["README.md", "Market/README.md"]),
        .target(
            name: "Studies",
            dependencies: [
                "Simulation", "Stochastics", "ScenarioSchema",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md", "Store/README.md", "Plot/README.md"]),
        .target(
            name: "Reports",
            dependencies: [
                "Studies", "Simulation",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["README.md"]),
        .executableTarget(
            name: "ballast",
            dependencies: [
                "Reports", "Studies", "Simulation", "Agents", "Games", "Stochastics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "BallastTestSupport", dependencies: ["Simulation"], path: "Tests/BallastTestSupport"),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(name: "GamesTests", dependencies: ["Games", "Stochastics"]),
        .testTarget(
            name: "StudiesTests",
            dependencies: [
                "Studies", "Simulation", "Stochastics", "ScenarioSchema",
                "BallastTestSupport",
            ],
            exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Studies", "Simulation", "BallastTestSupport"]),
        .testTarget(name: "ScenarioSchemaTests", dependencies: ["ScenarioSchema"], resources: [.copy("BadScenarios")]),
        .testTarget(
            name: "ProtocolModelTests",
            dependencies: [
                "ProtocolModel", "Stochastics",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "Agents", "ProtocolModel", "Stochastics",
                "BallastTestSupport",
            ],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
