extension LendingPool {
    /// Whether any debtor's health factor is below 1 at `prices`: one pass over the debtors, stopping at
    /// the first. Agents ask this every tick, so the pass reads the scaled claims directly, with each
    /// reserve's index, price and threshold folded into one factor first.
    public func hasLiquidatable(prices: [Double]) -> Bool {
        var found = false
        scanDebtors(prices, thresholdWeighted: true) { _, owed, backing in
            found = backing < owed
            return !found
        }
        return found
    }

    /// Calls `body` with every debtor that owes something and its health factor at `prices`, in the
    /// order of ``debtors``: the fast pass the liquidators' heap is built from.
    func forEachDebtorHealthFactor(prices: [Double], _ body: (Int32, Double) -> Void) {
        scanDebtors(prices, thresholdWeighted: true) { account, owed, backing in
            body(account, backing / owed)
            return true
        }
    }

    /// The loan book as an asset of the lenders, and its face value, in one pass over the debtors:
    /// `capped` = Σ min(debt value, collateral value) (a loan is worth at most what secures it) and
    /// `debt` = Σ debt value, both at `prices`.
    public func loanBook(prices: [Double]) -> (capped: Double, debt: Double) {
        var capped = 0.0
        var total = 0.0
        scanDebtors(prices, thresholdWeighted: false) { _, owed, backing in
            capped += min(owed, backing)
            total += owed
            return true
        }
        return (capped, total)
    }

    /// One pass over the debtors that owe something, in order: `body` gets the account, its debt value
    /// and its collateral value (weighted by the liquidation thresholds when `thresholdWeighted`), all at
    /// `prices`, and returns false to stop. The scaled claims are read directly, with each reserve's index,
    /// price and threshold folded into one factor first: these passes run every tick.
    @inline(__always)
    private func scanDebtors(
        _ prices: [Double], thresholdWeighted: Bool, _ body: (Int32, Double, Double) -> Bool
    ) {
        let n = configs.count
        // The reserves' factors, then a row of zeros: the row of an account that a table does not store.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * max(1, n)) { scratch in
            let factors = scratch.baseAddress!
            for r in 0..<n {
                let p = price(r, prices)
                let lt = thresholdWeighted ? configs[r].liquidation.liquidationThreshold : 1
                factors[r] = reserves[r].supplyIndex * p * lt
                factors[n + r] = reserves[r].borrowIndex * p
            }
            let supplyFactors = UnsafePointer(factors)
            let debtFactors = UnsafePointer(factors + n)
            let zeros = UnsafePointer(factors + 2 * n)
            (factors + 2 * n).initialize(repeating: 0, count: n)
            scaledSupply.withView { supply in
                scaledDebt.withView { debt in
                    for account in debtors {
                        // Each row is found once per debtor, and read reserve by reserve without a check.
                        let supplied = supply.row(Int(account)) ?? zeros
                        let owes = debt.row(Int(account)) ?? zeros
                        var owed = 0.0
                        var backing = 0.0
                        for r in 0..<n {
                            owed += owes[r] * debtFactors[r]
                            backing += supplied[r] * supplyFactors[r]
                        }
                        if owed > 0, !body(account, owed, backing) { return }
                    }
                }
            }
        }
    }
}
