import Agents
import ProtocolModel

@testable import Simulation

/// Small hand-made worlds for tests: the reference layout (USD, the collateral, one pool, one lending
/// market) with chosen deposits, reserve and loans, built by the engine's own ``WorldBuilder``.
enum TestWorld {
    /// Depositor accounts come first (0 ..< deposits.count), then one account per position.
    /// `reserve` is the USD cash kept; what deposits leave unlent beyond it is deployed off-book.
    static func make(
        deposits: [Double], reserve: Double, insurance: Double = 0,
        positions: [(collateral: Double, debt: Double)] = [],
        pool: (collateral: Double, usd: Double) = (1000, 2_000_000),
        _ overrides: [String] = []
    ) throws -> WorldState {
        let d0 = deposits.reduce(0, +)
        let s = try TestSupport.scenario(
            ticks: 10,
            [
                "amm.reserve_collateral=\(pool.collateral)", "amm.reserve_usd=\(pool.usd)",
                "lending.insurance_fraction=\(d0 > 0 ? insurance / d0 : 0)",
            ] + overrides)
        var setup = SetupContext(
            seed: 1, replicate: 0, initialPrice: pool.usd / pool.collateral, loanFraction: 0,
            initialPoolShares: 0, reserveFraction: d0 > 0 ? reserve / d0 : 0)
        let first = setup.allocateAccounts(deposits.count)
        setup.recordDeposits(firstAccount: first, amounts: deposits)
        setup.initialDeposits = d0
        let borrowers = setup.allocateAccounts(positions.count)
        for (k, p) in positions.enumerated() { setup.positions.append((borrowers + k, p.collateral, p.debt)) }
        return try WorldBuilder(scenario: s, layout: .reference, openingPrice: pool.usd / pool.collateral).build([setup]
        )
    }
}
