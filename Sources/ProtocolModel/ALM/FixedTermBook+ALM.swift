extension FixedTermBook {
    /// The open contracts as cash flows seen from `tick`, in USD at `prices`.
    ///
    /// Each contract is one flow at its maturity, discounted at its own rate as a yearly yield
    /// `(1 + ratePerTick)^ticksPerYear − 1`, so a contract's present value is its accrued value (while
    /// it runs). A deposit owes its amount due (tier ``LiquidityTier/locked``, run-off `depositRunOff`
    /// when it falls due within an LCR horizon). A loan pays what its collateral at `prices` covers:
    /// `min(amountDue·p_debt, collateral·p_collateral)`, as ``rollOff(at:prices:into:)`` would settle it
    /// (tier ``LiquidityTier/illiquid``). A contract past its maturity and not yet rolled off is due now.
    /// - Parameters:
    ///   - tick: The current tick.
    ///   - prices: USD price per unit of each token (at least `tokenCount` finite values ≥ 0).
    ///   - ticksPerYear: Ticks per year (finite, > 0).
    ///   - depositRunOff: Fraction of a deposit falling due within the LCR horizon that leaves (default 1:
    ///     no deposit is rolled over).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a bad price, `ticksPerYear` or `depositRunOff`,
    ///   or a rate whose yearly yield overflows.
    public func cashFlows(at tick: Int, prices: [Double], ticksPerYear: Double, depositRunOff: Double = 1)
        throws(ProtocolError) -> CashFlowSheet
    {
        try requirePrices(prices)
        try _requireAmount("ticksPerYear", ticksPerYear)
        guard depositRunOff >= 0, depositRunOff <= 1 else {
            throw .invalidAmount("depositRunOff = \(depositRunOff), expected 0 ≤ run-off ≤ 1")
        }
        var a: [FixedCashFlow] = []
        a.reserveCapacity(loans.count)
        for l in loans {
            let due = min(
                l.amountDue * tokenPrice(l.debtToken, prices), l.collateral * tokenPrice(l.collateralToken, prices))
            a.append(
                FixedCashFlow(
                    name: "fixed-term loan", amount: due, ticksToDue: max(0, l.maturityTick - tick),
                    yield: annualYield(ratePerTick: l.ratePerTick, ticksPerYear: ticksPerYear), tier: .illiquid))
        }
        var d: [FixedCashFlow] = []
        d.reserveCapacity(deposits.count)
        for x in deposits {
            d.append(
                FixedCashFlow(
                    name: "fixed-term deposit", amount: x.amountDue * tokenPrice(x.token, prices),
                    ticksToDue: max(0, x.maturityTick - tick),
                    yield: annualYield(ratePerTick: x.ratePerTick, ticksPerYear: ticksPerYear), tier: .locked,
                    stressFactor: depositRunOff))
        }
        return try CashFlowSheet(assets: a, liabilities: d, ticksPerYear: ticksPerYear)
    }

    /// The open contracts as balance-sheet lines (present value, maturity in ticks, modified duration),
    /// ready to add to a ``BalanceSheet`` for the LCR and the maturity ladder; see
    /// ``cashFlows(at:prices:ticksPerYear:depositRunOff:)`` for how each contract is valued.
    /// - Parameters:
    ///   - tick: The current tick.
    ///   - prices: USD price per unit of each token.
    ///   - ticksPerYear: Ticks per year (finite, > 0).
    ///   - depositRunOff: LCR run-off fraction of the deposits (default 1).
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` as ``cashFlows(at:prices:ticksPerYear:depositRunOff:)``.
    public func fixedTermItems(at tick: Int, prices: [Double], ticksPerYear: Double, depositRunOff: Double = 1)
        throws(ProtocolError) -> (assets: [BalanceSheetItem], liabilities: [BalanceSheetItem])
    {
        let sheet = try cashFlows(
            at: tick, prices: prices, ticksPerYear: ticksPerYear, depositRunOff: depositRunOff
        ).balanceSheet()
        return (sheet.assets, sheet.liabilities)
    }
}

extension CashFlowSheet {
    /// The on-demand side of a lending pool as cash flows due now (maturity 0, duration 0), in USD at
    /// `prices`: per reserve, its cash (tier ``LiquidityTier/cash``) and variable-rate debt (tier
    /// ``LiquidityTier/illiquid``) as assets and the suppliers' claims (tier ``LiquidityTier/cash``,
    /// run-off `depositRunOff`) and its withdrawal queue (run-off 1) as liabilities. Variable-rate contracts reprice every tick, so a rate
    /// shift leaves their value unchanged. The insurance fund and the treasury's claim are left out
    /// (they belong to the protocol's equity).
    /// - Parameters:
    ///   - pool: The lending pool.
    ///   - prices: USD price per unit, by token; a token without a price is worth 0.
    ///   - ticksPerYear: Ticks per year (finite, > 0).
    ///   - depositRunOff: Fraction of on-demand deposits that runs under stress, in `[0, 1]`.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` for a bad `ticksPerYear` or `depositRunOff`.
    public init(onDemand pool: LendingPool, prices: [Double], ticksPerYear: Double, depositRunOff: Double)
        throws(ProtocolError)
    {
        guard depositRunOff >= 0, depositRunOff <= 1 else {
            throw .invalidAmount("depositRunOff = \(depositRunOff), expected 0 ≤ run-off ≤ 1")
        }
        var a: [FixedCashFlow] = []
        var l: [FixedCashFlow] = []
        for (config, reserve) in zip(pool.configs, pool.reserves) {
            let p = tokenPrice(config.token, prices)
            a.append(FixedCashFlow(name: "pool cash", amount: reserve.cash * p, ticksToDue: 0, tier: .cash))
            a.append(
                FixedCashFlow(
                    name: "variable-rate loans", amount: reserve.totalDebt * p, ticksToDue: 0, tier: .illiquid))
            l.append(
                FixedCashFlow(
                    name: "on-demand deposits", amount: reserve.totalSupply * p, ticksToDue: 0, tier: .cash,
                    stressFactor: depositRunOff))
            if reserve.queued > 0 {
                // Accepted withdrawals not yet paid are owed now, in full.
                l.append(
                    FixedCashFlow(
                        name: "withdrawal queue", amount: reserve.queued * p, ticksToDue: 0, tier: .cash,
                        stressFactor: 1))
            }
        }
        try self.init(assets: a, liabilities: l, ticksPerYear: ticksPerYear)
    }
}
