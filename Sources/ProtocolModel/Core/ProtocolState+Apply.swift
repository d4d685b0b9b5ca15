extension ProtocolState {
    /// Applies `intent` at the current tick: on success the state changes and the receipt carries the
    /// fill; on any revert (action failure or a failed guard) the state is left exactly as it was.
    ///
    /// The state is changed in place, never copied: every action first works out its whole effect from
    /// reads alone (quotes, balances, health factors) and checks every guard against it, and only then
    /// writes. Nothing after the first write can fail, so a revert has nothing to undo.
    public mutating func apply(_ intent: Intent) -> Receipt {
        do throws(ProtocolError) {
            let fill = try execute(intent)
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
        let m = intent.market
        try requireMarket(m)
        switch intent.action {
        case let .supply(token, amount):
            let r = try reserve(token, m)
            try requireBalance(a, token, amount)
            try markets[m].checkSupply(user: a, reserve: r, amount: amount)
            try check(g, Fill(tokenIn: token, amountIn: amount))
            balances[a, token] -= amount
            try markets[m].supply(user: a, reserve: r, amount: amount)
            payQueues()
            return Fill(tokenIn: token, amountIn: amount)
        case let .withdraw(token, amount):
            let r = try reserve(token, m)
            try requireUnlocked(a, token, m)
            let take = try markets[m].quoteWithdrawal(user: a, reserve: r, amount: amount, prices: p)
            let fill = Fill(tokenOut: token, amountOut: take)
            try check(g, fill)
            markets[m].commitWithdrawal(user: a, reserve: r, amount: take)
            credit(a, token, take)
            return fill
        case let .redeem(token, amount):
            let r = try reserve(token, m)
            try requireUnlocked(a, token, m)
            let q = try markets[m].quoteRedemption(user: a, reserve: r, amount: amount, tick: tick, prices: p)
            var fill = Fill(tokenOut: token, amountOut: q.paid, secondaryOut: q.accepted)
            fill.queued = q.queued
            fill.fee = q.fee
            try check(g, fill)
            markets[m].commitRedemption(q, user: a, reserve: r, tick: tick)
            credit(a, token, q.paid)
            return fill
        case let .arbitrage(pool, gamma, maxBaseIn, maxQuoteIn, gasCost):
            return try arbitrage(a, pool, gamma, maxBaseIn, maxQuoteIn, gasCost, g)
        case let .liquidateLowest(collateralToken, debtToken, budget, sellPool, gasCost):
            return try liquidateLowest(a, m, collateralToken, debtToken, budget, sellPool, gasCost, g)
        case let .liquidateBest(collaterals, debtToken, budget, gasCost):
            return try liquidateBest(a, m, collaterals, debtToken, budget, gasCost, g)
        case let .stableArbitrage(pool, maxValueIn, gasCost):
            return try stableArbitrage(a, pool, maxValueIn, gasCost, g)
        case let .repayWithCollateral(collateralToken, debtToken, collateral, sellPool):
            return try repayWithCollateral(a, m, collateralToken, debtToken, collateral, sellPool, g)
        case let .provideLiquidity(pool, value):
            return try provideLiquidity(a, pool, value, g)
        case let .treasury(op): return try applyTreasury(a, op, g)
        case let .govern(op): return try applyGovernance(a, m, op)
        case let .incentive(op): return try applyIncentive(a, op, g)
        case let .lock(ticks):
            guard m == 0 else { throw .invalidAmount("a lock is of the first market's USD supply") }
            return try lock(a, ticks: ticks)
        case let .stabilityPool(op): return try applyStabilityPool(a, op, g)
        case let .borrow(token, amount):
            let r = try reserve(token, m)
            try markets[m].checkBorrow(user: a, reserve: r, amount: amount, prices: p)
            let fill = Fill(tokenOut: token, amountOut: amount)
            try check(g, fill)
            try markets[m].borrow(user: a, reserve: r, amount: amount, prices: p)
            credit(a, token, amount)
            return fill
        case let .repay(token, amount):
            let r = try reserve(token, m)
            try _requireAmount("amount", amount)
            let pay = min(amount, markets[m].debt(user: a, reserve: r))
            guard pay > 0 else { throw .noDebt }
            try requireBalance(a, token, pay)
            let fill = Fill(tokenIn: token, amountIn: pay)
            try check(g, fill)
            balances[a, token] -= pay
            try markets[m].repay(user: a, reserve: r, amount: pay)
            payQueues()
            return fill
        case let .liquidate(borrower, collateralToken, debtToken, debtToCover):
            return try liquidate(a, m, borrower, collateralToken, debtToken, debtToCover, g, p)
        case let .swap(index, amountIn, baseIn):
            return try swap(a, index, amountIn, baseIn, g, p)
        case let .stableSwap(index, i, j, dx):
            return try stableSwap(a, index, i, j, dx, g, p)
        case let .addLiquidity(index, base, quote):
            let (baseToken, quoteToken) = try ammTokens(index)
            try _requireAmount("base", base)
            try _requireAmount("quote", quote)
            try requireBalance(a, baseToken, base)
            try requireBalance(a, quoteToken, quote)
            let fill = Fill(amountIn: base, secondaryOut: amms[index].pool.sharesMinted(base: base, quote: quote))
            try check(g, fill)
            balances[a, baseToken] -= base
            balances[a, quoteToken] -= quote
            let minted = try amms[index].pool.addLiquidity(base: base, quote: quote)
            amms[index].shares[a] += minted
            refreshPrices()
            return fill
        case let .removeLiquidity(index, shares):
            return try removeLiquidity(a, index, shares, g)
        case let .transfer(to, token, amount):
            guard to >= 0, to < accountCount else { throw .unknownIndex("account \(to)") }
            try requireBalance(a, token, amount)
            let fill = Fill(tokenIn: token, amountIn: amount, tokenOut: token, amountOut: amount)
            try check(g, fill)
            balances[a, token] -= amount
            credit(to, token, amount)
            return fill
        }
    }

    /// The output and profit guards, checked against a fill worked out before anything was written.
    private func check(_ g: IntentGuards, _ fill: Fill) throws(ProtocolError) {
        if let minOut = g.minOut, fill.amountOut < minOut { throw .slippage(minOut: minOut, got: fill.amountOut) }
        if let minProfit = g.minProfit, fill.profit < minProfit {
            throw .profitBelowMinimum(minProfit: minProfit, got: fill.profit)
        }
    }

    mutating func swap(
        _ a: Int, _ index: Int, _ amountIn: Double, _ baseIn: Bool, _ g: IntentGuards,
        _ p: [Double]
    ) throws(ProtocolError) -> Fill {
        let (baseToken, quoteToken) = try ammTokens(index)
        let pool = amms[index].pool  // a few scalars: copying it copies no shared storage
        guard !pool.isEmpty else { throw .emptyPool }
        try _requireAmount("amountIn", amountIn)
        let (tin, tout) = baseIn ? (baseToken, quoteToken) : (quoteToken, baseToken)
        try requireBalance(a, tin, amountIn)
        let out = pool.amountOut(amountIn: amountIn, baseIn: baseIn)
        let spot = baseIn ? pool.price : 1 / pool.price
        let slip = 1 - (out / amountIn) / spot
        if let limit = g.maxSlippage, slip > limit { throw .maxSlippageExceeded(limit: limit, actual: slip) }
        let fill = Fill(
            tokenIn: tin, amountIn: amountIn, tokenOut: tout, amountOut: out,
            profit: out * price(tout, p) - amountIn * price(tin, p))
        try check(g, fill)
        balances[a, tin] -= amountIn
        try amms[index].pool.swap(amountIn: amountIn, baseIn: baseIn)
        credit(a, tout, out)
        refreshPrices()
        return fill
    }

    private mutating func stableSwap(
        _ a: Int, _ index: Int, _ i: Int, _ j: Int, _ dx: Double, _ g: IntentGuards,
        _ p: [Double]
    ) throws(ProtocolError) -> Fill {
        guard stablePools.indices.contains(index) else { throw .unknownIndex("stable pool \(index)") }
        let tokens = stablePools[index].tokens
        guard i != j, tokens.indices.contains(i), tokens.indices.contains(j) else {
            throw .unknownIndex("coin \(i) or \(j)")
        }
        try _requireAmount("dx", dx)
        try requireBalance(a, tokens[i], dx)
        // Read through the array, not a copy of the pool: a live copy would make the exchange below copy
        // the pool's coin balances.
        let out = stablePools[index].pool.amountOut(i: i, j: j, dx: dx)
        guard out < stablePools[index].pool.balances[j] else { throw .insufficientLiquidity }
        let fill = Fill(
            tokenIn: tokens[i], amountIn: dx, tokenOut: tokens[j], amountOut: out,
            profit: out * price(tokens[j], p) - dx * price(tokens[i], p))
        try check(g, fill)
        balances[a, tokens[i]] -= dx
        try stablePools[index].pool.exchange(i: i, j: j, dx: dx)
        credit(a, tokens[j], out)
        return fill
    }

    private mutating func removeLiquidity(
        _ a: Int, _ index: Int, _ shares: Double,
        _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let (baseToken, quoteToken) = try ammTokens(index)
        let pool = amms[index].pool
        let held = amms[index].shares[a]
        try _requireAmount("shares", shares)
        guard shares <= held else { throw .invalidAmount("shares = \(shares), account holds \(held)") }
        guard !pool.isEmpty else { throw .emptyPool }
        // Burning the last share outstanding empties the pool exactly.
        // Within rounding of the whole pool burns it all: share tables and the pool's total differ by
        // floating-point dust, which must not linger as a dust pool nobody owns.
        let burn = shares >= held && held >= pool.totalShares * (1 - 1e-12) ? pool.totalShares : shares
        let out = pool.amountsForBurning(shares: burn)
        let fill = Fill(tokenOut: quoteToken, amountOut: out.quote, secondaryOut: out.base)
        try check(g, fill)
        try amms[index].pool.removeLiquidity(shares: burn)  // the first write: it validates before writing
        amms[index].shares[a] = max(0, held - shares)
        credit(a, baseToken, out.base)
        credit(a, quoteToken, out.quote)
        refreshPrices()
        return fill
    }

    private mutating func liquidate(
        _ a: Int, _ m: Int, _ borrower: Int, _ collateralToken: Int, _ debtToken: Int,
        _ debtToCover: Double, _ g: IntentGuards,
        _ p: [Double]
    ) throws(ProtocolError) -> Fill {
        guard borrower >= 0, borrower < accountCount else { throw .unknownIndex("borrower \(borrower)") }
        guard borrower != a else { throw .invalidAmount("a borrower cannot liquidate itself") }
        let c = try reserve(collateralToken, m)
        let d = try reserve(debtToken, m)
        try markets[m].check(a, c)
        let quote = try markets[m].quoteLiquidation(
            borrower: borrower, collateralReserve: c, debtReserve: d,
            debtToCover: debtToCover, prices: p)
        guard quote.debtRepaid > 0 else { throw .invalidAmount("nothing to liquidate") }
        try requireBalance(a, debtToken, quote.debtRepaid)
        var fill = Fill(
            tokenIn: debtToken, amountIn: quote.debtRepaid, tokenOut: collateralToken,
            amountOut: quote.collateralToLiquidator,
            profit: quote.collateralToLiquidator * price(collateralToken, p)
                - quote.debtRepaid * price(debtToken, p))
        try check(g, fill)
        balances[a, debtToken] -= quote.debtRepaid
        fill.badDebt = markets[m].commitLiquidation(
            quote, liquidator: a, borrower: borrower, collateralReserve: c,
            debtReserve: d, prices: p)
        badDebtByMarket[m] += fill.badDebt
        collateralLedger.record(
            token: collateralToken, value: quote.collateralSeized * price(collateralToken, p),
            badDebt: fill.badDebt)
        payQueues()
        return fill
    }

    /// The output and profit guards, checked against a fill worked out before anything was written.
    func checkGuards(_ g: IntentGuards, _ fill: Fill) throws(ProtocolError) { try check(g, fill) }

    /// The index of `token`'s reserve in market `m` (already checked to exist).
    func reserve(_ token: Int, _ m: Int) throws(ProtocolError) -> Int {
        guard let r = markets[m].reserveIndex(of: token) else {
            throw .unknownIndex("no lending reserve for token \(token)")
        }
        return r
    }

    /// The pool's token pair. Returns scalars, not the market: a live copy of the market would make
    /// the first write to its share table copy the whole table.
    func ammTokens(_ index: Int) throws(ProtocolError) -> (base: Int, quote: Int) {
        guard amms.indices.contains(index) else { throw .unknownIndex("AMM pool \(index) of \(amms.count)") }
        return (amms[index].baseToken, amms[index].quoteToken)
    }

    func price(_ token: Int, _ p: [Double]) -> Double { p.indices.contains(token) ? p[token] : 0 }
}
