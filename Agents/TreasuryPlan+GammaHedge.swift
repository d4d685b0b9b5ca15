import ProtocolModel

extension TreasuryPlan {
    /// Buys, beside a written series of `quantity` (< 0) at strike `written`, options of the same kind and
    /// expiry at `g.strike` × spot from the venue, in the quantity that zeroes the book's gamma at the sale:
    /// `q = −quantity · Γ(written) / Γ(g.strike · S)`, both at their surface volatilities. The venue sells at
    /// the surface price times (1 + `g.spread`), the spread being the hedge's cost; the cash spent is capped
    /// at what is left of the tick's budget.
    mutating func gammaHedge(
        _ g: TreasuryManager.GammaHedge, kind: OptionKind, written: Double, quantity: Double, expiry: Int,
        book: inout OptionsBook
    ) {
        let spot = s.externalPrice
        let years = Double(expiry - s.tick) * market.yearsPerTick
        let strike = g.strike * spot
        let short = BlackScholes.greeks(
            kind: kind, spot: spot, strike: written, years: years,
            volatility: market.impliedVolatility(strike: written, years: years))
        let long = BlackScholes.greeks(
            kind: kind, spot: spot, strike: strike, years: years,
            volatility: market.impliedVolatility(strike: strike, years: years))
        let premium = long.price * (1 + g.spread)
        guard long.gamma > 0, premium > 0, budget > 0 else { return }
        let units = min(-quantity * short.gamma / long.gamma, budget / premium)
        guard units > 0, units.isFinite else { return }
        budget -= units * premium
        actions.append(
            .treasury(.tradeOption(kind: kind, strike: strike, expiryTick: expiry, quantity: units, premium: premium)))
        book.positions.append(
            OptionPosition(kind: kind, strike: strike, expiryTick: expiry, quantity: units, premium: premium))
    }
}
