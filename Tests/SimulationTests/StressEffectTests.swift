import Foundation
import Testing

@testable import Simulation

/// Each stress of `experiments/stresses` moves an outcome the way it should, measured with paired
/// replicates (common random numbers: the same seed and replicate with and without the stress) and
/// asserted beyond three standard errors of the paired mean difference.
@Suite("Stress effects")
struct StressEffectTests {
    static let fixtures = TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures")
    static let small = fixtures.appendingPathComponent("Stress/small.yaml").path
    static let peg = fixtures.appendingPathComponent("Stress/peg.yaml").path
    static let twoAssets = fixtures.appendingPathComponent("MultiAsset/correlation-stress.yaml").path

    /// Mean paired difference (stressed − base) of `metric` over `replicates`, and its standard error.
    /// `base` lists stresses both runs share (a crash for the oracle stresses to act in).
    static func effect(
        _ path: String, stress: String, base: String? = nil, replicates: Int = 12,
        _ metric: @Sendable (Outcome) -> Double
    ) async throws -> (mean: Double, se: Double) {
        let plain = try Scenario.load(path: path, overrides: base.map { ["stresses=[\($0)]"] } ?? [])
        let stressed = try Scenario.load(
            path: path, overrides: ["stresses=[\(base.map { $0 + ", " } ?? "")\(stress)]"])
        var d: [Double] = []
        for r in 0..<replicates {
            let a = try await Engine(scenario: plain).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: stressed).run(seed: 7, replicate: UInt64(r), recordSeries: false)
            d.append(metric(b.outcome) - metric(a.outcome))
        }
        return MultiAssetEffectTests.paired(d)
    }

    @Test func aFlashCrashRaisesBadDebt() async throws {
        let (mean, se) = try await Self.effect(Self.small, stress: "{name: flash_crash, tick: 150}") { $0.badDebtUSD }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aBearMarketRaisesLiquidations() async throws {
        let (mean, se) = try await Self.effect(Self.small, stress: "bear_market") { $0.liquidatedUSD }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    static let crash = "{name: flash_crash, tick: 150, size: 0.25}"

    @Test func anOracleDelayInACrashRaisesBadDebt() async throws {
        let (mean, se) = try await Self.effect(
            Self.small, stress: "{name: oracle_delay, delay: 24}", base: Self.crash, replicates: 32
        ) {
            $0.badDebtUSD
        }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func anOracleFreezeInAFallingMarketRaisesBadDebt() async throws {
        // The freeze covers the crash and the fall after it: nothing is liquidated until the price is lower.
        let falling = Self.crash + ", {name: bear_market, rate: 0.002}"
        let (mean, se) = try await Self.effect(
            Self.small, stress: "{name: oracle_freeze, from: 148, to: 220}", base: falling
        ) { $0.badDebtUSD }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aGasSpikePricesLiquidatorsOut() async throws {
        let (mean, se) = try await Self.effect(Self.small, stress: "{name: gas_spike, from: 1, to: 299}") {
            $0.liquidatedUSD
        }
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func lpFlightEmptiesThePool() async throws {
        let (mean, se) = try await Self.effect(Self.small, stress: "lp_flight") { $0.lpExitFractionMax }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aStablecoinDepegRaisesLiquidations() async throws {
        let (mean, se) = try await Self.effect(Self.peg, stress: "{name: stablecoin_depeg, from: 100, to: 148}") {
            $0.liquidatedUSD
        }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aBridgeFailureRaisesBadDebt() async throws {
        let (mean, se) = try await Self.effect(
            Self.twoAssets, stress: "{name: bridge_failure, tick: 30}", replicates: 32
        ) {
            $0.badDebtUSD
        }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    @Test func aCorrelationBreakdownRaisesBadDebt() async throws {
        let (mean, se) = try await Self.effect(Self.twoAssets, stress: "correlation_breakdown", replicates: 32) {
            $0.badDebtUSD
        }
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }

    static func shocks(_ s: Scenario) -> [Shock] {
        if case let .shocked(m) = s.market { return m.shocks }
        return []
    }

    @Test func aStressChangesOnlyWhatItWrites() throws {
        let plain = try Scenario.load(path: Self.small)
        let crashed = try Scenario.load(path: Self.small, overrides: ["stresses=[{name: flash_crash, size: 0.25}]"])
        #expect(Self.shocks(crashed) == [.multiply(asset: 0, tick: 200, factor: 0.75)])
        #expect(Self.shocks(plain).isEmpty && plain.contentHash != crashed.contentHash)
        // A later --set adjusts what the stress wrote.
        let adjusted = try Scenario.load(
            path: Self.small, overrides: ["stresses=[flash_crash]", "market.shock.tick=100"])
        #expect(Self.shocks(adjusted) == [.multiply(asset: 0, tick: 100, factor: 0.6)])
    }
}
