@testable import ProtocolModel

// The pre-migration `LoanBook` and `CollateralPosition` (Sources/ProtocolModel/Lending/LoanBook.swift
// before a5aeb35) and the liquidation loop of the pre-migration `IntentApplier.liquidate`
// (Sources/Simulation/World/IntentApplier.swift), renamed and kept here only as differential oracles for
// `LendingPool` liquidations and the `liquidateLowest` policy intent. Do not use them outside the tests.

/// One borrower's position in a single-collateral market: collateral in base units, debt in USD.
struct OracleCollateralPosition: Sendable, Equatable {
    var collateral: Double
    var debt: Double
}

/// A fast single-collateral lending book (one collateral token, USD debt). No interest accrues here.
struct OracleLoanBook: Sendable {
    var positions: [OracleCollateralPosition]
    let parameters: LiquidationParameters

    init(positions: [OracleCollateralPosition], parameters: LiquidationParameters = LiquidationParameters()) {
        self.positions = positions
        self.parameters = parameters
    }

    /// `HF = collateral·price·LT / debt`; +∞ when the debt is 0.
    func healthFactor(_ i: Int, price: Double) -> Double {
        let p = positions[i]
        guard p.debt > 0 else { return .infinity }
        return p.collateral * price * parameters.liquidationThreshold / p.debt
    }

    /// Aave's `_calculateAvailableCollateralToLiquidate` for one position:
    /// `repay = min(closeFactor·debt, collateral·price/(1+bonus), budget)` and
    /// `seize = repay·(1+bonus)/price`, or all the collateral when the collateral term binds.
    func liquidationQuote(_ i: Int, price: Double, budget: Double) -> (repay: Double, seize: Double)? {
        guard positions.indices.contains(i), price > 0, budget > 0 else { return nil }
        let hf = healthFactor(i, price: price)
        guard hf < 1 else { return nil }
        let p = positions[i]
        let bonus = 1 + parameters.liquidationBonus
        let byClose = parameters.closeFactor.factor(healthFactor: hf) * p.debt
        let byCollateral = p.collateral * price / bonus
        let repay = min(byClose, byCollateral, budget)
        guard repay > 0 else { return nil }
        let seize = repay == byCollateral ? p.collateral : min(p.collateral, repay * bonus / price)
        return (repay, seize)
    }

    /// Debt falls by `repay`, collateral by `seize`; collateral below dust with debt left writes the
    /// debt off and returns it.
    @discardableResult
    mutating func liquidate(_ i: Int, repay: Double, seize: Double) -> Double {
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

    /// Σ_j min(debt_j, collateral_j·price).
    func collateralValueCappedAssets(price: Double) -> Double {
        positions.reduce(0) { $0 + min($1.debt, $1.collateral * price) }
    }

    /// Σ_j debt_j.
    var totalDebt: Double { positions.reduce(0) { $0 + $1.debt } }
}

/// What the pre-migration liquidation loop did in one turn.
struct OracleLiquidationTurn: Equatable {
    var repaid = 0.0
    var proceeds = 0.0
    var badDebt = 0.0
    var protocolFee = 0.0
}

extension OracleLoanBook {
    /// `IntentApplier.liquidate` before a5aeb35: lowest collateral/debt first (ties to the lower index;
    /// the `PositionHeap` order, here as a scan of the positions still in the turn), health and quote at
    /// the pool's price of the moment, skip when the quoted sale − gas ≤ repay + minProfit, sell the
    /// received collateral (seize − protocol fee) into `pool`, write dust positions off.
    mutating func liquidationTurn(
        pool: inout UniswapV2Pool, budget: Double, gasCost: Double, minProfit: Double
    ) -> OracleLiquidationTurn {
        var turn = OracleLiquidationTurn()
        guard !pool.isEmpty else { return turn }
        var inTurn = positions.indices.map { positions[$0].debt > 0 }
        var left = budget
        for _ in 0..<100_000 where left > 1e-9 && !pool.isEmpty {
            let price = pool.price
            var lowest: Int? = nil
            for i in positions.indices where inTurn[i] {
                let key = positions[i].collateral / positions[i].debt
                if let l = lowest, key >= positions[l].collateral / positions[l].debt { continue }
                lowest = i
            }
            guard let i = lowest, healthFactor(i, price: price) < 1 else { break }
            inTurn[i] = false
            guard let q = liquidationQuote(i, price: price, budget: left), q.repay > 1e-9 else { continue }
            let bonusCollateral = q.seize - q.seize / (1 + parameters.liquidationBonus)
            let fee = parameters.protocolFee > 0 ? bonusCollateral * parameters.protocolFee : 0
            let received = q.seize - fee
            let quoted = pool.amountOut(amountIn: received, baseIn: true)
            guard quoted - gasCost > q.repay + minProfit else { continue }
            guard let sold = try? pool.swap(amountIn: received, baseIn: true) else { continue }
            turn.badDebt += liquidate(i, repay: q.repay, seize: q.seize)
            left -= q.repay
            turn.repaid += q.repay
            turn.proceeds += sold
            turn.protocolFee += fee
            inTurn[i] = positions[i].debt > 0
        }
        return turn
    }
}
