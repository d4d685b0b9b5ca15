extension ProtocolState {
    /// Setup only: installs an empty stability pool holding `pool.token` that liquidates in `pool.market`;
    /// the token must be a reserve of that market.
    public mutating func install(stabilityPool pool: StabilityPool) throws(ProtocolError) {
        try requireMarket(pool.market)
        _ = try reserve(pool.token, pool.market)
        var p = pool
        p.collateral = [Double](repeating: 0, count: tokens.count)
        stabilityPool = p
    }

    mutating func applyStabilityPool(_ a: Int, _ op: StabilityPoolOperation, _ g: IntentGuards) throws(ProtocolError)
        -> Fill
    {
        guard stabilityPool.isInstalled else { throw .invalidAmount("no stability pool is installed") }
        let usd = stabilityPool.token
        switch op {
        case let .deposit(amount):
            try requireBalance(a, usd, amount)
            // Shares at the pool's value per share, so a newcomer buys into the held collateral at the
            // lending price of the moment and dilutes nobody.
            let minted = amount / stabilityPool.valuePerShare(prices: prices)
            guard minted.isFinite, minted > 0 else { throw .invalidAmount("the pool's value per share is 0") }
            let fill = Fill(tokenIn: usd, amountIn: amount, secondaryOut: minted)
            try checkGuards(g, fill)
            balances[a, usd] -= amount
            stabilityPool.usd += amount
            stabilityPool.totalShares += minted
            stabilityPool.shares[a, default: 0] += minted
            stabilityPool.deposited += amount
            return fill
        case let .withdraw(burn):
            try _requireAmount("shares", burn)
            let held = stabilityPool.shares(of: a)
            guard burn <= held else { throw .invalidAmount("shares = \(burn), account holds \(held)") }
            // The last shares outstanding take everything, so no dust is left that nobody owns.
            let all = burn >= stabilityPool.totalShares * (1 - 1e-12)
            let f = all ? 1 : burn / stabilityPool.totalShares
            let out = all ? stabilityPool.usd : stabilityPool.usd * f
            let fill = Fill(tokenOut: usd, amountOut: out, secondaryOut: burn)
            try checkGuards(g, fill)
            stabilityPool.usd -= out
            credit(a, usd, out)
            for t in stabilityPool.collateral.indices where stabilityPool.collateral[t] > 0 {
                let x = all ? stabilityPool.collateral[t] : stabilityPool.collateral[t] * f
                stabilityPool.collateral[t] -= x
                credit(a, t, x)
            }
            stabilityPool.totalShares = all ? 0 : stabilityPool.totalShares - burn
            let left = held - burn
            stabilityPool.shares[a] = left > 0 && !all ? left : nil
            if all { stabilityPool.shares.removeAll() }
            stabilityPool.withdrawnUSD += out
            return fill
        case let .absorb(budget):
            return try absorb(a, budget: budget)
        }
    }

    /// ``StabilityPoolOperation/absorb(budget:)``: the loop of
    /// ``IntentAction/liquidateLowest(collateralToken:debtToken:budget:sellPool:gasCost:)`` with the pool as
    /// the liquidator and no sale. Each step quotes Aave's liquidation
    /// (``LendingPool/quoteLiquidation(borrower:collateralReserve:debtReserve:debtToCover:prices:)``) of the
    /// debtor's largest collateral (by value), repays from the pool's USD and keeps the collateral.
    private mutating func absorb(_ a: Int, budget: Double) throws(ProtocolError) -> Fill {
        let m = stabilityPool.market
        let usd = stabilityPool.token
        let d = try reserve(usd, m)
        try _requireAmount("budget", budget, positive: false)
        var heap = _scratch.heap
        _scratch.heap = DebtorHeap()
        defer { _scratch.heap = heap }
        heap.rebuild(from: markets[m], prices: prices)
        var left = min(budget, stabilityPool.usd)
        var repaid = 0.0
        var seizedValue = 0.0
        var written = 0.0
        for _ in 0..<Self.maxLiquidationsPerIntent where left > Self.dustRepayment {
            guard let borrower = heap.popMin() else { break }
            guard markets[m].healthFactor(user: borrower, prices: prices) < 1 else { break }
            guard let (q, c) = largestCollateralQuote(m, borrower, d, left) else { continue }
            let token = markets[m].configs[c].token
            let cashBefore = markets[m].reserves[c].cash
            stabilityPool.usd -= q.debtRepaid
            let bad = markets[m].commitLiquidation(
                q, liquidator: a, borrower: borrower, collateralReserve: c, debtReserve: d, prices: prices,
                receiveUnderlying: true)
            // What left the reserve's cash, exactly (a rounding ulp can floor it), is what the pool holds.
            let got = cashBefore - markets[m].reserves[c].cash
            stabilityPool.collateral[token] += got
            stabilityPool.debtAbsorbed += q.debtRepaid
            stabilityPool.collateralSeized += got
            stabilityPool.collateralSeizedValue += got * prices[token]
            stabilityPool.liquidations += 1
            left -= q.debtRepaid
            repaid += q.debtRepaid
            seizedValue += got * prices[token]
            written += bad
            badDebtByMarket[m] += bad
            collateralLedger.record(token: token, value: q.collateralSeized * prices[token], badDebt: bad)
            payQueues()
            heap.push(borrower, from: markets[m])
        }
        guard repaid > 0 else { throw .nothingToDo }
        return Fill(
            tokenIn: usd, amountIn: repaid, amountOut: seizedValue, profit: seizedValue - repaid * prices[usd],
            badDebt: written)
    }

    /// The quote for liquidating `borrower`'s collateral of largest value against its debt in reserve `d`,
    /// repaying at most `left`, with its reserve index; nil when none can be liquidated.
    private func largestCollateralQuote(_ m: Int, _ borrower: Int, _ d: Int, _ left: Double)
        -> (LiquidationOutcome, Int)?
    {
        var best: (LiquidationOutcome, Int, Double)?
        for (c, config) in markets[m].configs.enumerated() where c != d {
            let value = markets[m].supplied(user: borrower, reserve: c) * price(config.token, prices)
            guard value > (best?.2 ?? 0),
                let q = try? markets[m].quoteLiquidation(
                    borrower: borrower, collateralReserve: c, debtReserve: d, debtToCover: left, prices: prices),
                q.debtRepaid > Self.dustRepayment, cashCovers(q.collateralToLiquidator, market: m, reserve: c)
            else { continue }
            best = (q, c, value)
        }
        return best.map { ($0.0, $0.1) }
    }
}
