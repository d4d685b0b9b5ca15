import Testing

@testable import ProtocolModel

/// Withdrawal fees that fund the insurance fund (`WithdrawalPolicy.feesToInsurance`), by hand on
/// ``RedemptionTests``' books: deposits 400, 300, 300 USD; cash 200; insurance 50.
struct FeeToInsuranceTests {
    static func policy(fee: Double) -> WithdrawalPolicy {
        var p = WithdrawalPolicy(feeFraction: fee)
        p.feesToInsurance = true
        return p
    }

    @Test func theFeeMovesFromCashIntoTheInsuranceFund() throws {
        var s = try RedemptionTests.state(Self.policy(fee: 0.02))
        // 100 accepted: 2 fee, 98 paid from cash; the fee leaves cash for the fund.
        let fill = try #require(RedemptionTests.redeem(&s, 2, 100).fill)
        #expect(fill.amountOut == 98 && fill.fee == 2)
        let r = s.lending.reserves[0]
        #expect(r.cash == 100 && r.insuranceFund == 52 && r.accruedToTreasury == 0 && r.fees == 2)
        #expect(RedemptionTests.identityHolds(r))
    }

    @Test func whatCashCannotCarryStaysTheProtocolsClaim() throws {
        var s = try RedemptionTests.state(Self.policy(fee: 0.1))
        // 250 accepted: 25 fee, net 225: 200 paid, 25 queued, no cash left to carry the fee.
        let fill = try #require(RedemptionTests.redeem(&s, 2, 250).fill)
        #expect(fill.amountOut == 200 && fill.queued == 25 && fill.fee == 25)
        let r = s.lending.reserves[0]
        #expect(r.cash == 0 && r.insuranceFund == 50 && r.accruedToTreasury == 25)
        #expect(RedemptionTests.identityHolds(r))
    }

    /// The fund it built covers bad debt first: borrower 1's 70 of bad debt at ETH 840 leaves no deficit when a
    /// 10% fee on 200 has added 20 to the fund's 50 (against a deficit of 20 without it).
    @Test func theFundItBuildsCoversBadDebt() throws {
        var s = try RedemptionTests.state(Self.policy(fee: 0.1))
        #expect(RedemptionTests.redeem(&s, 2, 200).fill?.amountOut == 180)
        #expect(close(s.lending.reserves[0].insuranceFund, 70) && close(s.lending.reserves[0].cash, 0))
        let fill = try #require(RedemptionTests.liquidateBorrower1(&s, at: 840).fill)
        #expect(close(fill.badDebt, 70))
        #expect(s.lending.reserves[0].deficit == 0 && s.lending.reserves[0].insuranceFund < 1e-9)
        #expect(RedemptionTests.identityHolds(s.lending.reserves[0]))
    }
}
