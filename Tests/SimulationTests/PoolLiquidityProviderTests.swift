import Foundation
import ProtocolModel
import Testing

@testable import Agents
@testable import Simulation

/// LPs of a pool other than pool 0 (`pools[i].lps`): they hold that pool's shares, read that pool's
/// volatility, and leave it when it exceeds their tolerance.
@Suite("LPs per pool")
struct PoolLiquidityProviderTests {
    static let fixture = TestSupport.root.appendingPathComponent(
        "Tests/SimulationTests/Fixtures/MultiAsset/pool-lps.yaml"
    ).path

    static func scenario(_ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(path: fixture, overrides: overrides)
    }

    @Test func thePoolsLPsHoldItsSharesAndEveryBookBalancesEveryTick() async throws {
        let scenario = try Self.scenario()
        #expect(scenario.poolSections.map(\.pool) == [1])
        var engine = Engine(scenario: scenario)
        let (opening, populations) = try engine.build(seed: 5, replicate: 0)
        let lps = populations.compactMap { $0 as? LiquidityProviderPopulation }
        #expect(lps.map(\.pool).sorted() == [0, 1])
        // The WBTC pool's opening shares are all its LPs'; the protocol keeps none.
        let protocolAccount = opening.state.accountCount - 1
        #expect(opening.state.amms[1].shares[protocolAccount] < 1e-9 * opening.state.amms[1].pool.totalShares)
        let invariants = TickInvariants(scenario: scenario, opening: opening)
        engine.tickObserver = { w, row, populations in await invariants.observe(w, row, populations) }
        _ = try await engine.run(seed: 5, replicate: 0, recordSeries: false)
        let violation = await invariants.violation
        #expect(violation == nil, "\(violation?.description ?? "")")
    }

    /// A lower volatility tolerance sends more of the WBTC pool's LPs away: fewer of its shares remain at
    /// the end, in paired replicates, beyond three standard errors.
    @Test func lowerToleranceDrainsThatPool() async throws {
        let tolerant = try Self.scenario([
            "pools[0].lps.tolerance_min=0.05", "pools[0].lps.tolerance_max=0.08",
        ])
        let nervous = try Self.scenario([
            "pools[0].lps.tolerance_min=0.002", "pools[0].lps.tolerance_max=0.006",
        ])
        var differences: [Double] = []
        for r in 0..<12 {
            let a = try await Engine(scenario: tolerant).run(seed: 5, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: nervous).run(seed: 5, replicate: UInt64(r), recordSeries: false)
            let sharesA = a.finalState.state.amms[1].pool.totalShares
            let sharesB = b.finalState.state.amms[1].pool.totalShares
            differences.append(sharesB / sharesA - 1)
            // Pool 0's LPs are not the WBTC pool's: their tolerance is the top-level section's in both.
            #expect(a.finalState.state.amms[0].pool.totalShares > 0)
        }
        let (mean, se) = MultiAssetEffectTests.paired(differences)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }
}
