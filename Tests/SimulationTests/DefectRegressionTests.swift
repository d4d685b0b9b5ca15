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
        #expect(r.finalState.ledger.totalUncoveredLoss > 0, "the cascade leaves losses beyond the insurance fund")
        #expect(r.finalState.ledger.outstandingDeposits < r.finalState.initialDeposits * 0.9, "the haircut was applied")
        #expect(!r.outcome.run && r.outcome.finalWithdrawnFraction == 0)
    }

    /// Aave v3 `LiquidationLogic`: `bonusCollateral = seize − seize/(1+bonus)` and the protocol keeps
    /// `bonusCollateral·liquidationProtocolFee`. 10 ETH / 18,000 USD at 2,000: repay 9,000, seize 4.725,
    /// bonus collateral 4.725 − 4.5 = 0.225, fee at 50% = 0.1125 ETH; the liquidator sells 4.6125.
    @Test func theProtocolFeeIsTakenFromTheBonusCollateral() throws {
        var params = LiquidationParameters()
        params.protocolFee = 0.5
        var w = WorldState(
            externalPrice: 2000, amm: try UniswapV2Pool(reserveBase: 50_000, reserveQuote: 100_000_000),
            loans: LoanBook(positions: [CollateralPosition(collateral: 10, debt: 18_000)], parameters: params),
            ledger: DepositLedger(deposits: 10_000, reserve: 1_000, insuranceFund: 500),
            initialDeposits: 10_000, history: PriceHistory(openingPrice: 2000))
        var a = IntentApplier()
        let r = a.apply(
            Proposal(population: 0, agent: 0, intent: .liquidate(budget: 9_000, gasCost: 0, minProfit: 0)), to: &w)
        #expect(r.amount == 9_000)
        #expect(abs(w.protocolFeeCollateral - 0.1125) < 1e-12)
        #expect(abs(w.loans.positions[0].collateral - 5.275) < 1e-12, "the borrower loses the whole seizure")
        #expect(abs(w.amm.reserveBase - (50_000 + 4.6125)) < 1e-9, "the liquidator sells what it received")
        #expect(abs(w.flows.collateralOut - 0.1125) < 1e-12, "the fee leaves the pool for the treasury")
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
                income.append(r.finalState.protocolFeeCollateral)
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

    /// Queue accounts packed `population << 24 | agent` collided at 2²⁴ agents per population.
    @Test func queueAccountsAreDistinctBeyondTwoToThe24Agents() throws {
        var w = WorldState(
            externalPrice: 2000, amm: try UniswapV2Pool(reserveBase: 50_000, reserveQuote: 100_000_000),
            loans: LoanBook(positions: []), ledger: DepositLedger(deposits: 10_000, reserve: 0, insuranceFund: 0),
            initialDeposits: 10_000, history: PriceHistory(openingPrice: 2000))
        var a = IntentApplier()
        _ = a.apply(Proposal(population: 1, agent: 0, intent: .withdraw(amount: 10)), to: &w)
        _ = a.apply(Proposal(population: 0, agent: 1 << 24, intent: .withdraw(amount: 10)), to: &w)
        var queue = w.ledger.queue
        var accounts: [Int64] = []
        queue.pay(20) { account, _ in accounts.append(account) }
        #expect(accounts.count == 2 && accounts[0] != accounts[1], "\(accounts)")
    }

    /// A socialised loss shrinks every claim alike. Before the fix depositors kept asking for their
    /// nominal balances, so early leavers were paid in full and the last ones found nothing left.
    /// Now, on every tick, the depositors' balances at the ledger's scale are exactly what it owes them.
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
            await worst.note(
                abs(balances * world.ledger.depositScale - world.ledger.outstandingDeposits) / world.initialDeposits,
                scale: world.ledger.depositScale)
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
