import Agents
import Foundation
import ProtocolModel
import Testing

@testable import Simulation

/// Regressions for defects found by reading the engine (each named after what was wrong).
@Suite("Defect regressions")
struct DefectRegressionTests {
    static let cascade = TestSupport.root.appendingPathComponent(
        "experiments/liquidation-cascade/liquidation-cascade.yaml"
    ).path

    /// Socialising an uncovered loss shrinks every claim; it is not a withdrawal. Before the fix, with
    /// nobody paying attention, the cascade reported a run just after the crash (replicate 1 writes off
    /// about 130 M USD, far beyond the insurance fund).
    @Test func aSocialisedHaircutIsNotARun() async throws {
        let s = try Scenario.load(
            path: Self.cascade,
            overrides: [
                "ticks=260", "lending.socialise_losses=true",
                "depositors.attention=0", "depositors.whale_attention=0",
            ])
        let r = try await Engine(scenario: s).run(seed: 1, replicate: 1)
        let usd = r.finalState.depositReserve
        #expect(usd.badDebt > usd.insuranceFund, "the cascade leaves losses beyond the insurance fund")
        #expect(usd.supplyIndex < 0.9, "the haircut was applied to every claim")
        #expect(!r.outcome.run && r.outcome.finalWithdrawnFraction == 0)
    }

    /// Aave v3 `LiquidationLogic`: `bonusCollateral = seize − seize/(1+bonus)` and the protocol keeps
    /// `bonusCollateral·liquidationProtocolFee`. 10 ETH / 18,000 USD at 2,000: repay 9,000, seize 4.725,
    /// bonus collateral 4.725 − 4.5 = 0.225, fee at 50% = 0.1125 ETH; the liquidator sells 4.6125.
    @Test func theProtocolFeeIsTakenFromTheBonusCollateral() throws {
        var w = try TestWorld.make(
            deposits: [20_000], reserve: 1_000, insurance: 500, positions: [(10, 18_000)],
            pool: (50_000, 100_000_000), ["lending.protocol_fee=0.5"])
        let liquidator = w.state.accountCount - 1  // the protocol's own account: neither depositor nor borrower
        w.state.resetInventory(account: liquidator, token: 0, to: 9_000)
        let r = w.state.apply(
            Intent(
                account: liquidator,
                action: .liquidateLowest(collateralToken: 1, debtToken: 0, budget: 9_000, sellPool: 0, gasCost: 0)))
        #expect(r.fill?.amountIn == 9_000)
        let eth = w.state.lending.reserves[1]
        #expect(abs(eth.accruedToTreasury - 0.1125) < 1e-12, "the fee becomes the protocol's claim")
        #expect(abs(w.positions[0].collateral - 5.275) < 1e-12, "the borrower loses the whole seizure")
        #expect(abs(w.amm.reserveBase - (50_000 + 4.6125)) < 1e-9, "the liquidator sells what it received")
        #expect(abs(eth.cash - (10 - 4.6125)) < 1e-12, "the fee stays in the reserve's cash")
    }

    /// `lending.protocol_fee` reaches the engine: on the same paths (paired replicates) the treasury's
    /// fee income is 0 without it and grows with it. (Before the fix the key was read and ignored:
    /// 0.9 gave byte-identical output.)
    @Test func theProtocolFeeReachesTheTreasuryAndGrowsWithTheKey() async throws {
        for rep in 0..<3 {
            var income: [Double] = []
            for fee in ["0", "0.3", "0.9"] {
                let r = try await TestSupport.run(
                    [
                        "market.shock.size=0.45", "depositors.count=1000", "borrowers.count=300",
                        "lending.protocol_fee=\(fee)",
                    ], ticks: 230, replicate: UInt64(rep))
                #expect(r.outcome.liquidatedUSD > 0, "replicate \(rep) liquidates")
                income.append(r.finalState.state.lending.reserves[1].accruedToTreasury)
            }
            #expect(income[0] == 0 && income[1] > 0 && income[2] > income[1], "replicate \(rep): \(income)")
        }
    }

    /// `LiquidationLogic`: `healthFactor > CLOSE_FACTOR_HF_THRESHOLD ? DEFAULT : MAX`, so HF = 0.95 itself closes 100%.
    @Test func aaveV3ClosesFullyAtExactly095() {
        #expect(CloseFactorPolicy.aaveV3.factor(healthFactor: 0.95) == 1.0)
        #expect(CloseFactorPolicy.aaveV3.factor(healthFactor: 0.95.nextUp) == 0.5)
        #expect(CloseFactorPolicy.aaveV3.factor(healthFactor: 0.5) == 1.0)
    }

    /// A socialised loss shrinks every claim alike. Before the fix depositors kept asking for their
    /// nominal balances, so early leavers were paid in full and the last ones found nothing left.
    /// Now, on every tick, the depositors' balances at the pool's supply index are exactly what it owes them.
    @Test func socialisedLossesShrinkEveryDepositorsClaimAlike() async throws {
        let s = try Scenario.load(
            path: Self.cascade,
            overrides: [
                "ticks=260", "lending.socialise_losses=true",
                "depositors.attention=0.3",
            ])
        var engine = Engine(scenario: s)
        let worst = WorstGap()
        engine.tickObserver = { world, _, populations in
            var balances = 0.0
            for case let shard as DepositorShard in populations {
                for a in await shard.agents { balances += a.balance }
            }
            let scale = world.depositReserve.supplyIndex
            await worst.note(
                abs(balances * scale - world.outstandingDeposits) / world.initialDeposits, scale: scale)
        }
        _ = try await engine.run(seed: 1, replicate: 1)
        let (gap, scale) = (await worst.gap, await worst.scale)
        #expect(scale < 0.9, "the cascade socialised a loss")
        #expect(gap < 1e-9, "claims and deposits apart by \(gap) of D0")
    }

    actor WorstGap {
        var gap = 0.0
        var scale = 1.0
        func note(_ g: Double, scale s: Double) {
            gap = max(gap, g)
            scale = min(scale, s)
        }
    }
}
