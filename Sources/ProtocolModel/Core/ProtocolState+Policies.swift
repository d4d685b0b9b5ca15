extension ProtocolState {
    /// Liquidations smaller than this (debt-token units) are dust: skipped rather than looped on.
    static let dustRepayment = 1e-9
    /// A safety cap on liquidations in one policy intent.
    static let maxLiquidationsPerIntent = 100_000

    /// ``IntentAction/arbitrage(pool:gamma:maxBaseIn:maxQuoteIn:gasCost:)``: the exact Uniswap v2 trade
    /// (fee included) that puts the pool's price on the edge of the band around the external price.
    func quoteArbitrage(
        _ a: Int, _ index: Int, _ gamma: Double, _ maxBaseIn: Double, _ maxQuoteIn: Double, _ gasCost: Double
    ) throws(ProtocolError) -> (input: Double, out: Double, baseIn: Bool, profit: Double) {
        let (baseToken, quoteToken) = try ammTokens(index)
        let pool = amms[index].pool
        guard !pool.isEmpty else { throw .emptyPool }
        guard gamma > 0, gamma <= 1 else { throw .invalidAmount("gamma = \(gamma), expected 0 < γ ≤ 1") }
        let quotePrice = marketPrices[quoteToken]
        guard quotePrice > 0 else { throw .invalidAmount("external price of token \(quoteToken) must be > 0") }
        let pe = marketPrices[baseToken] / quotePrice
        let price = pool.price
        let sellBase: Bool
        let target: Double
        if price > pe / gamma * (1 + 1e-12) {
            (sellBase, target) = (true, pe / gamma)
        } else if price < gamma * pe * (1 - 1e-12) {
            (sellBase, target) = (false, gamma * pe)
        } else {
            throw .nothingToDo
        }
        guard let trade = pool.inputToReachPrice(target), trade.baseIn == sellBase else { throw .nothingToDo }
        let tin = sellBase ? baseToken : quoteToken
        let input = min(trade.amountIn, sellBase ? maxBaseIn : maxQuoteIn, balances[a, tin])
        guard input > 0 else {
            throw .insufficientBalance(account: a, token: tin, needed: trade.amountIn, available: balances[a, tin])
        }
        let out = pool.amountOut(amountIn: input, baseIn: sellBase)
        // Profit against the external market, where the other leg is traded at its price.
        let profit = (sellBase ? out - input * pe : out * pe - input) * quotePrice - gasCost
        return (input, out, sellBase, profit)
    }

    mutating func arbitrage(
        _ a: Int, _ index: Int, _ gamma: Double, _ maxBaseIn: Double, _ maxQuoteIn: Double, _ gasCost: Double,
        _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let q = try quoteArbitrage(a, index, gamma, maxBaseIn, maxQuoteIn, gasCost)
        let (baseToken, quoteToken) = try ammTokens(index)
        let (tin, tout) = q.baseIn ? (baseToken, quoteToken) : (quoteToken, baseToken)
        let fill = Fill(tokenIn: tin, amountIn: q.input, tokenOut: tout, amountOut: q.out, profit: q.profit)
        try checkGuards(g, fill)
        balances[a, tin] -= q.input
        try amms[index].pool.swap(amountIn: q.input, baseIn: q.baseIn)
        credit(a, tout, q.out)
        refreshPrices()
        return fill
    }

    /// ``IntentAction/liquidateLowest(collateralToken:debtToken:budget:sellPool:gasCost:)``. Each step is
    /// one Aave liquidation (``LendingPool/quoteLiquidation(borrower:collateralReserve:debtReserve:debtToCover:prices:)``)
    /// at the lending prices of that moment, with the collateral received as underlying and sold at once.
    mutating func liquidateLowest(
        _ a: Int, _ m: Int, _ collateralToken: Int, _ debtToken: Int, _ budget: Double, _ index: Int, _ gasCost: Double,
        _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let c = try reserve(collateralToken, m)
        let d = try reserve(debtToken, m)
        try requirePair(index, base: collateralToken, quote: debtToken)
        guard !amms[index].pool.isEmpty else { throw .emptyPool }
        try _requireAmount("budget", budget, positive: false)
        let minProfit = g.minProfit ?? 0
        var heap = _scratch.heap
        _scratch.heap = DebtorHeap()
        defer { _scratch.heap = heap }
        heap.rebuild(from: markets[m], prices: prices)
        var totals = LiquidationTotals(left: min(budget, balances[a, debtToken]))
        for _ in 0..<Self.maxLiquidationsPerIntent where totals.left > Self.dustRepayment && !amms[index].pool.isEmpty {
            guard let borrower = heap.popMin() else { break }
            guard borrower != a else { continue }
            // `prices` is read in place, not copied: a live copy would make every refresh below copy it.
            let q: LiquidationOutcome
            do {
                q = try markets[m].quoteLiquidation(
                    borrower: borrower, collateralReserve: c, debtReserve: d, debtToCover: totals.left, prices: prices)
            } catch .notLiquidatable {
                break  // the lowest is healthy, so every other is too
            } catch {
                continue
            }
            guard q.debtRepaid > Self.dustRepayment, cashCovers(q.collateralToLiquidator, market: m, reserve: c) else {
                continue
            }
            let quoted = amms[index].pool.amountOut(amountIn: q.collateralToLiquidator, baseIn: true)
            guard (quoted - q.debtRepaid) * prices[debtToken] - gasCost > minProfit else { continue }
            guard
                executeLiquidation(
                    q, market: m, liquidator: a, borrower: borrower, collateral: (collateralToken, c),
                    debt: (debtToken, d),
                    pool: index, totals: &totals)
            else { continue }
            heap.push(borrower, from: markets[m])
        }
        return try totals.fill(debtToken: debtToken, prices: prices)
    }

    /// Whether reserve `r`'s cash can pay out `amount` of underlying. Cash and the suppliers' claims are
    /// summed in different orders, so the last claim may exceed the cash by a rounding ulp; the payout then
    /// floors the cash at 0 (see `commitLiquidation`).
    func cashCovers(_ amount: Double, market m: Int, reserve r: Int) -> Bool {
        amount <= markets[m].reserves[r].cash * (1 + 1e-12) + 1e-15
    }

    /// Running totals of one policy liquidation intent.
    struct LiquidationTotals {
        /// Repayment budget still unspent.
        var left: Double
        var repaid = 0.0
        var proceeds = 0.0
        var written = 0.0

        /// The intent's fill; `nothingToDo` when no step repaid anything.
        func fill(debtToken: Int, prices: [Double]) throws(ProtocolError) -> Fill {
            guard repaid > 0 else { throw .nothingToDo }
            return Fill(
                tokenIn: debtToken, amountIn: repaid, tokenOut: debtToken, amountOut: proceeds,
                profit: (proceeds - repaid) * prices[debtToken], badDebt: written)
        }
    }

    /// One quoted liquidation step of a policy intent: the liquidator's collateral is sold in `pool` first
    /// (the sale validates before it writes, so a failure leaves the loan untouched and returns false),
    /// then the debt is repaid and the liquidation written, with the collateral received as underlying;
    /// the queue is paid, the loss absorbed, prices refreshed and `totals` updated.
    mutating func executeLiquidation(
        _ q: LiquidationOutcome, market m: Int, liquidator a: Int, borrower: Int,
        collateral: (token: Int, reserve: Int),
        debt: (token: Int, reserve: Int), pool: Int, totals: inout LiquidationTotals
    ) -> Bool {
        guard let sold = try? amms[pool].pool.swap(amountIn: q.collateralToLiquidator, baseIn: true) else {
            return false
        }
        balances[a, debt.token] -= q.debtRepaid
        let bad = markets[m].commitLiquidation(
            q, liquidator: a, borrower: borrower, collateralReserve: collateral.reserve, debtReserve: debt.reserve,
            prices: prices, receiveUnderlying: true)
        credit(a, debt.token, sold)
        totals.left -= q.debtRepaid
        totals.repaid += q.debtRepaid
        totals.proceeds += sold
        totals.written += bad
        badDebtByMarket[m] += bad
        collateralLedger.record(
            token: collateral.token, value: q.collateralSeized * prices[collateral.token], badDebt: bad)
        payQueues()
        refreshPrices()
        return true
    }

    /// Throws unless Uniswap v2 pool `index` trades `base` (sold) for `quote`.
    func requirePair(_ index: Int, base: Int, quote: Int) throws(ProtocolError) {
        let (baseToken, quoteToken) = try ammTokens(index)
        guard baseToken == base, quoteToken == quote else {
            throw .invalidAmount("pool \(index) does not trade token \(base) for token \(quote)")
        }
    }

    /// ``IntentAction/repayWithCollateral(collateralToken:debtToken:collateral:sellPool:)``.
    mutating func repayWithCollateral(
        _ a: Int, _ m: Int, _ collateralToken: Int, _ debtToken: Int, _ collateral: Double, _ index: Int,
        _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let c = try reserve(collateralToken, m)
        let d = try reserve(debtToken, m)
        try requirePair(index, base: collateralToken, quote: debtToken)
        try _requireAmount("collateral", collateral)
        guard !amms[index].pool.isEmpty else { throw .emptyPool }
        let have = markets[m].supplied(user: a, reserve: c)
        let sell = min(collateral, have)
        guard sell > 0 else {
            throw .insufficientBalance(account: a, token: collateralToken, needed: collateral, available: 0)
        }
        guard cashCovers(sell, market: m, reserve: c) else { throw .insufficientLiquidity }
        let proceeds = amms[index].pool.amountOut(amountIn: sell, baseIn: true)
        let owed = markets[m].debt(user: a, reserve: d)
        let pay = min(proceeds, owed)
        let fill = Fill(tokenIn: collateralToken, amountIn: sell, tokenOut: debtToken, amountOut: proceeds - pay)
        try checkGuards(g, fill)
        try amms[index].pool.swap(amountIn: sell, baseIn: true)
        markets[m].setSupplied(a, c, sell >= have ? 0 : have - sell)
        markets[m].reserves[c].cash = max(0, markets[m].reserves[c].cash - sell)
        if pay > 0 {
            markets[m].setDebt(a, d, pay >= owed ? 0 : owed - pay)
            markets[m].reserves[d].cash += pay
        }
        credit(a, debtToken, proceeds - pay)
        let p = prices
        let bad = markets[m].writeOffIfExhausted(a, prices: p)
        badDebtByMarket[m] += bad
        if bad > 0 { collateralLedger.record(token: collateralToken, value: 0, badDebt: bad) }
        payQueues()
        refreshPrices()
        return fill
    }

    /// ``IntentAction/provideLiquidity(pool:value:)``.
    mutating func provideLiquidity(_ a: Int, _ index: Int, _ value: Double, _ g: IntentGuards) throws(ProtocolError)
        -> Fill
    {
        let (baseToken, quoteToken) = try ammTokens(index)
        try _requireAmount("value", value)
        let pool = amms[index].pool
        let price = pool.price
        let quotePrice = prices[quoteToken]
        let pe = marketPrices[quoteToken] > 0 ? marketPrices[baseToken] / marketPrices[quoteToken] : 0
        guard price > 0, quotePrice > 0, pe > 0 else { throw .invalidAmount("pool \(index) has no price") }
        let haveBase = balances[a, baseToken]
        let haveQuote = balances[a, quoteToken]
        // Half in each token at the pool price, at most what the holdings are worth at the external price.
        let worth = haveQuote + haveBase * pe
        let quote = min(value / quotePrice / 2, worth * (1 - 1e-12) / (1 + pe / price))
        let base = quote / price
        guard quote > 0 else {
            throw .insufficientBalance(account: a, token: quoteToken, needed: value / quotePrice / 2, available: 0)
        }
        let fill = Fill(
            tokenIn: quoteToken, amountIn: quote, secondaryOut: pool.sharesMinted(base: base, quote: quote))
        try checkGuards(g, fill)
        // The pool validates before it writes, so it goes first: nothing after it can fail.
        let minted = try amms[index].pool.addLiquidity(base: base, quote: quote)
        // The missing token is bought on the external market with the other: a flow across the boundary.
        if haveBase < base {
            let buy = base - haveBase
            inflows[baseToken] += buy
            outflows[quoteToken] += buy * pe
            balances[a, baseToken] = 0
            balances[a, quoteToken] = max(0, haveQuote - buy * pe - quote)
        } else if haveQuote < quote {
            let buy = quote - haveQuote
            inflows[quoteToken] += buy
            outflows[baseToken] += buy / pe
            balances[a, quoteToken] = 0
            balances[a, baseToken] = max(0, haveBase - buy / pe - base)
        } else {
            balances[a, baseToken] = haveBase - base
            balances[a, quoteToken] = haveQuote - quote
        }
        amms[index].shares[a] += minted
        refreshPrices()
        return fill
    }
}
