import ProtocolModel

extension WorldState {
    /// The lending pool's balance sheet at the lending price, in the ALM layer's terms.
    ///
    /// Assets: the reserve (cash), the insurance fund (earmarked for bad debt, so outside the liquid
    /// tiers), and the loans valued as θ values them, Σ min(debt, collateral·p). Liabilities: deposits
    /// on demand, which run off at `depositRunoff` under stress, and the withdrawal queue, due now in full.
    /// Its ``/ProtocolModel/BalanceSheet/solvencyMargin`` is θ (``solvencyMargin``) by construction.
    public func balanceSheet(depositRunoff: Double) -> BalanceSheet {
        balanceSheet(depositRunoff: depositRunoff, book: state.lending.loanBook(prices: state.prices))
    }

    /// The balance sheet of market `market` from a loan-book pass already made
    /// (``/ProtocolModel/LendingPool/loanBook(prices:)``).
    func balanceSheet(depositRunoff: Double, book: (capped: Double, debt: Double), market: Int = 0) -> BalanceSheet {
        let r = depositReserve(market: market)
        return BalanceSheet(
            assets: [
                BalanceSheetItem(name: "reserve", value: r.cash, tier: .cash),
                BalanceSheetItem(name: "insurance fund", value: r.insuranceFund, tier: .illiquid),
                BalanceSheetItem(name: "loans", value: book.capped, tier: .illiquid),
            ],
            liabilities: [
                BalanceSheetItem(
                    name: "deposits", value: r.totalSupply, tier: .cash, stressFactor: depositRunoff),
                BalanceSheetItem(name: "withdrawal queue", value: r.queued, tier: .cash, stressFactor: 1),
            ],
            badDebt: state.badDebtByMarket[market])
    }

    /// The USD reserve's borrow and supply rates in market `m`, per year.
    func ratesPerYear(market m: Int, ticksPerYear: Double) -> (borrow: Double, supply: Double) {
        let r = state.markets[m].rates(reserve: layout.depositReserve)
        return (r.borrow * ticksPerYear, r.supply * ticksPerYear)
    }

    /// Utilisation as Aave's rate strategy computes it: debt ÷ (available liquidity + debt), with the
    /// reserve as the available liquidity; 0 for an empty pool.
    public var utilisation: Double {
        Self.utilisation(cash: reserveUSD, debt: state.lending.loanBook(prices: state.prices).debt)
    }

    static func utilisation(cash: Double, debt: Double) -> Double {
        let denominator = cash + debt
        return denominator > 0 ? debt / denominator : 0
    }
}

/// The ALM metrics recorded every tick.
public enum ALMMetrics {
    /// A liquidity coverage ratio this large or larger (or with no stressed outflow at all) is recorded
    /// as this value, so the series stays finite after the last deposit has left.
    public static let coverageCap = 1_000.0

    /// The liquidity coverage ratio of `sheet` over `horizonTicks`, capped at ``coverageCap``: liquid assets
    /// after haircuts over the stressed outflows of the items due within the horizon (on-demand items are
    /// due at once; fixed-term deposits when they mature).
    public static func liquidityCoverage(_ sheet: BalanceSheet, horizonTicks: Int = 0) -> Double {
        min(coverageCap, sheet.liquidityCoverageRatio(horizonTicks: horizonTicks))
    }
}
