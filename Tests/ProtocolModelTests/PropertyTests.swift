import PropertyBased
import Testing

@testable import ProtocolModel

/// Random sequences of intents, price moves and ticks on the fixture world.
struct PropertyTests {
    /// One random step: (kind, account, x, y) with x, y ∈ [0, 1] scaling the amounts.
    static let steps = zip(Gen.int(in: 0...13), Gen.int(in: 0...4), Gen.double(in: 0...1), Gen.double(in: 0...1))
        .array(of: 1...40)

    /// Turns a random step into an intent (nil for an oracle move or a tick).
    static func intent(_ k: Int, _ a: Int, _ x: Double, _ y: Double, _ s: ProtocolState) -> Intent? {
        let usd = Fixture.usd
        let eth = Fixture.eth
        let borrower = 1 + Int(y * 2.999)
        switch k {
        case 0: return Intent(account: a, action: .supply(token: usd, amount: 1 + x * 200_000))
        case 1: return Intent(account: borrower, action: .supply(token: eth, amount: 0.1 + x * 20))
        case 2: return Intent(account: borrower, action: .borrow(token: usd, amount: 1 + x * 40_000))
        case 3: return Intent(account: borrower, action: .repay(token: usd, amount: 1 + x * 20_000))
        case 4:
            return Intent(account: a, action: .withdraw(token: a == 0 || a == 4 ? usd : eth, amount: 0.1 + x * 50_000))
        case 5:
            return Intent(
                account: a == 0 ? 0 : 4,
                action: .liquidate(
                    borrower: borrower, collateralToken: eth,
                    debtToken: usd, debtToCover: 1 + x * 30_000))
        case 6:
            return Intent(
                account: a, action: .swap(pool: 0, amountIn: 0.01 + x * (y < 0.5 ? 50 : 100_000), baseIn: y < 0.5),
                guards: IntentGuards(maxSlippage: x < 0.2 ? 0.005 : nil))
        case 7: return Intent(account: a, action: .addLiquidity(pool: 0, base: 0.01 + x * 20, quote: 1 + y * 40_000))
        case 8:
            let held = s.amms[0].shares[a]
            return Intent(
                account: a, action: .removeLiquidity(pool: 0, shares: held * (y < 0.2 ? 1 : x) + (y > 0.9 ? 1 : 0)))
        case 9:
            return Intent(
                account: a, action: .stableSwap(pool: 0, i: y < 0.5 ? 0 : 1, j: y < 0.5 ? 1 : 0, dx: 1 + x * 100_000),
                guards: IntentGuards(minOut: y > 0.8 ? 1 + x * 100_000 : nil))
        case 10:
            return Intent(
                account: a, action: .transfer(to: Int(y * 4.999), token: Int(x * 2.999), amount: 1 + x * 1_000),
                guards: IntentGuards(deadline: y < 0.1 ? -1 : nil))
        default: return nil
        }
    }

    @Test func intentSequencesConserveValueAndNeverGoNegative() async throws {
        let initial = try Fixture.seeded()
        let totals = (0..<3).map { initial.totalHoldings(of: $0) }
        await propertyCheck(count: 150, input: Self.steps) { steps in
            var s = initial
            for (k, a, x, y) in steps {
                switch k {
                case 11: s.oracles[Fixture.eth].manipulate(to: 1_000 + 1_200 * x, tick: s.tick)
                case 12, 13: s.advance(to: s.tick + 1 + Int(x * 24))
                default:
                    guard let intent = Self.intent(k, a, x, y, s) else { continue }
                    let before = s
                    let receipt = s.apply(intent)
                    if !receipt.succeeded { #expect(s == before, "reverted \(intent) changed the state") }
                }
                for t in 0..<3 { #expect(close(s.totalHoldings(of: t), totals[t], 1e-9), "token \(t) not conserved") }
                #expect(s.balances.minimum >= 0)
                #expect(s.amms[0].pool.reserveBase >= 0 && s.amms[0].pool.reserveQuote >= 0)
                for r in s.lending.reserves.indices {
                    #expect(s.lending.reserves[r].cash >= 0)
                    for u in 0..<5 { #expect(s.lending.debt(user: u, reserve: r) >= 0) }
                }
            }
        }
    }

    @Test func poolLiquidationRaisesHFAboveLTTimesOnePlusBonus() async throws {
        let initial = try Fixture.state()
        let bound = 0.825 * 1.05
        // Borrower 1 posts c ETH and borrows at LTV; the price then falls so that HF lands in [0.5, 1).
        await propertyCheck(
            count: 200, input: Gen.double(in: 0.5...20), Gen.double(in: 0.5...0.999),
            Gen.double(in: 0...1)
        ) { c, targetHF, budget in
            var s = initial
            _ = s.apply(Intent(account: 0, action: .supply(token: Fixture.usd, amount: 1_000_000)))
            _ = s.apply(Intent(account: 1, action: .supply(token: Fixture.eth, amount: c)))
            let debt = c * 2_000 * 0.7
            #expect(s.apply(Intent(account: 1, action: .borrow(token: Fixture.usd, amount: debt))).succeeded)
            // HF = c·p·0.825/debt = targetHF → p = targetHF·debt/(0.825·c).
            s.oracles[Fixture.eth].manipulate(to: targetHF * debt / (0.825 * c), tick: 0)
            let hf0 = s.lending.healthFactor(user: 1, prices: s.prices)
            let r = s.apply(
                Intent(
                    account: 4,
                    action: .liquidate(
                        borrower: 1, collateralToken: Fixture.eth,
                        debtToken: Fixture.usd, debtToCover: 1 + budget * debt)))
            #expect(r.succeeded)
            let hf1 = s.lending.healthFactor(user: 1, prices: s.prices)
            if hf0 > bound * (1 + 1e-9) { #expect(hf1 > hf0, "HF \(hf0) fell to \(hf1)") }
            if hf0 < bound * (1 - 1e-9) && hf1.isFinite { #expect(hf1 < hf0) }
        }
    }

    @Test func singlePositionLiquidationRaisesHF() async {
        let bound = 0.825 * 1.05
        await propertyCheck(
            count: 300, input: Gen.double(in: 0.01...100), Gen.double(in: 100...5_000),
            Gen.double(in: 0.3...0.999), Gen.double(in: 1...1e6)
        ) { c, price, targetHF, budget in
            let debt = c * price * 0.825 / targetHF
            for policy in [CloseFactorPolicy.fixed(0.5), .aaveV3] {
                guard var s = try? Books.state([(c, debt)], price: price, closeFactor: policy) else {
                    Issue.record("setup failed")
                    return
                }
                let hf0 = s.lending.healthFactor(user: 0, prices: s.prices)
                let r = s.apply(
                    Intent(
                        account: Books.liquidator(s),
                        action: .liquidate(
                            borrower: 0, collateralToken: Books.eth, debtToken: Books.usd, debtToCover: budget)))
                guard let fill = r.fill else {
                    Issue.record("HF \(hf0) < 1 must be liquidatable: \(r)")
                    return
                }
                #expect(fill.amountIn <= budget * (1 + 1e-12) && fill.amountOut <= c * (1 + 1e-12))
                let hf1 = s.lending.healthFactor(user: 0, prices: s.prices)
                if hf0 > bound * (1 + 1e-9) { #expect(hf1 > hf0 && fill.badDebt == 0) }
                #expect(s.lending.supplied(user: 0, reserve: 1) >= 0 && s.lending.debt(user: 0, reserve: 0) >= 0)
            }
        }
    }
}
