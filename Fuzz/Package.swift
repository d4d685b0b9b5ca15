// swift-tools-version: 6.1
import PackageDescription

// The libFuzzer harness, kept out of the root package so that `swift build` / `swift test` at the
// root never see it. Build it from this folder (see README.md or ../scripts/fuzz.sh):
//   swift build -c release --sanitize=fuzzer
let package = Package(
    name: "BallastFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Ballast", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "ballast-fuzz",
            dependencies: [
                .product(name: "ScenarioSchema", package: "Ballast"),
                .product(name: "Simulation", package: "Ballast"),
                .product(name: "Studies", package: "Ballast"),
            ],
            // libFuzzer supplies `main`; the harness only defines LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
