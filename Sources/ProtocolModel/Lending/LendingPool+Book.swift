extension LendingPool {
    /// Whether any debtor's health factor is below 1 at `prices`: one pass over the debtors, stopping at
    /// the first.
    public func hasLiquidatable(prices: [Double]) -> Bool {
        for account in debtors where healthFactor(user: Int(account), prices: prices) < 1 { return true }
        return false
    }

    /// The loan book as an asset of the lenders, and its face value, in one pass over the debtors:
    /// `capped` = Σ min(debt value, collateral value) (a loan is worth at most what secures it) and
    /// `debt` = Σ debt value, both at `prices`.
    public func loanBook(prices: [Double]) -> (capped: Double, debt: Double) {
        var capped = 0.0
        var total = 0.0
        let n = configs.count
        for account in debtors {
            let base = Int(account) * n
            var debtValue = 0.0
            var collateralValue = 0.0
            for r in 0..<n {
                let p = price(r, prices)
                let d = scaledDebt[base + r]
                if d > 0 { debtValue += d * reserves[r].borrowIndex * p }
                let s = scaledSupply[base + r]
                if s > 0 { collateralValue += s * reserves[r].supplyIndex * p }
            }
            guard debtValue > 0 else { continue }
            capped += min(debtValue, collateralValue)
            total += debtValue
        }
        return (capped, total)
    }
}
