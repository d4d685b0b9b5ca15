import Testing

@testable import ProtocolModel

/// Duration, duration gap and rate shocks on cash flows; hourly ticks (8,760 a year).
struct RateSensitivityTests {
    static let hourly = 8_760.0

    @Test func singleCashFlowDurationAndRevaluation() throws {
        // 1,100 due in one year at 10%: PV 1,000, Macaulay 1, modified 1/1.1 = 0.90909.
        let f = FixedCashFlow(name: "bond", amount: 1_100, ticksToDue: 8_760, yield: 0.1, tier: .illiquid)
        #expect(close(f.presentValue(ticksPerYear: Self.hourly), 1_000))
        #expect(close(f.macaulayDuration(ticksPerYear: Self.hourly), 1))
        #expect(close(f.modifiedDuration(ticksPerYear: Self.hourly), 1 / 1.1))
        // +100 bp: 1,100/1.11 = 990.99099 (−9.00901); first order −1,000·0.90909·0.01 = −9.09091.
        let sheet = try CashFlowSheet(assets: [f], liabilities: [], ticksPerYear: Self.hourly)
        #expect(close(sheet.equityChange(basisPoints: 100), 1_100 / 1.11 - 1_000))
        #expect(close(sheet.firstOrderEquityChange(basisPoints: 100), -1_000 / 1.1 * 0.01))
        // An on-demand flow is worth its amount at any yield.
        let cash = FixedCashFlow(name: "cash", amount: 5, ticksToDue: 0, tier: .cash)
        #expect(cash.presentValue(ticksPerYear: Self.hourly, yieldShift: 0.05) == 5)
        #expect(cash.modifiedDuration(ticksPerYear: Self.hourly) == 0)
    }

    /// Funded short, lent long: 100 cash on demand and 900 lent for a year at 6%, funded by 900 of
    /// one-month (720-tick) deposits at 3%, all from a fixed-term book. D_A = 0.9·(1/1.06) = 0.84906,
    /// D_L = (720/8,760)/1.03 = 0.07980, gap = D_A − 0.9·D_L = 0.77724; first order at +100 bp:
    /// −0.77724·1,000·0.01 = −7.7724. Full revaluation: 900·(1.06/1.07 − 1) − 900·((1.03/1.04)^(720/8,760) − 1)
    /// = −7.6968 (relative error 1.0%).
    func shortFundedLongLent() throws -> CashFlowSheet {
        var book = try FixedTermBook(tokenCount: 1)
        let loanRate = perTickRate(yearlyFactor: 1.06, ticks: Self.hourly)
        let depositRate = perTickRate(yearlyFactor: 1.03, ticks: Self.hourly)
        for k in 0..<3 {
            try book.openLoan(
                borrower: k, debtToken: 0, principal: 300, ratePerTick: loanRate, collateralToken: 0,
                collateral: 1_000, startTick: 0, maturityTick: 8_760)
            try book.openDeposit(
                owner: k, token: 0, principal: 300, ratePerTick: depositRate, startTick: 0, maturityTick: 720)
        }
        let fixed = try book.cashFlows(at: 0, prices: [1], ticksPerYear: Self.hourly)
        let cash = try CashFlowSheet(
            assets: [FixedCashFlow(name: "cash", amount: 100, ticksToDue: 0, tier: .cash)], liabilities: [],
            ticksPerYear: Self.hourly)
        return cash.merging(fixed)
    }

