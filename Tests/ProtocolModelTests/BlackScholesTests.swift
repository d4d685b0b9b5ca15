import Testing

@testable import ProtocolModel

/// S = K = 100, T = 1 y, σ = 20%, r = 5%: d1 = (0 + 0.07)/0.2 = 0.35, d2 = 0.15;
/// call = 100·Φ(0.35) − 100·e^−0.05·Φ(0.15) = 10.4506 (Hull's textbook value), put = 5.5735.
struct BlackScholesTests {
    func g(_ k: OptionKind, s: Double = 100, t: Double = 1, v: Double = 0.2, r: Double = 0.05) -> OptionGreeks {
        BlackScholes.greeks(kind: k, spot: s, strike: 100, years: t, volatility: v, rate: r)
    }

    @Test func pricesAndPutCallParity() {
        #expect(close(g(.call).price, 10.450583572186, 1e-9))
        #expect(close(g(.put).price, 5.573526022257, 1e-9))
        // C − P = S − K·e^{−rT} = 100 − 95.1229 = 4.8771, at several spots.
        for s in [60.0, 100, 140] {
            #expect(close(g(.call, s: s).price - g(.put, s: s).price, s - 100 * _exp(-0.05), 1e-10))
        }
        // Call delta − put delta = 1 (parity differentiated).
        #expect(close(g(.call).delta - g(.put).delta, 1, 1e-12))
    }

    @Test(arguments: [OptionKind.call, .put])
    func greeksMatchFiniteDifferences(kind: OptionKind) {
        let h = 1e-3
        let base = g(kind)
        let up = g(kind, s: 100 + h).price
        let down = g(kind, s: 100 - h).price
        #expect(close(base.delta, (up - down) / (2 * h), 1e-6))
        #expect(close(base.gamma, (up - 2 * base.price + down) / (h * h), 1e-4))
        let vUp = g(kind, v: 0.2 + h).price
        let vDown = g(kind, v: 0.2 - h).price
        #expect(close(base.vega, (vUp - vDown) / (2 * h), 1e-6))
        // Theta is ∂V/∂t = −∂V/∂T.
        let tUp = g(kind, t: 1 + h).price
        let tDown = g(kind, t: 1 - h).price
        #expect(close(base.theta, -(tUp - tDown) / (2 * h), 1e-6))
    }

    @Test func expiredOptionIsIntrinsic() {
        #expect(g(.call, s: 120, t: 0).price == 20)
        #expect(g(.put, s: 120, t: 0).price == 0)
        #expect(g(.put, s: 80, t: 0).delta == -1)
    }

    @Test func hedgedBookHasZeroDeltaAndMarksToMarket() {
        var book = OptionsBook(positions: [
            OptionPosition(
                kind: .put, strike: 100, expiryTick: 8_760, quantity: 10,
                premium: 5.573526022257)
        ])
        let m = MarketInputs(spot: 100, volatility: 0.2, rate: 0.05, tick: 0)
        // Bought at fair value: P&L ≈ 0.
        #expect(abs(book.profitAndLoss(m)) < 1e-8)
        #expect(book.hedgeTrade(m, band: 10) == 0)
        let trade = book.hedgeTrade(m, band: 0.1)
        #expect(close(trade, -10 * g(.put).delta, 1e-12))
        book.hedgeUnits += trade
        book.hedgeCost += trade * m.spot
        #expect(abs(book.exposure(m).delta) < 1e-12)
        // A 1-point move: the hedged P&L is second order, ≈ ½·Γ·ΔS² > 0 for a long option.
        let moved = MarketInputs(spot: 101, volatility: 0.2, rate: 0.05, tick: 0)
        let pnl = book.profitAndLoss(moved)
        #expect(pnl > 0 && close(pnl, 0.5 * book.exposure(m).gamma, 0.05))
    }
}
