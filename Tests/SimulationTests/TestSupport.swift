import BallastTestSupport
import Foundation

@testable import Simulation

/// Paths and helpers shared by the engine tests.
enum TestSupport {
    /// The repository root.
    static let root = BallastBinary.repositoryRoot
    static let reference = root.appendingPathComponent("experiments/reference/reference.yaml").path

    /// The reference scenario, shortened to `ticks` (the shock stays at tick 200) plus overrides.
    /// A run that ends before the shock says so with a shock of size 0, as a user must.
    static func scenario(ticks: Int = 320, _ overrides: [String] = []) throws -> Scenario {
        let noShock = ticks <= 200 ? ["market.shock.size=0"] : []
        return try Scenario.load(path: reference, overrides: ["ticks=\(ticks)"] + noShock + overrides)
    }

    static func run(
        _ overrides: [String] = [], ticks: Int = 320, seed: UInt64 = 1, replicate: UInt64 = 0,
        workers: Int = 1
    ) async throws -> RunResult {
        try await Engine(scenario: scenario(ticks: ticks, overrides), workers: workers).run(
            seed: seed, replicate: replicate)
    }

    static func csv(_ r: RunResult) -> String {
        r.series.map(\.csvLine).joined(separator: "\n")
    }
}
