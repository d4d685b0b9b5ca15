extension LendingPool {
    /// Whether any debtor's health factor is below 1 at `prices`: one pass over the debtors, stopping at
    /// the first. Agents ask this every tick, so the pass reads the scaled claims directly, with each
    /// reserve's index, price and threshold folded into one factor first.
    public func hasLiquidatable(prices: [Double]) -> Bool {
        withReserveFactors(prices, thresholdWeighted: true) { collateralFactor, debtFactor in
            let n = configs.count
            return scaledSupply.withUnsafeBufferPointer { supply in
                scaledDebt.withUnsafeBufferPointer { debt in
                    for account in debtors {
                        let base = Int(account) * n
                        var owed = 0.0
                        var backing = 0.0
                        for r in 0..<n {
                            owed += debt[base + r] * debtFactor[r]
                            backing += supply[base + r] * collateralFactor[r]
                        }
                        if owed > 0 && backing < owed { return true }
                    }
                    return false
                }
            }
        }
    }

    /// Calls `body` with every debtor that owes something and its health factor at `prices`, in the
    /// order of ``debtors``: the fast pass the liquidators' heap is built from.
    func forEachDebtorHealthFactor(prices: [Double], _ body: (Int32, Double) -> Void) {
        withReserveFactors(prices, thresholdWeighted: true) { collateralFactor, debtFactor in
            let n = configs.count
            scaledSupply.withUnsafeBufferPointer { supply in
                scaledDebt.withUnsafeBufferPointer { debt in
                    for account in debtors {
                        let base = Int(account) * n
                        var owed = 0.0
                        var backing = 0.0
                        for r in 0..<n {
                            owed += debt[base + r] * debtFactor[r]
                            backing += supply[base + r] * collateralFactor[r]
                        }
                        if owed > 0 { body(account, backing / owed) }
                    }
                }
            }
        }
    }

    /// The loan book as an asset of the lenders, and its face value, in one pass over the debtors:
    /// `capped` = Σ min(debt value, collateral value) (a loan is worth at most what secures it) and
    /// `debt` = Σ debt value, both at `prices`.
    public func loanBook(prices: [Double]) -> (capped: Double, debt: Double) {
        withReserveFactors(prices, thresholdWeighted: false) { collateralFactor, debtFactor in
            let n = configs.count
            return scaledSupply.withUnsafeBufferPointer { supply in
                scaledDebt.withUnsafeBufferPointer { debt in
                    var capped = 0.0
                    var total = 0.0
                    for account in debtors {
                        let base = Int(account) * n
                        var owed = 0.0
                        var backing = 0.0
                        for r in 0..<n {
                            owed += debt[base + r] * debtFactor[r]
                            backing += supply[base + r] * collateralFactor[r]
                        }
                        guard owed > 0 else { continue }
                        capped += min(owed, backing)
                        total += owed
                    }
                    return (capped, total)
                }
            }
        }
    }

    /// Runs `body` with, per reserve, the factor that turns a scaled supply into collateral value
    /// (`supplyIndex·price`, times the liquidation threshold when `thresholdWeighted`) and a scaled debt
    /// into debt value (`borrowIndex·price`), in a stack buffer.
    private func withReserveFactors<R>(
        _ prices: [Double], thresholdWeighted: Bool,
        _ body: (UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> R
    ) -> R {
        let n = configs.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * max(1, n)) { buffer in
            let collateral = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
            let debt = UnsafeMutableBufferPointer(rebasing: buffer[n..<(2 * n)])
            for r in 0..<n {
                let p = price(r, prices)
                let lt = thresholdWeighted ? configs[r].liquidation.liquidationThreshold : 1
                collateral[r] = reserves[r].supplyIndex * p * lt
                debt[r] = reserves[r].borrowIndex * p
            }
            return body(collateral, debt)
        }
    }
}
