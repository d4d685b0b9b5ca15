extension LendingPool {
    /// Credits `amount` of reserve `r`'s token to `user`'s supply; the caller has moved the tokens in.
    /// - Throws: unknown index, invalid amount, or ``ProtocolError/capExceeded(asset:cap:)``.
    public mutating func supply(user: Int, reserve r: Int, amount: Double) throws(ProtocolError) {
        try checkSupply(user: user, reserve: r, amount: amount)
        setSupplied(user, r, supplied(user: user, reserve: r) + amount)
        reserves[r].cash += amount
    }

    /// Checks a supply of `amount` to reserve `r` without changing the pool.
    public func checkSupply(user: Int, reserve r: Int, amount: Double) throws(ProtocolError) {
        try check(user, r)
        try _requireAmount("amount", amount)
        guard reserves[r].totalSupply + amount <= configs[r].supplyCap else {
            throw .capExceeded(asset: configs[r].token, cap: configs[r].supplyCap)
        }
    }

    /// Withdraws up to `amount` (capped at the user's supply) and returns what the caller must pay out.
    /// - Throws: ``ProtocolError/insufficientLiquidity`` when cash is short,
    ///   ``ProtocolError/healthFactorTooLow(hf:)`` when the remaining collateral would not cover the debt.
    public mutating func withdraw(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError)
        -> Double
    {
        let take = try quoteWithdrawal(user: user, reserve: r, amount: amount, prices: prices)
        commitWithdrawal(user: user, reserve: r, amount: take)
        return take
    }

    /// What ``withdraw(user:reserve:amount:prices:)`` would pay out, checked without changing the pool:
    /// the health factor after the withdrawal is the threshold-weighted collateral less the withdrawn
    /// part, over the unchanged debt.
    public func quoteWithdrawal(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError)
        -> Double
    {
        try check(user, r)
        try _requireAmount("amount", amount)
        let have = supplied(user: user, reserve: r)
        guard have > 0 else {
            throw .insufficientBalance(account: user, token: configs[r].token, needed: amount, available: 0)
        }
        let take = min(amount, have)
        guard take <= reserves[r].cash else { throw .insufficientLiquidity }
        let data = accountData(user: user, prices: prices)
        if data.debt > 0 {
            let left = take >= have ? 0 : have - take
            let lt = configs[r].liquidation.liquidationThreshold
            let after = data.thresholdCollateral - (have - left) * price(r, prices) * lt
            let hf = max(0, after) / data.debt
            guard hf >= 1 else { throw .healthFactorTooLow(hf: hf) }
        }
        return take
    }

    /// Writes a withdrawal that ``quoteWithdrawal(user:reserve:amount:prices:)`` accepted.
    mutating func commitWithdrawal(user: Int, reserve r: Int, amount take: Double) {
        let have = supplied(user: user, reserve: r)
        setSupplied(user, r, take >= have ? 0 : have - take)
        reserves[r].cash -= take
    }

    /// Borrows `amount` of reserve `r`'s token against the user's collateral (checked at LTV).
    /// - Throws: borrowing disabled / cap / liquidity / ``ProtocolError/healthFactorTooLow(hf:)``.
    public mutating func borrow(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError) {
        try checkBorrow(user: user, reserve: r, amount: amount, prices: prices)
        setDebt(user, r, debt(user: user, reserve: r) + amount)
        reserves[r].cash -= amount
    }

    /// Checks a borrow of `amount` from reserve `r` without changing the pool.
    public func checkBorrow(user: Int, reserve r: Int, amount: Double, prices: [Double]) throws(ProtocolError) {
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
