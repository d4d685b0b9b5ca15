import Testing

@testable import ProtocolModel

/// Aave health factor, close factor and seized collateral, by hand (LiquidationLogic.sol), on the
/// lending pool that replaced `LoanBook`. Position: 10 ETH collateral, 16,000 USD debt, LT 0.825,
/// bonus 5%.
struct SingleCollateralLiquidationTests {
    func quote(_ policy: CloseFactorPolicy, price: Double, cover: Double) throws -> LiquidationOutcome {
        let s = try Books.state([(10, 16_000)], closeFactor: policy)
        return try s.lending.quoteLiquidation(
            borrower: 0, collateralReserve: 1, debtReserve: 0, debtToCover: cover, prices: Books.prices(price))
    }

    @Test func healthFactor() throws {
        let s = try Books.state([(10, 16_000), (1, 0)], closeFactor: .fixed(0.5))
        // 10·2,000·0.825/16,000 = 16,500/16,000 = 1.03125 (healthy)
        #expect(close(s.lending.healthFactor(user: 0, prices: Books.prices(2_000)), 1.03125))
        // 10·1,800·0.825/16,000 = 14,850/16,000 = 0.928125
        #expect(close(s.lending.healthFactor(user: 0, prices: Books.prices(1_800)), 0.928125))
        #expect(s.lending.healthFactor(user: 1, prices: Books.prices(1)) == .infinity)
        do {
            _ = try quote(.fixed(0.5), price: 2_000, cover: 1e9)
            Issue.record("a healthy position was quoted")
        } catch {
            guard case let .notLiquidatable(hf) = error as? ProtocolError else { throw error }
            #expect(close(hf, 1.03125))
        }
    }

    @Test func aaveV2FixedCloseFactor() throws {
        // HF 0.928: repay = min(0.5·16,000, ∞) = 8,000; seize = 8,000·1.05/1,800 = 4.6667 ETH (≤ 10).
        let q = try quote(.fixed(0.5), price: 1_800, cover: 1e9)
        #expect(close(q.debtRepaid, 8_000) && close(q.collateralSeized, 8_000 * 1.05 / 1_800))
        // A budget of 3,000 binds: seize 3,000·1.05/1,800 = 1.75.
        let small = try quote(.fixed(0.5), price: 1_800, cover: 3_000)
        #expect(close(small.debtRepaid, 3_000) && close(small.collateralSeized, 1.75))
    }

    @Test func aaveV3CloseFactor() throws {
        // HF 0.928 ≤ 0.95 → 100%: repay 16,000, seize 16,000·1.05/1,800 = 9.3333 (≤ 10).
        let q = try quote(.aaveV3, price: 1_800, cover: 1e9)
        #expect(close(q.debtRepaid, 16_000) && close(q.collateralSeized, 28.0 / 3))
        // At 1,900: HF = 15,675/16,000 = 0.9797 > 0.95 → 50%: repay 8,000.
        #expect(close(try quote(.aaveV3, price: 1_900, cover: 1e9).debtRepaid, 8_000))
    }

    @Test func collateralBindsAndBadDebtIsWrittenOff() throws {
        // At 1,500 (HF 0.773, v3 100%): 16,000·1.05/1,500 = 11.2 ETH > 10 → seize all 10 ETH and repay
        // 10·1,500/1.05 = 14,285.71; the remaining 1,714.29 USD is bad debt, kept as the USD reserve's
        // deficit (no insurance fund, plain policy).
        var s = try Books.state([(10, 16_000)])
        s.oracles[Books.eth].manipulate(to: 1_500, tick: 0)
        let r = s.apply(
            Intent(
                account: 2,
                action: .liquidate(borrower: 0, collateralToken: Books.eth, debtToken: Books.usd, debtToCover: 1e9)))
        let fill = try #require(r.fill)
        #expect(close(fill.amountIn, 15_000 / 1.05) && fill.amountOut == 10)
        #expect(close(fill.badDebt, 16_000 - 15_000 / 1.05))
        #expect(s.lending.supplied(user: 0, reserve: 1) == 0 && s.lending.debt(user: 0, reserve: 0) == 0)
        #expect(close(s.lending.reserves[0].deficit, 16_000 - 15_000 / 1.05))
        #expect(close(s.badDebtValue, fill.badDebt))
    }

    @Test func loanBookValueAndLowestHealthFactorFirst() throws {
        let s = try Books.state([(10, 16_000), (5, 9_000), (1, 0)])
        // At 1,700: min(16,000, 17,000) + min(9,000, 8,500) = 24,500 (the third has no debt).
        let book = s.lending.loanBook(prices: Books.prices(1_700))
        #expect(book.capped == 24_500 && book.debt == 25_000)
        // HFs 0.8766 and 0.7792 → account 1 first, then 0; the debt-free account is not in the heap.
        var heap = DebtorHeap()
        heap.rebuild(from: s.lending, prices: Books.prices(1_700))
        #expect(heap.popMin() == 1 && heap.popMin() == 0 && heap.popMin() == nil)
        #expect(s.lending.hasLiquidatable(prices: Books.prices(1_700)))
        #expect(!s.lending.hasLiquidatable(prices: Books.prices(3_000)))
    }

    @Test func tiesGoToTheLowerAccount() throws {
        // Accounts 0 and 2 have the same collateral/debt (so the same HF at any price), below account 1's.
        let s = try Books.state([(2, 3_000), (1, 1_400), (2, 3_000)])
        var heap = DebtorHeap()
        heap.rebuild(from: s.lending, prices: Books.prices(1_000))
        var order: [Int] = []
        while let a = heap.popMin() { order.append(a) }
        #expect(order == [0, 2, 1])
    }
}
