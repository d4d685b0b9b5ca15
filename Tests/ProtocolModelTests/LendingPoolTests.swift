import Testing

@testable import ProtocolModel

/// Aave v3 liquidation with a protocol fee, and one tick of jump-rate accrual, on the fixture world.
struct LendingPoolTests {
    @Test func v3LiquidationWithProtocolFee() throws {
        var s = try Fixture.state()
        #expect(s.apply(Intent(account: 0, action: .supply(token: Fixture.usd, amount: 100_000))).succeeded)
        #expect(s.apply(Intent(account: 1, action: .supply(token: Fixture.eth, amount: 10))).succeeded)
        // LTV check: 10·2,000·0.75 = 15,000 ≥ 14,000. A further 1,001 would exceed it and reverts.
        #expect(s.apply(Intent(account: 1, action: .borrow(token: Fixture.usd, amount: 14_000))).succeeded)
        let before = s
        #expect(s.apply(Intent(account: 1, action: .borrow(token: Fixture.usd, amount: 1_001))).error != nil)
        #expect(s == before)
        // HF = 10·2,000·0.825/14,000 = 1.178571: not liquidatable.
        #expect(close(s.lending.healthFactor(user: 1, prices: s.prices), 16_500.0 / 14_000))
        let healthy = s.apply(
            Intent(
                account: 4,
                action: .liquidate(
                    borrower: 1, collateralToken: Fixture.eth,
                    debtToken: Fixture.usd, debtToCover: 1_000)))
        #expect(healthy.error == .notLiquidatable(hf: 16_500.0 / 14_000))

        // Oracle to 1,600: HF = 13,200/14,000 = 0.942857 < 0.95 → close factor 100%.
        s.oracles[Fixture.eth].manipulate(to: 1_600, tick: 0)
        let r = s.apply(
            Intent(
                account: 4,
                action: .liquidate(
                    borrower: 1, collateralToken: Fixture.eth,
                    debtToken: Fixture.usd, debtToCover: 20_000)))
        let fill = try #require(r.fill)
        // debt = min(20,000, 1.0·14,000) = 14,000; collateral = 14,000/1,600·1.05 = 9.1875 ETH;
        // bonus part = 9.1875 − 9.1875/1.05 = 0.4375; protocol fee = 10% of it = 0.04375;
        // liquidator gets 9.14375 ETH (as a supply claim); profit = 9.14375·1,600 − 14,000 = 630.
        #expect(close(fill.amountIn, 14_000) && close(fill.amountOut, 9.14375))
        #expect(close(fill.profit, 630))
        #expect(close(s.lending.supplied(user: 1, reserve: 1), 0.8125))
        #expect(s.lending.debt(user: 1, reserve: 0) == 0)
        #expect(close(s.lending.reserves[1].accruedToTreasury, 0.04375))
        #expect(close(s.balances[4, Fixture.usd], 1_000_000 - 14_000))
    }

    @Test func accrualSplitsInterestWithTheReserveFactor() throws {
        var s = try Fixture.state(ratePerTick: 0.01)
        _ = s.apply(Intent(account: 0, action: .supply(token: Fixture.usd, amount: 100_000)))
        _ = s.apply(Intent(account: 1, action: .supply(token: Fixture.eth, amount: 10)))
        _ = s.apply(Intent(account: 1, action: .borrow(token: Fixture.usd, amount: 14_000)))
        // U = 14,000/(86,000 + 14,000) = 0.14; borrow rate = 0.01·0.14 = 0.0014 per tick.
        #expect(close(s.lending.reserves[0].utilisation, 0.14))
        s.advance(to: 1)
        // Interest 14,000·0.0014 = 19.6: treasury 1.96, suppliers 17.64.
        #expect(close(s.lending.debt(user: 1, reserve: 0), 14_019.6))
        #expect(close(s.lending.reserves[0].accruedToTreasury, 1.96))
        #expect(close(s.lending.supplied(user: 0, reserve: 0), 100_017.64))
        // Identity cash + debt = supply + treasury.
        let r = s.lending.reserves[0]
        #expect(close(r.cash + r.totalDebt, r.totalSupply + r.accruedToTreasury))
    }

    @Test func capsGuardsAndBadDebtWithInsurance() throws {
        var s = try Fixture.state()
        // ETH supply cap 1,000.
        #expect(
            s.apply(Intent(account: 0, action: .supply(token: Fixture.eth, amount: 1_001))).error
                == .capExceeded(asset: Fixture.eth, cap: 1_000))
        // Deadline guard.
        s.advance(to: 5)
        #expect(
            s.apply(
                Intent(
                    account: 0, action: .supply(token: Fixture.usd, amount: 1),
                    guards: IntentGuards(deadline: 4))
            ).error == .deadlinePassed)
        _ = s.apply(Intent(account: 0, action: .supply(token: Fixture.usd, amount: 100_000)))
        _ = s.apply(Intent(account: 2, action: .supply(token: Fixture.eth, amount: 10)))
        _ = s.apply(Intent(account: 2, action: .borrow(token: Fixture.usd, amount: 15_000)))
        // Crash to 1,000: collateral 10,000/1.05 = 9,523.81 repays; all 10 ETH seized;
        // 15,000 − 9,523.81 = 5,476.19 is bad debt, fully covered by the 50,000 insurance fund.
        s.oracles[Fixture.eth].manipulate(to: 1_000, tick: 5)
        let supplyBefore = s.lending.supplied(user: 0, reserve: 0)
        let r = s.apply(
            Intent(
                account: 4,
                action: .liquidate(
                    borrower: 2, collateralToken: Fixture.eth,
                    debtToken: Fixture.usd, debtToCover: 1e9)))
        let fill = try #require(r.fill)
        #expect(close(fill.amountIn, 10_000 / 1.05) && close(fill.badDebt, 15_000 - 10_000 / 1.05))
        #expect(close(s.lending.reserves[0].insuranceFund, 50_000 - fill.badDebt))
        #expect(s.lending.supplied(user: 0, reserve: 0) == supplyBefore)  // depositors untouched
    }
}
