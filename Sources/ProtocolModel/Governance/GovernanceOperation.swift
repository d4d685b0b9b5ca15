/// What a governance account can change in a lending market's reserve configurations, as the payload of
/// ``IntentAction/govern(_:)``. Each operation validates its new values before it writes, so a refused
/// change leaves the state identical.
public enum GovernanceOperation: Sendable, Equatable {
    /// Set reserve `reserve`'s loan-to-value and liquidation threshold
    /// (``LendingPool/setCollateralRisk(reserve:ltv:liquidationThreshold:)``).
    case setCollateralRisk(reserve: Int, ltv: Double, liquidationThreshold: Double)
    /// Replace reserve `reserve`'s interest rate model (``LendingPool/setRateModel(reserve:_:)``).
    case setRateModel(reserve: Int, model: InterestRateModel)
    /// Set reserve `reserve`'s withdrawal fee (``LendingPool/setWithdrawalFee(reserve:fee:)``).
    case setWithdrawalFee(reserve: Int, fee: Double)
}
