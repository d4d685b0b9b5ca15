extension LendingPool {
    /// Credits `amount` of reserve `r`'s token to `user`'s supply; the caller has moved the tokens in.
    /// - Throws: unknown index, invalid amount, or ``ProtocolError/capExceeded(asset:cap:)``.
    public mutating func supply(user: Int, reserve r: Int, amount: Double) throws(ProtocolError) {
        try check(user, r)
        try _requireAmount("amount", amount)
        guard reserves[r].totalSupply + amount <= configs[r].supplyCap else {
            throw .capExceeded(asset: configs[r].token, cap: configs[r].supplyCap)
        }
        setSupplied(user, r, supplied(user: user, reserve: r) + amount)
        reserves[r].cash += amount
    }

    /// Withdraws up to `amount` (capped at the user's supply) and returns what the caller must pay out.
    /// - Throws: ``ProtocolError/insufficientLiquidity`` when cash is short,
    ///   ``ProtocolError/healthFactorTooLow(hf:)`` when the remaining collateral would not cover the debt.
    public mutating func withdraw(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError) -> Double {
        try check(user, r)
        try _requireAmount("amount", amount)
        let have = supplied(user: user, reserve: r)
        guard have > 0 else { throw .insufficientBalance(account: user, token: configs[r].token, needed: amount, available: 0) }
        let take = min(amount, have)
        guard take <= reserves[r].cash else { throw .insufficientLiquidity }
        var next = self
        next.setSupplied(user, r, take >= have ? 0 : have - take)
        next.reserves[r].cash -= take
        let hf = next.healthFactor(user: user, prices: prices)
        guard hf >= 1 else { throw .healthFactorTooLow(hf: hf) }
        self = next
        return take
    }

    /// Borrows `amount` of reserve `r`'s token against the user's collateral (checked at LTV).
    /// - Throws: borrowing disabled / cap / liquidity / ``ProtocolError/healthFactorTooLow(hf:)``.
    public mutating func borrow(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError) {
        try check(user, r)
        try _requireAmount("amount", amount)
        guard configs[r].borrowingEnabled else { throw .invalidAmount("reserve \(r) does not allow borrowing") }
        guard reserves[r].totalDebt + amount <= configs[r].borrowCap else {
            throw .capExceeded(asset: configs[r].token, cap: configs[r].borrowCap)
        }
        guard amount <= reserves[r].cash else { throw .insufficientLiquidity }
        let p = price(r, prices)
        guard p > 0 else { throw .invalidAmount("price of token \(configs[r].token) = \(p), expected > 0") }
        let data = accountData(user: user, prices: prices)
        guard data.debt + amount * p <= data.ltvCollateral else {
            throw .healthFactorTooLow(hf: data.thresholdCollateral / (data.debt + amount * p))
        }
        setDebt(user, r, debt(user: user, reserve: r) + amount)
        reserves[r].cash -= amount
    }

    /// Repays up to `amount` of the user's debt in reserve `r`; returns the amount actually used.
    /// - Throws: ``ProtocolError/noDebt`` without debt.
    @discardableResult
    public mutating func repay(user: Int, reserve r: Int, amount: Double) throws(ProtocolError) -> Double {
        try check(user, r)
        try _requireAmount("amount", amount)
        let owed = debt(user: user, reserve: r)
        guard owed > 0 else { throw .noDebt }
        let pay = min(amount, owed)
        setDebt(user, r, pay >= owed ? 0 : owed - pay)
        reserves[r].cash += pay
        return pay
    }

    func check(_ user: Int, _ r: Int) throws(ProtocolError) {
        guard userValid(user) else { throw .unknownIndex("user \(user) of \(userCount)") }
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r) of \(configs.count)") }
    }
}
