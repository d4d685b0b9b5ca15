import ProtocolModel

/// One row of a several-market run's `markets.csv` (tidy: one row per tick and lending market), values at
/// the end of the tick. Market 0's values are also the series' own columns.
public struct MarketRow: Sendable, Equatable {
    public var tick: Int
    /// The market's name: `main` for the top-level market, else its key in `markets`.
    public var market: String
    /// The deposit reserve's cash, USD.
    public var reserveUSD: Double
    /// Withdrawal claims waiting in its queue, USD.
    public var queueUSD: Double
    /// The fraction of its D₀ withdrawn or queued so far.
    public var withdrawnFraction: Double
    /// Its θ = A/L − 1 at the end of the tick.
    public var theta: Double
    /// Cumulative debt repaid by liquidators in this market, USD.
    public var liquidatedUSD: Double
    /// Cumulative bad debt written off in this market, USD.
    public var badDebtUSD: Double
    /// Debt ÷ (reserve + debt).
    public var utilisation: Double

    public static let csvHeader =
        "tick,market,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,utilisation"

    public var csvLine: String {
        "\(tick),\(market),\(reserveUSD),\(queueUSD),\(withdrawnFraction),\(theta),\(liquidatedUSD),\(badDebtUSD),"
            + "\(utilisation)"
    }

    /// The rows of tick `tick`, one per market of `world`; `names` are the markets' names.
    static func rows(tick: Int, _ world: WorldState, names: [String], into rows: inout [MarketRow]) {
        for m in world.state.markets.indices where m < names.count {
            let r = world.depositReserve(market: m)
            let debt = world.state.markets[m].loanBook(prices: world.state.prices).debt
            rows.append(
                MarketRow(
                    tick: tick, market: names[m], reserveUSD: r.cash, queueUSD: r.queued,
                    withdrawnFraction: world.withdrawnFraction(market: m), theta: world.solvencyMargin(market: m),
                    liquidatedUSD: r.liquidated, badDebtUSD: world.state.badDebtByMarket[m],
                    utilisation: WorldState.utilisation(cash: r.cash, debt: debt)))
        }
    }
}
