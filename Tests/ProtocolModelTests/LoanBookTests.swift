import Testing

@testable import ProtocolModel

/// Aave health factor, close factor and seized collateral, by hand (LiquidationLogic.sol).
/// Position: 10 ETH collateral, 16,000 USD debt, LT 0.825, bonus 5%.
struct LoanBookTests {
    func book(_ policy: CloseFactorPolicy) -> LoanBook {
        LoanBook(
            positions: [CollateralPosition(collateral: 10, debt: 16_000)],
            parameters: LiquidationParameters(closeFactor: policy))
    }

    @Test func healthFactor() {
        let b = book(.fixed(0.5))
        // 10·2,000·0.825/16,000 = 16,500/16,000 = 1.03125 (healthy)
        #expect(close(b.healthFactor(0, price: 2_000), 1.03125))
        // 10·1,800·0.825/16,000 = 14,850/16,000 = 0.928125
        #expect(close(b.healthFactor(0, price: 1_800), 0.928125))
        #expect(
            LoanBook(positions: [CollateralPosition(collateral: 1, debt: 0)]).healthFactor(0, price: 1) == .infinity)
        #expect(b.liquidationQuote(0, price: 2_000, budget: 1e9) == nil)
    }

    @Test func aaveV2FixedCloseFactor() throws {
        // HF 0.928: repay = min(0.5·16,000, 10·1,800/1.05, ∞) = 8,000; seize = 8,000·1.05/1,800 = 4.6667 ETH.
        let q = try #require(book(.fixed(0.5)).liquidationQuote(0, price: 1_800, budget: 1e9))
        #expect(close(q.repay, 8_000))
        #expect(close(q.seize, 8_000 * 1.05 / 1_800))
        // A budget of 3,000 binds: seize 3,000·1.05/1,800 = 1.75.
        let small = try #require(book(.fixed(0.5)).liquidationQuote(0, price: 1_800, budget: 3_000))
        #expect(close(small.repay, 3_000) && close(small.seize, 1.75))
    }

    @Test func aaveV3CloseFactor() throws {
        // HF 0.928 < 0.95 → 100%: repay = min(16,000, 17,142.86) = 16,000, seize = 16,000·1.05/1,800 = 9.3333.
        let q = try #require(book(.aaveV3).liquidationQuote(0, price: 1_800, budget: 1e9))
        #expect(close(q.repay, 16_000) && close(q.seize, 28.0 / 3))
        // At 1,900: HF = 15,675/16,000 = 0.9797 ≥ 0.95 → 50%: repay 8,000.
        let r = try #require(book(.aaveV3).liquidationQuote(0, price: 1_900, budget: 1e9))
        #expect(close(r.repay, 8_000))
    }

    @Test func collateralBindsAndBadDebtIsWrittenOff() throws {
        // At 1,500 (HF 0.773, v3 100%): collateral term 10·1,500/1.05 = 14,285.71 < 16,000 → repay it,
        // seize all 10 ETH; the remaining 1,714.29 USD is bad debt.
        var b = book(.aaveV3)
        let q = try #require(b.liquidationQuote(0, price: 1_500, budget: 1e9))
        #expect(close(q.repay, 15_000 / 1.05))
        #expect(q.seize == 10)
        let bad = b.liquidate(0, repay: q.repay, seize: q.seize)
        #expect(close(bad, 16_000 - 15_000 / 1.05))
        #expect(b.positions[0] == CollateralPosition(collateral: 0, debt: 0))
    }

    @Test func cappedAssetsAndLowestHF() {
        let b = LoanBook(positions: [
            CollateralPosition(collateral: 10, debt: 16_000),
            CollateralPosition(collateral: 5, debt: 9_000),
            CollateralPosition(collateral: 1, debt: 0),
        ])
        // At 1,700: min(16,000, 17,000) + min(9,000, 8,500) + min(0, 1,700) = 24,500.
        #expect(b.collateralValueCappedAssets(price: 1_700) == 24_500)
        // HFs: 0.8766 and 0.7792 → index 1 first; excluding it, index 0.
        #expect(b.lowestHealthFactor(price: 1_700) == 1)
        #expect(b.lowestHealthFactor(price: 1_700, excluding: { $0 == 1 }) == 0)
        #expect(b.lowestHealthFactor(price: 3_000) == nil)
    }
}
