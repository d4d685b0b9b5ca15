/// How much of a position's debt one liquidation may repay.
public enum CloseFactorPolicy: Sendable, Equatable {
    /// A fixed fraction of the debt, e.g. `.fixed(0.5)` = Aave v2 (`LIQUIDATION_CLOSE_FACTOR_PERCENT`).
    case fixed(Double)
    /// Aave v3 (`LiquidationLogic.sol`): 50% (`DEFAULT_LIQUIDATION_CLOSE_FACTOR`) while HF is above
    /// 0.95 (`CLOSE_FACTOR_HF_THRESHOLD`), 100% (`MAX_LIQUIDATION_CLOSE_FACTOR`) at or below it: the
    /// contract tests `healthFactor > CLOSE_FACTOR_HF_THRESHOLD`.
    case aaveV3

    /// The close factor that applies at health factor `hf`.
    @inlinable public func factor(healthFactor hf: Double) -> Double {
        switch self {
        case let .fixed(f): f
        case .aaveV3: hf > 0.95 ? 0.5 : 1.0
        }
    }
}

/// Liquidation parameters of one collateral market.
public struct LiquidationParameters: Sendable, Equatable {
    /// Liquidation threshold LT: the share of collateral value that counts in the health factor.
    public var liquidationThreshold: Double
    /// Liquidation bonus b: the liquidator seizes (1 + b) times the value it repays.
    public var liquidationBonus: Double
    /// Close-factor policy.
    public var closeFactor: CloseFactorPolicy
    /// Aave v3's `liquidationProtocolFee`: the share of the bonus collateral that goes to the treasury.
    public var protocolFee: Double
    /// Collateral below this amount counts as exhausted; remaining debt is then bad debt.
    public var dustCollateral: Double

    /// Creates parameters; the defaults are the reference model's (LT 0.825, bonus 5%, v2 close factor).
    public init(
        liquidationThreshold: Double = 0.825, liquidationBonus: Double = 0.05,
        closeFactor: CloseFactorPolicy = .fixed(0.5), protocolFee: Double = 0,
        dustCollateral: Double = 1e-9
    ) {
        self.liquidationThreshold = liquidationThreshold
        self.liquidationBonus = liquidationBonus
        self.closeFactor = closeFactor
        self.protocolFee = protocolFee
        self.dustCollateral = dustCollateral
    }

    /// Checks every field's range.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` naming the first bad field.
    public func validate() throws(ProtocolError) {
        guard liquidationThreshold > 0, liquidationThreshold <= 1 else {
            throw .invalidAmount("liquidationThreshold = \(liquidationThreshold), expected 0 < LT ≤ 1")
        }
        guard liquidationBonus >= 0, liquidationBonus < 1 else {
            throw .invalidAmount("liquidationBonus = \(liquidationBonus), expected 0 ≤ bonus < 1")
        }
        if case let .fixed(f) = closeFactor, !(f > 0 && f <= 1) {
            throw .invalidAmount("closeFactor = \(f), expected 0 < closeFactor ≤ 1")
        }
        guard protocolFee >= 0, protocolFee <= 1 else {
            throw .invalidAmount("protocolFee = \(protocolFee), expected 0 ≤ fee ≤ 1")
        }
        guard dustCollateral >= 0 else { throw .invalidAmount("dustCollateral = \(dustCollateral), expected ≥ 0") }
    }
}