    @Test func fullRevaluationMatchesFirstOrderAndHasTheRightSign() throws {
        let sheet = try shortFundedLongLent()
        // At the start every contract's present value is its principal.
        #expect(close(sheet.assetValue(), 1_000) && close(sheet.liabilityValue(), 900) && close(sheet.equity(), 100))
        #expect(close(sheet.assetDuration, 0.9 / 1.06))
        #expect(close(sheet.liabilityDuration, 720 / Self.hourly / 1.03))
        #expect(close(sheet.assetMacaulayDuration, 0.9) && close(sheet.liabilityMacaulayDuration, 720 / Self.hourly))
        #expect(close(sheet.durationGap, 0.9 / 1.06 - 0.9 * 720 / Self.hourly / 1.03))
        let up = (
            fullRevaluation: sheet.equityChange(basisPoints: 100),
            firstOrder: sheet.firstOrderEquityChange(basisPoints: 100)
        )
        let down = (
            fullRevaluation: sheet.equityChange(basisPoints: -100),
            firstOrder: sheet.firstOrderEquityChange(basisPoints: -100)
        )
        func relativeError(_ x: (fullRevaluation: Double, firstOrder: Double)) -> Double {
            abs(x.firstOrder - x.fullRevaluation) / abs(x.fullRevaluation)
        }
        let exactUp = 900 * (1.06 / 1.07 - 1) - 900 * (power(1.03 / 1.04, 720 / Self.hourly) - 1)
        #expect(close(up.fullRevaluation, exactUp, 1e-9))
        #expect(up.fullRevaluation < 0 && up.firstOrder < 0)  // funded short, lent long: rates up hurt
        #expect(down.fullRevaluation > 0 && down.firstOrder > 0)
        #expect(relativeError(up) < 0.02 && relativeError(down) < 0.02)
        // Convexity: the exact loss is smaller and the exact gain larger than the first-order line.
        #expect(up.fullRevaluation > up.firstOrder && down.fullRevaluation > down.firstOrder)
        // The BalanceSheet built from the flows gives the same first order and duration gap.
        let bs = sheet.balanceSheet()
        #expect(close(bs.equityChange(basisPoints: 100), up.firstOrder) && close(bs.durationGap, sheet.durationGap))
    }

    @Test func ladderGapsAndOnDemandPool() throws {
        let sheet = try shortFundedLongLent()
        // [0,24): 100 cash; [24,1,000): −900 deposits; [1,000,10,000): +900 loans; [10,000,∞): nothing.
        let ladder = sheet.maturityLadder(edges: [24, 1_000, 10_000])
        let gaps = ladder.map(\.gap)
        let cumulative = ladder.map(\.cumulativeGap)
        for (got, want) in zip(gaps + cumulative, [100.0, -900, 900, 0, 100, -800, 100, 100]) {
            #expect(close(got, want, 1e-9))
        }
        // The on-demand side of a pool: 400 USD cash and 600 variable debt against 1,000 of supply.
        let rates = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0.01, jumpMultiplier: 0.1, kink: 0.8))
        var pool = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: 0, ltv: 0.8, liquidation: LiquidationParameters(liquidationThreshold: 0.85), rateModel: rates
                )
            ], users: 1)
        pool.reserves[0].cash = 400
        pool.reserves[0].scaledDebt = 600
        pool.reserves[0].scaledSupply = 1_000
        let onDemand = try CashFlowSheet(onDemand: pool, prices: [1], ticksPerYear: Self.hourly, depositRunOff: 0.3)
        #expect(onDemand.assetValue() == 1_000 && onDemand.liabilityValue() == 1_000)
        #expect(onDemand.equityChange(basisPoints: 100) == 0 && onDemand.durationGap == 0)
        let all = onDemand.merging(sheet).balanceSheet()
        // LCR(24) = (400 + 100)/(1,000·0.3); the one-month deposits enter at a 720-tick horizon.
        #expect(close(all.liquidityCoverageRatio(horizonTicks: 24), 500.0 / 300))
        #expect(close(all.liquidityCoverageRatio(horizonTicks: 720), 500.0 / 1_200, 1e-9))
    }

    @Test func refusesBadCashFlows() {
        let bad = FixedCashFlow(name: "x", amount: .nan, ticksToDue: 1, tier: .cash)
        #expect(throws: ProtocolError.invalidAmount("assets[0].amount = nan, expected a finite number ≥ 0")) {
            try CashFlowSheet(assets: [bad], liabilities: [], ticksPerYear: 1)
        }
        let early = FixedCashFlow(name: "x", amount: 1, ticksToDue: -1, tier: .cash)
        #expect(throws: ProtocolError.self) { try CashFlowSheet(assets: [], liabilities: [early], ticksPerYear: 1) }
        let y = FixedCashFlow(name: "x", amount: 1, ticksToDue: 1, yield: -1, tier: .cash)
        #expect(throws: ProtocolError.self) { try CashFlowSheet(assets: [y], liabilities: [], ticksPerYear: 1) }
        #expect(throws: ProtocolError.self) { try CashFlowSheet(assets: [], liabilities: [], ticksPerYear: 0) }
    }
}

/// The rate per tick that compounds over `ticks` ticks to `yearlyFactor`: `yearlyFactor^(1/ticks) − 1`.
private func perTickRate(yearlyFactor: Double, ticks: Double) -> Double { power(yearlyFactor, 1 / ticks) - 1 }

/// `x^p` for `x > 0`, without a platform import.
private func power(_ x: Double, _ p: Double) -> Double { _exp(p * _log(x)) }
