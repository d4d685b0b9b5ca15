import Foundation
import Testing

@testable import Simulation

/// Effects of the multi-asset world, each in its expected direction, measured with paired replicates
/// (common random numbers: the same seed and replicate under both settings) and asserted beyond three
/// standard errors of the paired mean difference.
@Suite("Multi-asset effects")
struct MultiAssetEffectTests {
    static let fixture = TestSupport.root.appendingPathComponent(
        "Tests/SimulationTests/Fixtures/MultiAsset/correlation-stress.yaml"
    ).path

    /// Mean and standard error of the paired differences.
    static func paired(_ d: [Double]) -> (mean: Double, se: Double) {
        let n = Double(d.count)
        let mean = d.reduce(0, +) / n
        let variance = d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    @Test func correlationsGoingToOneRaiseBadDebt() async throws {
        let independent = try Scenario.load(
            path: Self.fixture, overrides: ["market.regimes.stress_correlation_blend=0"])
        let together = try Scenario.load(path: Self.fixture, overrides: ["market.regimes.stress_correlation_blend=1"])
        var differences: [Double] = []
        for r in 0..<32 {
            let a = try await Engine(scenario: independent).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: together).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            differences.append(b.outcome.badDebtUSD - a.outcome.badDebtUSD)
        }
        let (mean, se) = Self.paired(differences)
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func activeBasketBorrowersRepayAndAreLiquidatedLess() async throws {
        let passive = try Scenario.load(path: Self.fixture)
        let active = try Scenario.load(
            path: Self.fixture, overrides: ["borrowers.behaviour=active"])
        var differences: [Double] = []
        for r in 0..<12 {
            let a = try await Engine(scenario: passive).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: active).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            differences.append(b.outcome.liquidatedUSD - a.outcome.liquidatedUSD)
        }
        let (mean, se) = Self.paired(differences)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }
}
