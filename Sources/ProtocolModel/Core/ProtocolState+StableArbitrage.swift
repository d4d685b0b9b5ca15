import Stochastics

extension ProtocolState {
    /// The trade of ``IntentAction/stableArbitrage(pool:maxValueIn:gasCost:)``: coin `i` sold for coin `j`.
    struct StableArbitrageQuote {
        var i: Int
        var j: Int
        var dx: Double
        var dy: Double
        var profit: Double
    }

    /// Finds the profit-maximising StableSwap trade against the external prices. Profit
    /// `π(dx) = out(dx)·p_j − dx·p_i` is concave, so its maximum is where the marginal output
    /// `out′(dx)` equals `p_i/p_j`; Brent's method finds that root on [0, cap] when the marginal
    /// gain at the cap is still negative, otherwise the cap is the optimum.
    func quoteStableArbitrage(_ a: Int, _ index: Int, _ maxValueIn: Double, _ gasCost: Double)
        throws(ProtocolError) -> StableArbitrageQuote
    {
        guard stablePools.indices.contains(index) else {
            throw .unknownIndex("StableSwap pool \(index) of \(stablePools.count)")
        }
        try _requireAmount("maxValueIn", maxValueIn, positive: false)
        let market = stablePools[index]
        let pool = market.pool
        var best: (i: Int, j: Int, gain: Double)?
        for i in market.tokens.indices {
            for j in market.tokens.indices where j != i {
                let pi = marketPrices[market.tokens[i]]
                let pj = marketPrices[market.tokens[j]]
                guard pi > 0, pj > 0 else { continue }
                let gain = pool.marginalOutput(i: i, j: j, dx: 0) * pj / pi - 1
                if gain > (best?.gain ?? 1e-12) { best = (i, j, gain) }
            }
        }
        guard let (i, j, _) = best else { throw .nothingToDo }
        let tin = market.tokens[i]
        let pi = marketPrices[tin]
        let pj = marketPrices[market.tokens[j]]
        let cap = min(maxValueIn / pi, balances[a, tin])
        guard cap > 0 else {
            throw .insufficientBalance(account: a, token: tin, needed: maxValueIn / pi, available: balances[a, tin])
        }
        let gap: (Double) -> Double = { pool.marginalOutput(i: i, j: j, dx: $0) * pj - pi }
        var dx = cap
        if gap(cap) < 0 {
            do {
                dx = try RootFinder.brent(in: 0, cap, absoluteTolerance: 1e-12 * cap, relativeTolerance: 1e-12, gap).x
            } catch {
                throw .invalidAmount("StableSwap arbitrage on pool \(index): \(error)")
            }
        }
        guard dx > 0 else { throw .nothingToDo }
        let dy = pool.amountOut(i: i, j: j, dx: dx)
        guard dy > 0, dy < pool.balances[j] else { throw .insufficientLiquidity }
        return StableArbitrageQuote(i: i, j: j, dx: dx, dy: dy, profit: dy * pj - dx * pi - gasCost)
    }

    mutating func stableArbitrage(
        _ a: Int, _ index: Int, _ maxValueIn: Double, _ gasCost: Double, _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let q = try quoteStableArbitrage(a, index, maxValueIn, gasCost)
        let tokens = stablePools[index].tokens
        let fill = Fill(tokenIn: tokens[q.i], amountIn: q.dx, tokenOut: tokens[q.j], amountOut: q.dy, profit: q.profit)
        try checkGuards(g, fill)
        // The pool validates before it writes, so it goes first.
        try stablePools[index].pool.exchange(i: q.i, j: q.j, dx: q.dx)
        balances[a, tokens[q.i]] -= q.dx
        credit(a, tokens[q.j], q.dy)
        refreshPrices()
        return fill
    }
}
