import Foundation
import Testing

@testable import ProtocolModel

/// The treasury's books through its intents, on the fixture: account 4 is the treasury (1,000,000 USD,
/// 100 ETH), investing in a money market, a staking position (unbonding 10 ticks) and a 100-tick note.
struct TreasuryTests {
    static let menu = [
        InstrumentTerms(
            name: "money market", ratePerTick: 0.0001, lockUp: 0, term: InstrumentTerms.openEnded,
            earlyExitPenalty: 0),
        InstrumentTerms(name: "staking", ratePerTick: 0.0002, lockUp: 10, term: 1_000, earlyExitPenalty: 0.01),
        InstrumentTerms(name: "note", ratePerTick: 0.001, lockUp: 10, term: 100, earlyExitPenalty: 0.02),
    ]

    static func state() throws -> ProtocolState {
        var s = try Fixture.state()
        s.treasury = try Treasury(
            cashToken: Fixture.usd, underlying: Fixture.eth, pool: 0, menu: menu,
            volatility: EWMAVolatility(lambda: 0.94, initialVolatility: 0.6, ticksPerYear: 8_760))
        s.treasury.account = 4
        s.treasury.options.hedgeUnits = 100
        return s
    }

    static func conserved(_ s: ProtocolState) -> Bool {
        s.tokens.indices.allSatisfy { t in close(s.totalHoldings(of: t), s.inflows[t] - s.outflows[t], 1e-6) }
    }

    func op(_ s: inout ProtocolState, _ o: TreasuryOperation, account: Int = 4) -> Receipt {
        s.apply(Intent(account: account, action: .treasury(o)))
    }

    @Test func lockUpsPenaltiesAndMaturityConserveTokens() throws {
        var s = try Self.state()
        #expect(op(&s, .invest(instrument: 2, amount: 600_000)).succeeded)
        #expect(op(&s, .invest(instrument: 0, amount: 100_000)).succeeded)
        #expect(s.balances[4, Fixture.usd] == 300_000 && Self.conserved(s))
        #expect(!op(&s, .invest(instrument: 3, amount: 1)).succeeded)
        #expect(
            op(&s, .invest(instrument: 0, amount: 1), account: 0).error
                == .unknownIndex("account 0 is not the treasury's"))
        s.advance(to: 5)
        // Only the money market is unlocked: 100,000·(1 + 0.0001·5) = 100,050.
        let early = op(&s, .redeem(amount: 1e9))
        #expect(close(early.fill?.amountOut ?? 0, 100_050, 1e-6) && s.treasury.instruments.count == 1)
        s.advance(to: 50)
        // The note at 50: 600,000·1.05 = 630,000, less 2% = 617,400; the penalty is 12,600.
        // Half of it raises 308,700 and pays half the penalty; the rest stays invested.
        let half = op(&s, .redeem(amount: 308_700))
        #expect(close(half.fill?.amountOut ?? 0, 308_700, 1e-6) && close(s.treasury.penalties, 6_300, 1e-6))
        #expect(close(s.treasury.instruments.first?.principal ?? 0, 300_000, 1e-6))
        let note = op(&s, .redeem(amount: 1e9))
        #expect(close(note.fill?.amountOut ?? 0, 308_700, 1e-6) && close(s.treasury.penalties, 12_600, 1e-6))
        #expect(Self.conserved(s))
        // Matured instruments are collected whatever the amount asked.
        #expect(op(&s, .invest(instrument: 2, amount: 100_000)).succeeded)
        s.advance(to: 150)
        let matured = op(&s, .redeem(amount: 0))
        #expect(close(matured.fill?.amountOut ?? 0, 110_000, 1e-6) && s.treasury.instruments.isEmpty)
        #expect(Self.conserved(s))
    }

    @Test func menuTermsAreChecked() {
        let bad = [InstrumentTerms(name: "x", ratePerTick: 0, lockUp: 10, term: 5, earlyExitPenalty: 0)]
        #expect(throws: ProtocolError.self) {
            try Treasury(
                cashToken: 0, underlying: 1, pool: 0, menu: bad,
                volatility: EWMAVolatility(lambda: 0.9, initialVolatility: 0.5, ticksPerYear: 8_760))
        }
    }

    @Test func optionsPayPremiumsSettleAtExpiryAndHedgeThroughThePool() throws {
        var s = try Self.state()
        let premium = BlackScholes.price(kind: .put, spot: 2_000, strike: 1_800, years: 24.0 / 8_760, volatility: 0.6)
        let buy = TreasuryOperation.tradeOption(
            kind: .put, strike: 1_800, expiryTick: 24, quantity: 50, premium: premium)
        #expect(op(&s, buy).succeeded)
        #expect(close(s.balances[4, Fixture.usd], 1_000_000 - 50 * premium, 1e-6) && Self.conserved(s))
        // The hedge sells 10 ETH into the pool: units and cost basis follow the fill.
        let before = s.balances[4, Fixture.usd]
        let sold = op(&s, .hedge(amountIn: 10, baseIn: true))
        #expect(sold.succeeded && s.treasury.options.hedgeUnits == 90 && s.balances[4, Fixture.eth] == 90)
        #expect(close(s.balances[4, Fixture.usd] - before, sold.fill?.amountOut ?? 0) && Self.conserved(s))
        // Expiry at 1,500: the puts pay 50·300 = 15,000 into the treasury's cash.
        s.advance(to: 24)
        s.setMarketPrices([1, 1_500, 1])
        let cash = s.balances[4, Fixture.usd]
        #expect(op(&s, .settleOptions).succeeded)
        #expect(close(s.balances[4, Fixture.usd] - cash, 15_000, 1e-6) && s.treasury.options.positions.isEmpty)
        #expect(close(s.treasury.realisedOptions, 50 * (300 - premium), 1e-6) && Self.conserved(s))
    }

    @Test func ewmaVolatilityAnnualisesTheTickVariance() throws {
        var v = try EWMAVolatility(lambda: 0.5, initialVolatility: 1e-9, ticksPerYear: 100)
        v.observe(100)
        v.observe(110)
        let r = log(1.1)
        // σ² = 0.5·0 + 0.5·r², annualised ×100.
        #expect(close(v.annualised, (0.5 * r * r * 100).squareRoot(), 1e-9))
    }
}
