extension ProtocolState {
    /// Makes `account` a governance account: its ``IntentAction/govern(_:)`` intents may change reserve
    /// configurations. Setup only (the engine appoints the accounts of policy agents).
    /// - Throws: ``ProtocolError/unknownIndex(_:)`` for an account that does not exist.
    public mutating func appoint(governor account: Int) throws(ProtocolError) {
        guard account >= 0, account < accountCount else { throw .unknownIndex("account \(account) of \(accountCount)") }
        if !governors.contains(account) { governors.append(account) }
    }

    /// Applies a ``GovernanceOperation`` of account `a` to lending market `m`. Only an appointed governor
    /// may; the market's setter validates before it writes.
    mutating func applyGovernance(_ a: Int, _ m: Int, _ op: GovernanceOperation) throws(ProtocolError) -> Fill {
        guard governors.contains(a) else { throw .unknownIndex("account \(a) is not a governor") }
        switch op {
        case let .setCollateralRisk(r, ltv, lt):
            try markets[m].setCollateralRisk(reserve: r, ltv: ltv, liquidationThreshold: lt)
        case let .setRateModel(r, model):
            try markets[m].setRateModel(reserve: r, model)
        case let .setWithdrawalFee(r, fee):
            try markets[m].setWithdrawalFee(reserve: r, fee: fee)
        }
        return Fill()
    }
}
