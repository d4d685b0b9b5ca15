/// The outcome of one lending-pool liquidation.
public struct LiquidationOutcome: Sendable, Equatable {
    /// Debt repaid by the liquidator (debt-token units).
    public var debtRepaid: Double
    /// Collateral taken from the borrower (collateral-token units), bonus included.
    public var collateralSeized: Double
    /// Collateral credited to the liquidator as a supply claim (seized − protocol fee).
    public var collateralToLiquidator: Double
    /// Aave v3 liquidation protocol fee, credited to the treasury.
    public var protocolFee: Double
    /// Debt written off because the borrower's collateral ran out.
    public var badDebt: Double
}

extension LendingPool {
    /// Quotes a liquidation as Aave v3's `LiquidationLogic.executeLiquidationCall` /
    /// `_calculateAvailableCollateralToLiquidate`:
    /// `maxDebt = closeFactor(HF)·debt`, `debt = min(debtToCover, maxDebt)`,
    /// `collateral = debt·P_debt/P_coll·(1+bonus)`; when that exceeds the balance, all the collateral is
    /// taken and `debt = balance·P_coll/P_debt/(1+bonus)`. Protocol fee = `fee·(collateral − collateral/(1+bonus))`.
    /// - Throws: ``ProtocolError/notLiquidatable(hf:)`` when HF ≥ 1, ``ProtocolError/noDebt``, bad indices.
    public func quoteLiquidation(
        borrower: Int, collateralReserve c: Int, debtReserve d: Int, debtToCover: Double,
        prices: [Double]
    ) throws(ProtocolError) -> LiquidationOutcome {
        try check(borrower, c)
        try check(borrower, d)
        try _requireAmount("debtToCover", debtToCover)
        let hf = healthFactor(user: borrower, prices: prices)
        guard hf < 1 else { throw .notLiquidatable(hf: hf) }
        let userDebt = debt(user: borrower, reserve: d)
        guard userDebt > 0 else { throw .noDebt }
        let pc = price(c, prices)
        let pd = price(d, prices)
        guard pc > 0, pd > 0 else { throw .invalidAmount("prices of reserves \(c), \(d) must be > 0") }
        let balance = supplied(user: borrower, reserve: c)
        let bonus = 1 + configs[c].liquidation.liquidationBonus
        var debtAmount = min(debtToCover, closeFactor.factor(healthFactor: hf) * userDebt)
        var collateral = debtAmount * pd / pc * bonus
        if collateral > balance {
            collateral = balance
            debtAmount = balance * pc / pd / bonus
        }
        let fee = (collateral - collateral / bonus) * configs[c].liquidation.protocolFee
        return LiquidationOutcome(
            debtRepaid: debtAmount, collateralSeized: collateral,
            collateralToLiquidator: collateral - fee, protocolFee: fee, badDebt: 0)
    }

    /// Executes a liquidation: the liquidator repays debt (the caller moves those tokens into the pool)
    /// and receives the collateral as a supply claim (Aave's `receiveAToken = true`); the fee goes to the
    /// treasury. If the borrower is then left with debt but less collateral than the dust limit in every
    /// reserve, the debt is written off: the insurance fund covers it first, the rest is socialised pro
    /// rata over that reserve's suppliers.
    public mutating func liquidate(
        liquidator: Int, borrower: Int, collateralReserve c: Int, debtReserve d: Int,
        debtToCover: Double, prices: [Double]
    ) throws(ProtocolError) -> LiquidationOutcome {
        try check(liquidator, c)
        let q = try quoteLiquidation(
            borrower: borrower, collateralReserve: c, debtReserve: d,
            debtToCover: debtToCover, prices: prices)
        guard q.debtRepaid > 0 else { throw .invalidAmount("nothing to liquidate") }
        var out = q
        out.badDebt = commitLiquidation(
            q, liquidator: liquidator, borrower: borrower, collateralReserve: c,
            debtReserve: d, prices: prices)
        absorbPendingLosses()
        return out
    }

    /// Writes a liquidation that ``quoteLiquidation(borrower:collateralReserve:debtReserve:debtToCover:prices:)``
    /// produced, and returns the bad debt written off. Cannot fail: every check was the quote's. With
    /// `receiveUnderlying` the liquidator's collateral leaves the reserve's cash for the caller to pay out
    /// (Aave's `receiveAToken = false`; the caller checked the cash); otherwise it becomes its supply claim.
    mutating func commitLiquidation(
        _ q: LiquidationOutcome, liquidator: Int, borrower: Int, collateralReserve c: Int,
        debtReserve d: Int, prices: [Double], receiveUnderlying: Bool = false
    ) -> Double {
        let owed = debt(user: borrower, reserve: d)
        setDebt(borrower, d, q.debtRepaid >= owed ? 0 : owed - q.debtRepaid)
        reserves[d].cash += q.debtRepaid
        reserves[d].liquidated += q.debtRepaid
        let have = supplied(user: borrower, reserve: c)
        setSupplied(borrower, c, q.collateralSeized >= have ? 0 : have - q.collateralSeized)
        if receiveUnderlying {
            // The reserve's cash and its suppliers' claims are summed in different orders: the last
            // borrower's collateral can exceed the cash by a rounding ulp, which must not go negative.
            reserves[c].cash = max(0, reserves[c].cash - q.collateralToLiquidator)
        } else {
            setSupplied(liquidator, c, supplied(user: liquidator, reserve: c) + q.collateralToLiquidator)
        }
        // The fee leaves the suppliers' claims and becomes the treasury's claim on the same reserve.
        reserves[c].accruedToTreasury += q.protocolFee
        return writeOffIfExhausted(borrower, prices: prices)
    }

    /// Writes off the debt of a borrower whose collateral is below the dust limit in every reserve: the
    /// one bad-debt path. The insurance fund pays what it can into cash; the rest waits in `pendingLoss`
    /// until the caller has paid the queue from the cash that arrived, and is then socialised or kept as
    /// deficit (``absorbPendingLosses()``), as the reserve's policy says. Returns the debt value written off
    /// (in price units).
    mutating func writeOffIfExhausted(_ user: Int, prices: [Double]) -> Double {
        for r in configs.indices where supplied(user: user, reserve: r) >= configs[r].liquidation.dustCollateral {
            return 0
        }
        var written = 0.0
        for r in configs.indices {
            let owed = debt(user: user, reserve: r)
            guard owed > 0 else { continue }
            setDebt(user, r, 0)
            written += owed * price(r, prices)
            reserves[r].badDebt += owed
            let covered = min(owed, reserves[r].insuranceFund)
            reserves[r].insuranceFund -= covered
            reserves[r].cash += covered
            // Held until the cash that came with the write-off has paid the queue (see `absorbPendingLosses`).
            pendingLoss[r] += owed - covered
        }
        return written
    }
}
