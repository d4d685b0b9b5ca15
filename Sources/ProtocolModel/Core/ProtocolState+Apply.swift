extension ProtocolState {
    /// Applies `intent` at the current tick: on success the state changes and the receipt carries the
    /// fill; on any revert (action failure or a failed guard) the state is left exactly as it was.
    public mutating func apply(_ intent: Intent) -> Receipt {
        var next = self
        do throws(ProtocolError) {
            let fill = try next.execute(intent)
            self = next
            return Receipt(intent: intent, tick: tick, result: .success(fill))
        } catch {
            return Receipt(intent: intent, tick: tick, result: .failure(error))
        }
    }

    /// Applies intents in order and returns their receipts.
    public mutating func apply(_ intents: [Intent]) -> [Receipt] {
        var receipts: [Receipt] = []
        receipts.reserveCapacity(intents.count)
        for i in intents { receipts.append(apply(i)) }
        return receipts
    }

    private mutating func execute(_ intent: Intent) throws(ProtocolError) -> Fill {
        let g = intent.guards
        if let d = g.deadline, tick > d { throw .deadlinePassed }
        let a = intent.account
        guard a >= 0, a < accountCount else { throw .unknownIndex("account \(a) of \(accountCount)") }
        let p = prices
        var fill: Fill
        switch intent.action {
        case let .supply(token, amount):
            let r = try reserve(token)
            try debit(a, token, amount)
            try lending.supply(user: a, reserve: r, amount: amount)
            fill = Fill(tokenIn: token, amountIn: amount)
        case let .withdraw(token, amount):
            let r = try reserve(token)
            let got = try lending.withdraw(user: a, reserve: r, amount: amount, prices: p)
            credit(a, token, got)
            fill = Fill(tokenOut: token, amountOut: got)
        case let .borrow(token, amount):
            let r = try reserve(token)
            try lending.borrow(user: a, reserve: r, amount: amount, prices: p)
            credit(a, token, amount)
            fill = Fill(tokenOut: token, amountOut: amount)
        case let .repay(token, amount):
            let r = try reserve(token)
            try _requireAmount("amount", amount)
            let pay = min(amount, lending.debt(user: a, reserve: r))
            guard pay > 0 else { throw .noDebt }
            try debit(a, token, pay)
            try lending.repay(user: a, reserve: r, amount: pay)
            fill = Fill(tokenIn: token, amountIn: pay)
        case let .liquidate(borrower, collateralToken, debtToken, debtToCover):
            fill = try liquidate(a, borrower, collateralToken, debtToken, debtToCover, p)
        case let .swap(index, amountIn, baseIn):
            fill = try swap(a, index, amountIn, baseIn, g, p)
        case let .stableSwap(index, i, j, dx):
            guard stablePools.indices.contains(index) else { throw .unknownIndex("stable pool \(index)") }
            let tokens = stablePools[index].tokens
            guard tokens.indices.contains(i), tokens.indices.contains(j) else { throw .unknownIndex("coin \(i) or \(j)") }
            try debit(a, tokens[i], dx)
            let out = try stablePools[index].pool.exchange(i: i, j: j, dx: dx, minOut: g.minOut ?? 0)
            credit(a, tokens[j], out)
            fill = Fill(tokenIn: tokens[i], amountIn: dx, tokenOut: tokens[j], amountOut: out,
                        profit: out * price(tokens[j], p) - dx * price(tokens[i], p))
        case let .addLiquidity(index, base, quote):
            let m = try amm(index)
            try debit(a, m.baseToken, base)
            try debit(a, m.quoteToken, quote)
            let minted = try amms[index].pool.addLiquidity(base: base, quote: quote)
            amms[index].shares[a] += minted
            fill = Fill(amountIn: base, secondaryOut: minted)
        case let .removeLiquidity(index, shares):
            let m = try amm(index)
            try _requireAmount("shares", shares)
            guard shares <= m.shares[a] else {
                throw .invalidAmount("shares = \(shares), account holds \(m.shares[a])")
            }
            // Burning the last share outstanding empties the pool exactly.
            let burn = shares >= m.shares[a] && m.shares[a] >= m.pool.totalShares ? m.pool.totalShares : shares
            let out = try amms[index].pool.removeLiquidity(shares: burn)
            amms[index].shares[a] = max(0, m.shares[a] - shares)
            credit(a, m.baseToken, out.base)
            credit(a, m.quoteToken, out.quote)
            fill = Fill(tokenOut: m.quoteToken, amountOut: out.quote, secondaryOut: out.base)
        case let .transfer(to, token, amount):
            guard to >= 0, to < accountCount else { throw .unknownIndex("account \(to)") }
            try debit(a, token, amount)
            credit(to, token, amount)
            fill = Fill(tokenIn: token, amountIn: amount, tokenOut: token, amountOut: amount)
        }
        if let minOut = g.minOut, fill.amountOut < minOut { throw .slippage(minOut: minOut, got: fill.amountOut) }
        if let minProfit = g.minProfit, fill.profit < minProfit {
            throw .profitBelowMinimum(minProfit: minProfit, got: fill.profit)
        }
        return fill
    }

    private mutating func swap(_ a: Int, _ index: Int, _ amountIn: Double, _ baseIn: Bool, _ g: IntentGuards,
                               _ p: [Double]) throws(ProtocolError) -> Fill {
        let m = try amm(index)
        let (tin, tout) = baseIn ? (m.baseToken, m.quoteToken) : (m.quoteToken, m.baseToken)
        let spot = baseIn ? m.pool.price : 1 / m.pool.price
        try debit(a, tin, amountIn)
        let out = try amms[index].pool.swap(amountIn: amountIn, baseIn: baseIn, minOut: g.minOut ?? 0)
        credit(a, tout, out)
        let slip = 1 - (out / amountIn) / spot
        if let limit = g.maxSlippage, slip > limit { throw .maxSlippageExceeded(limit: limit, actual: slip) }
        return Fill(tokenIn: tin, amountIn: amountIn, tokenOut: tout, amountOut: out,
                    profit: out * price(tout, p) - amountIn * price(tin, p))
    }

    private mutating func liquidate(_ a: Int, _ borrower: Int, _ collateralToken: Int, _ debtToken: Int,
                                    _ debtToCover: Double, _ p: [Double]) throws(ProtocolError) -> Fill {
        guard borrower >= 0, borrower < accountCount else { throw .unknownIndex("borrower \(borrower)") }
        guard borrower != a else { throw .invalidAmount("a borrower cannot liquidate itself") }
        let c = try reserve(collateralToken), d = try reserve(debtToken)
        let quote = try lending.quoteLiquidation(borrower: borrower, collateralReserve: c, debtReserve: d,
                                                 debtToCover: debtToCover, prices: p)
        try debit(a, debtToken, quote.debtRepaid)
        let q = try lending.liquidate(liquidator: a, borrower: borrower, collateralReserve: c, debtReserve: d,
                                      debtToCover: debtToCover, prices: p)
        return Fill(tokenIn: debtToken, amountIn: q.debtRepaid, tokenOut: collateralToken,
                    amountOut: q.collateralToLiquidator,
                    profit: q.collateralToLiquidator * price(collateralToken, p) - q.debtRepaid * price(debtToken, p),
                    badDebt: q.badDebt)
    }

    private func reserve(_ token: Int) throws(ProtocolError) -> Int {
        guard let r = lending.reserveIndex(of: token) else { throw .unknownIndex("no lending reserve for token \(token)") }
        return r
    }

    private func amm(_ index: Int) throws(ProtocolError) -> AMMMarket {
        guard amms.indices.contains(index) else { throw .unknownIndex("AMM pool \(index) of \(amms.count)") }
        return amms[index]
    }

    private func price(_ token: Int, _ p: [Double]) -> Double { p.indices.contains(token) ? p[token] : 0 }
}
