import Testing

@testable import ProtocolModel

/// Governance intents: only an appointed governor may change a reserve's configuration, every setter
/// validates before it writes, and a refused change leaves the state identical.
@Suite("Governance")
struct GovernanceTests {
    static func governed() throws -> ProtocolState {
        var s = try Fixture.seeded()
        try s.appoint(governor: 4)
        return s
    }

    @Test func aGovernorLowersTheThresholdAndHealthFactorsFollow() throws {
        var s = try Self.governed()
        let before = s.lending.healthFactor(user: 3, prices: s.prices)
        let r = s.apply(
            Intent(account: 4, action: .govern(.setCollateralRisk(reserve: 1, ltv: 0.7, liquidationThreshold: 0.75))))
        #expect(r.succeeded)
        #expect(s.lending.configs[1].ltv == 0.7 && s.lending.configs[1].liquidation.liquidationThreshold == 0.75)
        let after = s.lending.healthFactor(user: 3, prices: s.prices)
        #expect(close(after, before * 0.75 / 0.825, 1e-12))
    }

    @Test func refusedChangesLeaveTheStateIdentical() throws {
        let s0 = try Self.governed()
        let refused: [Intent] = [
            // Not a governor.
            Intent(account: 0, action: .govern(.setWithdrawalFee(reserve: 0, fee: 0.01))),
            // LTV above LT, LT above 1, LT·(1 + bonus) above 1, unknown reserve.
            Intent(account: 4, action: .govern(.setCollateralRisk(reserve: 1, ltv: 0.8, liquidationThreshold: 0.7))),
            Intent(account: 4, action: .govern(.setCollateralRisk(reserve: 1, ltv: 0.5, liquidationThreshold: 1.1))),
            Intent(account: 4, action: .govern(.setCollateralRisk(reserve: 1, ltv: 0.5, liquidationThreshold: 0.96))),
            Intent(account: 4, action: .govern(.setCollateralRisk(reserve: 7, ltv: 0.5, liquidationThreshold: 0.7))),
            // A fee of 1, a negative fee, NaN.
            Intent(account: 4, action: .govern(.setWithdrawalFee(reserve: 0, fee: 1))),
            Intent(account: 4, action: .govern(.setWithdrawalFee(reserve: 0, fee: -0.1))),
            Intent(account: 4, action: .govern(.setWithdrawalFee(reserve: 0, fee: .nan))),
            // A negative slope, a kink of 0, a change of kind.
            Intent(account: 4, action: .govern(.setRateModel(reserve: 0, model: .jumpRate(try Self.curve(slope: -1))))),
            Intent(
                account: 4,
                action: .govern(.setRateModel(reserve: 0, model: .jumpRate(try Self.curve(slope: 1, kink: 0))))),
            Intent(
                account: 4,
                action: .govern(
                    .setRateModel(
                        reserve: 0,
                        model: .comet(
                            CometRateModel(
                                supply: KinkedCurve(base: 0, slopeLow: 0, slopeHigh: 0, kink: 0.8),
                                borrow: KinkedCurve(base: 0, slopeLow: 0, slopeHigh: 0, kink: 0.8)))))),
        ]
        for intent in refused {
            var s = s0
            let r = s.apply(intent)
            #expect(!r.succeeded, "\(intent.action)")
            #expect(s == s0, "\(intent.action) changed the state")
        }
    }

    @Test func feeAndRateModelChangesApply() throws {
        var s = try Self.governed()
        #expect(s.apply(Intent(account: 4, action: .govern(.setWithdrawalFee(reserve: 0, fee: 0.02)))).succeeded)
        #expect(s.lending.configs[0].withdrawals.feeFraction == 0.02)
        let model = try Self.curve(slope: 0.5)
        #expect(
            s.apply(Intent(account: 4, action: .govern(.setRateModel(reserve: 0, model: .jumpRate(model))))).succeeded)
        #expect(s.lending.configs[0].rateModel == .jumpRate(model))
    }

    @Test func onlyExistingAccountsBecomeGovernors() throws {
        var s = try Fixture.seeded()
        #expect(throws: ProtocolError.self) { try s.appoint(governor: 5) }
        #expect(s.governors.isEmpty)
    }

    static func curve(slope: Double, kink: Double = 0.8) throws -> JumpRateModel {
        // Built field by field so that invalid values reach the setter.
        var m = try JumpRateModel(baseRate: 0, multiplier: 0.01, jumpMultiplier: 0.1, kink: 0.8)
        m.jumpMultiplier = slope
        m.kink = kink
        return m
    }
}
