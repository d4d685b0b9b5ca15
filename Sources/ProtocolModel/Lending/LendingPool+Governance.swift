/// Governance setters: the reserve parameters a governance account may change while the pool runs
/// (Aave's `PoolConfigurator`). Each checks its new values first and writes only when all are valid.
extension LendingPool {
    /// Sets reserve `r`'s LTV and liquidation threshold, as Aave's `configureReserveAsCollateral`:
    /// 0 ≤ ltv ≤ LT, 0 < LT ≤ 1, and LT·(1 + bonus) ≤ 1 so that a liquidation can always pay its bonus.
    /// Positions are not touched: a lower threshold lowers every holder's health factor at once.
    /// - Throws: ``ProtocolError/unknownIndex(_:)`` or ``ProtocolError/invalidAmount(_:)``.
    public mutating func setCollateralRisk(reserve r: Int, ltv: Double, liquidationThreshold lt: Double)
        throws(ProtocolError)
    {
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r)") }
        guard lt.isFinite, lt > 0, lt <= 1 else {
            throw .invalidAmount("liquidationThreshold = \(lt), expected (0, 1]")
        }
        guard ltv.isFinite, ltv >= 0, ltv <= lt else {
            throw .invalidAmount("ltv = \(ltv), expected 0 ≤ ltv ≤ liquidationThreshold (\(lt))")
        }
        let bonus = configs[r].liquidation.liquidationBonus
        guard lt * (1 + bonus) <= 1 else {
            throw .invalidAmount("liquidationThreshold × (1 + bonus) = \(lt * (1 + bonus)), expected ≤ 1")
        }
        configs[r].ltv = ltv
        configs[r].liquidation.liquidationThreshold = lt
    }

    /// Replaces reserve `r`'s interest rate model, keeping its kind (a jump-rate reserve stays jump-rate).
    /// Interest accrued so far stands; the new rates apply from the next accrual.
    /// - Throws: ``ProtocolError/unknownIndex(_:)``, or ``ProtocolError/invalidAmount(_:)`` for a
    ///   negative rate, a kink outside (0, 1] or a change of kind.
    public mutating func setRateModel(reserve r: Int, _ model: InterestRateModel) throws(ProtocolError) {
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r)") }
        switch (configs[r].rateModel, model) {
        case let (.jumpRate, .jumpRate(m)):
            _ = try JumpRateModel(
                baseRate: m.baseRate, multiplier: m.multiplier, jumpMultiplier: m.jumpMultiplier, kink: m.kink)
        case let (.comet, .comet(m)):
            for c in [m.supply, m.borrow] {
                guard c.kink > 0, c.kink <= 1 else { throw .invalidAmount("kink = \(c.kink), expected (0, 1]") }
                try _requireAmount("slopeLow", c.slopeLow, positive: false)
                try _requireAmount("slopeHigh", c.slopeHigh, positive: false)
                guard c.base.isFinite else { throw .invalidAmount("base = \(c.base), expected finite") }
            }
        default:
            throw .invalidAmount("reserve \(r): a rate model may not change kind")
        }
        configs[r].rateModel = model
    }

    /// Sets reserve `r`'s withdrawal fee (``WithdrawalPolicy/feeFraction``), in [0, 1).
    /// - Throws: ``ProtocolError/unknownIndex(_:)`` or ``ProtocolError/invalidAmount(_:)``.
    public mutating func setWithdrawalFee(reserve r: Int, fee: Double) throws(ProtocolError) {
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r)") }
        guard fee.isFinite, fee >= 0, fee < 1 else { throw .invalidAmount("fee = \(fee), expected [0, 1)") }
        configs[r].withdrawals.feeFraction = fee
    }
}
