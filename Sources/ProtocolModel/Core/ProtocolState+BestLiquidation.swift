extension ProtocolState {
    /// One candidate liquidation step: the Aave quote, the venue it sells in and its profit.
    private struct LiquidationCandidate {
        var quote: LiquidationOutcome
        var token: Int
        var pool: Int
        var reserve: Int
        var profit: Double
    }

    /// ``IntentAction/liquidateBest(collaterals:debtToken:budget:gasCost:)``. Each step takes the debtor with the
    /// lowest health factor, quotes one Aave liquidation per collateral it holds (at the lending prices of
    /// that moment) and the sale of the seized collateral in that collateral's pool, and executes the most
    /// profitable when it beats the guard's `minProfit`; otherwise the debtor is skipped.
    mutating func liquidateBest(
        _ a: Int, _ m: Int, _ collaterals: TokenSet, _ debtToken: Int, _ budget: Double, _ gasCost: Double,
        _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let d = try reserve(debtToken, m)
        guard collaterals.count > 0 else { throw .invalidAmount("no collateral tokens") }
        for t in tokens.indices where collaterals.contains(t) {
            _ = try reserve(t, m)
            guard sellPool(t, debtToken) != nil else {
                throw .invalidAmount("no Uniswap v2 pool trades token \(t) for token \(debtToken)")
            }
        }
        try _requireAmount("budget", budget, positive: false)
        let minProfit = g.minProfit ?? 0
        var heap = _scratch.heap
        _scratch.heap = DebtorHeap()
        defer { _scratch.heap = heap }
        heap.rebuild(from: markets[m], prices: prices)
        var totals = LiquidationTotals(left: min(budget, balances[a, debtToken]))
        for _ in 0..<Self.maxLiquidationsPerIntent where totals.left > Self.dustRepayment {
            guard let borrower = heap.popMin() else { break }
            guard borrower != a else { continue }
            let p = prices
            guard markets[m].healthFactor(user: borrower, prices: p) < 1 else { break }
            guard let best = bestCandidate(m, borrower, collaterals, debtToken, d, totals.left, gasCost, p),
                best.profit > minProfit,
                executeLiquidation(
                    best.quote, market: m, liquidator: a, borrower: borrower, collateral: (best.token, best.reserve),
                    debt: (debtToken, d), pool: best.pool, totals: &totals)
            else {
                continue
            }
            heap.push(borrower, from: markets[m])
        }
        return try totals.fill(debtToken: debtToken, prices: prices)
    }

    /// The first Uniswap v2 pool trading `token` (base) for `debtToken` (quote).
    func sellPool(_ token: Int, _ debtToken: Int) -> Int? {
        amms.firstIndex { $0.baseToken == token && $0.quoteToken == debtToken }
    }

    /// The most profitable liquidation of `borrower` over the collaterals it holds, or nil.
    private func bestCandidate(
        _ m: Int, _ borrower: Int, _ collaterals: TokenSet, _ debtToken: Int, _ d: Int, _ left: Double,
        _ gasCost: Double,
        _ p: [Double]
    ) -> LiquidationCandidate? {
        var best: LiquidationCandidate?
        for (c, config) in markets[m].configs.enumerated() where collaterals.contains(config.token) {
            guard markets[m].supplied(user: borrower, reserve: c) > 0, let k = sellPool(config.token, debtToken),
                !amms[k].pool.isEmpty,
                let q = try? markets[m].quoteLiquidation(
                    borrower: borrower, collateralReserve: c, debtReserve: d, debtToCover: left, prices: p),
                q.debtRepaid > Self.dustRepayment, cashCovers(q.collateralToLiquidator, market: m, reserve: c)
            else { continue }
            let quoted = amms[k].pool.amountOut(amountIn: q.collateralToLiquidator, baseIn: true)
            let profit = (quoted - q.debtRepaid) * p[debtToken] - gasCost
            if profit > (best?.profit ?? -.infinity) {
                best = LiquidationCandidate(quote: q, token: config.token, pool: k, reserve: c, profit: profit)
            }
        }
        return best
    }
}
