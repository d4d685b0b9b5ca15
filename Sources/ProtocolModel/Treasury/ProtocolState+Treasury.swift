extension ProtocolState {
    /// Applies a ``TreasuryOperation`` for account `a`, which must be ``Treasury/account``.
    ///
    /// The instruments and the options' counterparties are outside the model, so cash invested or paid as
    /// a premium or settlement is counted in ``outflows``, and cash redeemed or received in ``inflows``:
    /// ``totalHoldings(of:)`` = inflows − outflows still holds. The hedge is an ordinary swap in
    /// ``Treasury/pool``, with its slippage and fee. Each operation validates before its first write.
    mutating func applyTreasury(_ a: Int, _ op: TreasuryOperation, _ g: IntentGuards) throws(ProtocolError) -> Fill {
        guard let account = treasury.account, a == account else {
            throw .unknownIndex("account \(a) is not the treasury's")
        }
        let cash = treasury.cashToken
        switch op {
        case let .invest(k, amount):
            try requireBalance(a, cash, amount)
            try treasury.book(amount, terms: k, tick: tick)
            balances[a, cash] -= amount
            outflows[cash] += amount
            return Fill(tokenIn: cash, amountIn: amount)
        case let .redeem(amount):
            guard amount.isFinite, amount >= 0 else { throw .invalidAmount("amount = \(amount), expected ≥ 0") }
            let raised = treasury.redeem(atLeast: amount, tick: tick)
            credit(a, cash, raised)
            inflows[cash] += raised
            return Fill(tokenOut: cash, amountOut: raised)
        case let .grant(amount):
            try _requireAmount("amount", amount)
            try requireBalance(a, cash, amount)
            let r = try reserve(cash, 0)
            balances[a, cash] -= amount
            // Protocol-owned from now on: the protocol's claim on the reserve, as withdrawal fees are, so the
            // reserve's books balance and no depositor's claim grows.
            markets[0].reserves[r].cash += amount
            markets[0].reserves[r].accruedToTreasury += amount
            payQueues()
            return Fill(tokenIn: cash, amountIn: amount)
        case let .tradeOption(kind, strike, expiry, quantity, premium):
            return try tradeOption(
                a,
                OptionPosition(
                    kind: kind, strike: strike, expiryTick: expiry, quantity: quantity, premium: premium))
        case .settleOptions:
            return settleOptions(a)
        case let .hedge(amountIn, baseIn):
            let fill = try hedgeSwap(a, amountIn, baseIn, g)
            let external = marketPrices[treasury.underlying]
            if baseIn {
                treasury.options.hedgeUnits -= amountIn
                treasury.options.hedgeCost -= fill.amountOut
                treasury.hedgeSlippage += amountIn * external - fill.amountOut
                treasury.hedgeVolume += amountIn * external
            } else {
                treasury.options.hedgeUnits += fill.amountOut
                treasury.options.hedgeCost += amountIn
                treasury.hedgeSlippage += amountIn - fill.amountOut * external
                treasury.hedgeVolume += fill.amountOut * external
            }
            return fill
        }
    }

    /// The hedge's swap in ``Treasury/pool``. With ``Treasury/shortAllowed`` a sale beyond the underlying
    /// held first borrows the rest from a lender outside the model (an inflow of the underlying, owed in
    /// ``Treasury/borrowedUnits``), and a purchase repays what is owed first (an outflow), so the account's
    /// holdings stay inflows − outflows while ``OptionsBook/hedgeUnits`` goes negative.
    private mutating func hedgeSwap(
        _ a: Int, _ amountIn: Double, _ baseIn: Bool, _ g: IntentGuards
    ) throws(ProtocolError) -> Fill {
        let u = treasury.underlying
        let short = baseIn && treasury.shortAllowed && amountIn.isFinite ? max(0, amountIn - balances[a, u]) : 0
        if short > 0 {
            balances[a, u] += short
            inflows[u] += short
        }
        let fill: Fill
        do {
            fill = try swap(a, treasury.pool, amountIn, baseIn, g, prices)
        } catch {
            // Undo the borrow: the operation changes nothing when it fails.
            balances[a, u] -= short
            inflows[u] -= short
            throw error
        }
        treasury.borrowedUnits += short
        if !baseIn, treasury.borrowedUnits > 0 {
            let repay = min(treasury.borrowedUnits, fill.amountOut)
            balances[a, u] -= repay
            outflows[u] += repay
            treasury.borrowedUnits -= repay
        }
        return fill
    }

    private mutating func tradeOption(_ a: Int, _ p: OptionPosition) throws(ProtocolError) -> Fill {
        let cash = treasury.cashToken
        guard p.strike.isFinite, p.strike > 0, p.quantity.isFinite, p.quantity != 0 else {
            throw .invalidAmount("strike = \(p.strike), quantity = \(p.quantity): expected strike > 0, quantity ≠ 0")
        }
        try _requireAmount("premium", p.premium, positive: false)
        guard p.expiryTick > tick else { throw .invalidAmount("expiry tick \(p.expiryTick) is not after \(tick)") }
        let cost = p.quantity * p.premium
        if cost > 0 {
            try requireBalance(a, cash, cost)
            balances[a, cash] -= cost
            outflows[cash] += cost
        } else {
            credit(a, cash, -cost)
            inflows[cash] += -cost
        }
        treasury.premiums += cost
        treasury.options.positions.append(p)
        return cost > 0 ? Fill(tokenIn: cash, amountIn: cost) : Fill(tokenOut: cash, amountOut: -cost)
    }

    /// Settles expired options at the external price: received payoffs are inflows, paid ones outflows;
    /// what the cash cannot pay of a written option's payoff is recorded as unpaid.
    private mutating func settleOptions(_ a: Int) -> Fill {
        let cash = treasury.cashToken
        let spot = marketPrices[treasury.underlying]
        var received = 0.0
        var paid = 0.0
        var k = 0
        while k < treasury.options.positions.count {
            let p = treasury.options.positions[k]
            guard p.expiryTick <= tick else {
                k += 1
                continue
            }
            let intrinsic = p.kind == .put ? max(p.strike - spot, 0) : max(spot - p.strike, 0)
            let payoff = p.quantity * intrinsic
            treasury.realisedOptions += payoff - p.quantity * p.premium
            if payoff >= 0 {
                received += payoff
            } else {
                let pay = min(-payoff, balances[a, cash] + received - paid)
                paid += pay
                treasury.unpaidSettlements += -payoff - pay
            }
            treasury.options.positions.remove(at: k)
        }
        balances[a, cash] += received - paid
        inflows[cash] += received
        outflows[cash] += paid
        treasury.settlements += received - paid
        return Fill(tokenIn: cash, amountIn: paid, tokenOut: cash, amountOut: received)
    }
}
