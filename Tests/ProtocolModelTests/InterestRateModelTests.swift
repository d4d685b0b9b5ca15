import Testing

@testable import ProtocolModel

/// Compound v2 JumpRateModelV2 and Comet curves at several utilisations, by hand.
/// Jump-rate parameters (per year): base 2%, multiplier 18%, jump multiplier 400%, kink 80%.
struct InterestRateModelTests {
    let model = try! JumpRateModel(baseRate: 0.02, multiplier: 0.18, jumpMultiplier: 4, kink: 0.8)

    @Test(arguments: [
        (0.0, 0.02),  // base only
        (0.5, 0.02 + 0.09),  // 0.02 + 0.18·0.5 = 0.11
        (0.8, 0.02 + 0.144),  // at the kink: 0.164
        (0.9, 0.164 + 0.4),  // 0.164 + 4·(0.9 − 0.8) = 0.564
        (1.0, 0.164 + 0.8),  // 0.964
    ])
    func kinkedBorrowRate(u: Double, expected: Double) {
        #expect(close(model.borrowRate(utilisation: u), expected, 1e-12))
    }

    @Test func supplyRateAndUtilisation() {
        // utilizationRate = borrows/(cash + borrows − reserves) = 900/(150 + 900 − 50) = 0.9.
        #expect(close(utilisation(cash: 150, borrows: 900, reserves: 50), 0.9))
        #expect(utilisation(cash: 100, borrows: 0, reserves: 0) == 0)
        // supply = U·borrow·(1 − rf) = 0.9·0.564·0.9 = 0.45684
        #expect(close(model.supplyRate(utilisation: 0.9, reserveFactor: 0.1), 0.45684, 1e-12))
        #expect(throws: ProtocolError.self) {
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1.5)
        }
    }

    @Test func cometSplitCurves() {
        // Supply: 0 + 3%·U to kink 0.9, then +40%; borrow: 1% + 4%·U to 0.9, then +50%.
        let comet = CometRateModel(
            supply: KinkedCurve(base: 0, slopeLow: 0.03, slopeHigh: 0.4, kink: 0.9),
            borrow: KinkedCurve(base: 0.01, slopeLow: 0.04, slopeHigh: 0.5, kink: 0.9))
        let m = InterestRateModel.comet(comet)
        // U = 0.5: supply 0.015, borrow 0.01 + 0.02 = 0.03.
        #expect(close(m.supplyRate(utilisation: 0.5, reserveFactor: 0.99), 0.015))
        #expect(close(m.borrowRate(utilisation: 0.5), 0.03))
        // U = 0.95: supply 0.027 + 0.4·0.05 = 0.047; borrow 0.01 + 0.036 + 0.025 = 0.071.
        #expect(close(m.supplyRate(utilisation: 0.95, reserveFactor: 0), 0.047))
        #expect(close(m.borrowRate(utilisation: 0.95), 0.071))
    }
}

/// `BaseJumpRateModelV2`'s constructor divides `multiplierPerYear` by the kink. With arguments
/// (base 0, multiplierPerYear 0.04, jumpMultiplierPerYear 1.09, kink 0.8) the deployed curve is
/// 0.04 at the kink (0.05·0.8) and 0.04 + 1.09·0.2 = 0.258 at full utilisation.
@Suite struct PublishedJumpRateParameterTests {
    @Test func constructorArgumentsGiveTheDeployedCurve() throws {
        let m = try JumpRateModel.compoundV2(
            baseRatePerYear: 0, multiplierPerYear: 0.04, jumpMultiplierPerYear: 1.09,
            kink: 0.8)
        #expect(abs(m.multiplier - 0.05) < 1e-15)
        #expect(abs(m.borrowRate(utilisation: 0.8) - 0.04) < 1e-12)
        #expect(abs(m.borrowRate(utilisation: 0.4) - 0.02) < 1e-12)
        #expect(abs(m.borrowRate(utilisation: 1.0) - 0.258) < 1e-12)
        #expect(throws: ProtocolError.self) {
            try JumpRateModel.compoundV2(baseRatePerYear: 0, multiplierPerYear: 0.04, jumpMultiplierPerYear: 1, kink: 0)
        }
    }
}

/// Comet's accrual: each index grows by its own curve and the protocol keeps the difference.
struct CometAccrualTests {
    static func pool(supplySlope: Double) throws -> LendingPool {
        let comet = CometRateModel(
            supply: KinkedCurve(base: 0, slopeLow: supplySlope, slopeHigh: 0.5, kink: 0.9),
            borrow: KinkedCurve(base: 0.001, slopeLow: 0.004, slopeHigh: 0.6, kink: 0.9))
        var p = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: 0, ltv: 0.8, liquidation: LiquidationParameters(liquidationThreshold: 0.85),
                    reserveFactor: 0, rateModel: .comet(comet)),
                ReserveConfig(
                    token: 1, ltv: 0.75, liquidation: LiquidationParameters(liquidationThreshold: 0.8),
                    reserveFactor: 0, borrowingEnabled: false, rateModel: .comet(comet)),
            ], users: 2)
        try p.supply(user: 0, reserve: 0, amount: 1_000)
        try p.supply(user: 1, reserve: 1, amount: 1)
        try p.borrow(user: 1, reserve: 0, amount: 500, prices: [1, 2_000])
        return p
    }

    @Test func indicesFollowTheirOwnCurvesAndTheProtocolKeepsTheDifference() throws {
        var p = try Self.pool(supplySlope: 0.003)
        // U = 500 / (500 + 500) = 0.5: borrow 0.001 + 0.004·0.5 = 0.003, supply 0.003·0.5 = 0.0015 per tick.
        p.accrue(ticks: 10)
        let r = p.reserves[0]
        #expect(abs(r.borrowIndex - 1.03) < 1e-12)
        #expect(abs(r.supplyIndex - 1.015) < 1e-12)
        #expect(abs(r.accruedToTreasury - (500 * 0.03 - 1_000 * 0.015)) < 1e-9)  // 15 − 15 = 0
        #expect(abs(r.cash + r.totalDebt - (r.totalSupply + r.accruedToTreasury)) < 1e-9)
    }

    @Test func aSteeperSupplyCurvePaysSuppliersMoreAndCanRunTheProtocolNegative() throws {
        var low = try Self.pool(supplySlope: 0.002)
        var high = try Self.pool(supplySlope: 0.008)
        low.accrue(ticks: 10)
        high.accrue(ticks: 10)
        #expect(high.reserves[0].totalSupply > low.reserves[0].totalSupply)
        #expect(low.reserves[0].accruedToTreasury > 0 && high.reserves[0].accruedToTreasury < 0)
        for p in [low, high] {
            let r = p.reserves[0]
            #expect(abs(r.cash + r.totalDebt - (r.totalSupply + r.accruedToTreasury)) < 1e-9)
        }
    }
}
