/// One borrower's position in a single-collateral market: collateral in base units, debt in USD.
public struct CollateralPosition: Sendable, Equatable {
    /// Collateral held, in units of the collateral token.
    public var collateral: Double
    /// Debt owed, in USD.
    public var debt: Double
    /// Creates a position.
    public init(collateral: Double, debt: Double) {
        self.collateral = collateral
        self.debt = debt
    }
}

/// A fast single-collateral lending book (one collateral token, USD debt), as plain arrays of structs
/// for the reference model's hot loop. No interest accrues here.
public struct LoanBook: Sendable {
    /// The positions, indexed by borrower.
    public var positions: [CollateralPosition]
    /// Liquidation parameters shared by every position.
    public let parameters: LiquidationParameters

    /// Creates a book.
    public init(positions: [CollateralPosition], parameters: LiquidationParameters = LiquidationParameters()) {
        self.positions = positions
        self.parameters = parameters
    }

    /// `HF = collateral·price·LT / debt`; +∞ when the debt is 0.
    @inlinable public func healthFactor(_ i: Int, price: Double) -> Double {
        let p = positions[i]
        guard p.debt > 0 else { return .infinity }
        return p.collateral * price * parameters.liquidationThreshold / p.debt
    }

    /// Aave's `_calculateAvailableCollateralToLiquidate` for one position:
    /// `repay = min(closeFactor·debt, collateral·price/(1+bonus), budget)` and
    /// `seize = repay·(1+bonus)/price`, or all the collateral when the collateral term binds.
    /// Nil when HF ≥ 1, the price or budget is not positive, or there is nothing to repay.
    public func liquidationQuote(_ i: Int, price: Double, budget: Double) -> (repay: Double, seize: Double)? {
        guard positions.indices.contains(i), price > 0, budget > 0 else { return nil }
        let hf = healthFactor(i, price: price)
        guard hf < 1 else { return nil }
        let p = positions[i]
        let bonus = 1 + parameters.liquidationBonus
        let byClose = parameters.closeFactor.factor(healthFactor: hf) * p.debt
        let byCollateral = p.collateral * price / bonus
        let repay = min(byClose, byCollateral, budget)
        guard repay > 0 else { return nil }
        // When the collateral term binds, seize it all rather than a rounded near-total.
        let seize = repay == byCollateral ? p.collateral : min(p.collateral, repay * bonus / price)
        return (repay, seize)
    }

    /// Applies a liquidation: debt falls by `repay`, collateral by `seize` (both clamped at 0). When the
    /// collateral is then below ``LiquidationParameters/dustCollateral`` while debt remains, that debt is
    /// written off and returned as bad debt (a plain `Double`: Swift has no one-element labelled tuple).
    @discardableResult
    public mutating func liquidate(_ i: Int, repay: Double, seize: Double) -> Double {
        guard positions.indices.contains(i) else { return 0 }
        var p = positions[i]
        p.debt = max(0, p.debt - max(0, repay))
        p.collateral = max(0, p.collateral - max(0, seize))
        var bad = 0.0
        if p.collateral < parameters.dustCollateral && p.debt > 0 {
            bad = p.debt
            p.debt = 0
        }
        positions[i] = p
        return bad
    }

    /// Σ_j min(debt_j, collateral_j·price): the loan book's value as an asset of the lender.
    public func collateralValueCappedAssets(price: Double) -> Double {
        var sum = 0.0
        for p in positions { sum += min(p.debt, p.collateral * price) }
        return sum
    }

    /// Σ_j debt_j.
    public var totalDebt: Double {
        var sum = 0.0
        for p in positions { sum += p.debt }
        return sum
    }

    /// Σ_j collateral_j.
    public var totalCollateral: Double {
        var sum = 0.0
        for p in positions { sum += p.collateral }
        return sum
    }

    /// Index of the liquidatable position (HF < 1) with the lowest HF, skipping `excluded(i) == true`;
    /// nil if none. Linear scan, no allocation.
    public func lowestHealthFactor(price: Double, excluding excluded: (Int) -> Bool = { _ in false }) -> Int? {
        var best: Int? = nil
        var bestHF = 1.0
        for i in positions.indices where positions[i].debt > 0 && !excluded(i) {
            let hf = healthFactor(i, price: price)
            if hf < bestHF {
                bestHF = hf
                best = i
            }
        }
        return best
    }
}
