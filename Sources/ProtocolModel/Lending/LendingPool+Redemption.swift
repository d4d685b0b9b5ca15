/// What a redemption request did: accepted (paid now, queued, or kept as a fee) or refused by a gate.
public struct Redemption: Sendable, Equatable {
    /// Supply accepted for withdrawal: `paid + queued + fee`.
    public var accepted: Double
    /// Paid now from the reserve's cash.
    public var paid: Double
    /// Owed and placed at the back of the reserve's FIFO queue.
    public var queued: Double
    /// Kept by the protocol as the withdrawal fee.
    public var fee: Double
    /// Not accepted because of the per-tick gate; it stays supplied.
    public var refused: Double
}

extension LendingPool {
    /// Quotes a redemption of up to `amount` of `user`'s supply in reserve `r` at `tick`, under the
    /// reserve's ``WithdrawalPolicy``: a deposit product, unlike Aave's `withdraw`, never reverts for
    /// want of cash. The fee is kept, the net is paid from cash at par, and what cash cannot pay joins a
    /// FIFO queue that cash arriving later pays first.
    ///
    /// - Throws: ``ProtocolError/locked(untilTick:)`` before the lock-up ends, ``ProtocolError/gateClosed``
    ///   when the tick's gate allowance is used up, ``ProtocolError/healthFactorTooLow(hf:)`` when the
    ///   supply backs debt, and the usual index and amount errors.
    public func quoteRedemption(user: Int, reserve r: Int, amount: Double, tick: Int, prices: [Double])
        throws(ProtocolError) -> Redemption
    {
        try check(user, r)
        try _requireAmount("amount", amount)
        let policy = configs[r].withdrawals
        guard tick >= policy.lockedUntilTick else { throw .locked(untilTick: policy.lockedUntilTick) }
        let have = supplied(user: user, reserve: r)
        guard have > 0 else {
            throw .insufficientBalance(account: user, token: configs[r].token, needed: amount, available: 0)
        }
        let requested = min(amount, have)
        var accepted = requested
        if policy.gateFractionPerTick < 1 {
            accepted = min(accepted, gateAllowance(r, tick: tick))
            guard accepted > 0 else { throw .gateClosed }
        }
        if isDebtor[user] {
            // Supply that backs debt leaves only while the health factor stays at or above 1.
            let data = accountData(user: user, prices: prices)
            if data.debt > 0 {
                let lt = configs[r].liquidation.liquidationThreshold
                let after = data.thresholdCollateral - accepted * price(r, prices) * lt
                let hf = max(0, after) / data.debt
                guard hf >= 1 else { throw .healthFactorTooLow(hf: hf) }
            }
        }
        let fee = accepted * min(1, max(0, policy.feeFraction))
        let net = accepted - fee
        let paid = min(net, reserves[r].cash)
        return Redemption(
            accepted: accepted, paid: paid, queued: net - paid, fee: fee, refused: requested - accepted)
    }

    /// Writes a redemption that ``quoteRedemption(user:reserve:amount:tick:prices:)`` produced.
    mutating func commitRedemption(_ q: Redemption, user: Int, reserve r: Int, tick: Int) {
        if configs[r].withdrawals.gateFractionPerTick < 1 {
            let allowance = gateAllowance(r, tick: tick)
            gates[r] = (tick, max(0, allowance - q.accepted))
        }
        let have = supplied(user: user, reserve: r)
        setSupplied(user, r, q.accepted >= have ? 0 : have - q.accepted)
        reserves[r].cash -= q.paid
        reserves[r].withdrawn += q.accepted
        reserves[r].fees += q.fee
        // The fee leaves the suppliers' claims. With `feesToInsurance` the cash left after paying the withdrawer
        // carries it into the insurance fund (outside both cash and claims); whatever cash cannot carry, and every
        // fee otherwise, becomes the protocol's claim on the reserve.
        let insured = configs[r].withdrawals.feesToInsurance ? min(q.fee, max(0, reserves[r].cash)) : 0
        reserves[r].cash -= insured
        reserves[r].insuranceFund += insured
        reserves[r].accruedToTreasury += q.fee - insured
        queues[r].enqueue(account: Int64(user), amount: q.queued)
        reserves[r].queued = queues[r].total
    }

    /// What is left of the gate this tick: the policy's fraction of the supply outstanding at the tick's
    /// first redemption.
    func gateAllowance(_ r: Int, tick: Int) -> Double {
        if gates[r].tick == tick { return gates[r].allowance }
        return max(0, configs[r].withdrawals.gateFractionPerTick) * reserves[r].totalSupply
    }

    /// Pays reserve `r`'s queue from its cash, oldest claim first, and tells `onPaid` who got what. Cash
    /// that arrives while claims wait goes to them before anyone else can withdraw or borrow it.
    mutating func payQueue(reserve r: Int, onPaid: (Int, Double) -> Void) {
        guard !queues[r].isEmpty, reserves[r].cash > 0 else { return }
        let used = queues[r].pay(reserves[r].cash) { account, amount in onPaid(Int(account), amount) }
        reserves[r].cash = max(0, reserves[r].cash - used)
        reserves[r].queued = queues[r].total
    }

    /// Setup only: moves `amount` of reserve `r`'s cash out of the model, into a strategy the model does
    /// not value (the reference model lends only part of its deposits and keeps only part as reserve).
    public mutating func deployOutside(reserve r: Int, amount: Double) throws(ProtocolError) {
        guard configs.indices.contains(r) else { throw .unknownIndex("reserve \(r)") }
        try _requireAmount("amount", amount, positive: false)
        guard amount <= reserves[r].cash else { throw .insufficientLiquidity }
        reserves[r].cash -= amount
        reserves[r].deployed += amount
    }

    /// Absorbs the losses written off since the last call (after the queue was paid from the cash that
    /// arrived with them, as a ledger receives cash before it writes a loss off).
    mutating func absorbPendingLosses() {
        for r in pendingLoss.indices where pendingLoss[r] > 0 {
            let loss = pendingLoss[r]
            pendingLoss[r] = 0
            absorbUncovered(loss, reserve: r)
        }
    }

    /// Losses the insurance fund could not cover: socialised pro rata over suppliers and queued claims
    /// when the reserve's policy says so, otherwise kept as the reserve's deficit.
    mutating func absorbUncovered(_ loss: Double, reserve r: Int) {
        guard loss > 0 else { return }
        guard configs[r].withdrawals.socialiseUncoveredLosses else {
            reserves[r].deficit += loss
            return
        }
        let base = reserves[r].totalSupply + reserves[r].queued
        guard base > 0 else {
            reserves[r].deficit += loss
            return
        }
        let factor = max(0, 1 - loss / base)
        reserves[r].supplyIndex *= factor
        queues[r].scale(by: factor)
        reserves[r].queued = queues[r].total
        // A loss larger than every claim leaves the excess as deficit.
        reserves[r].deficit += max(0, loss - base)
    }
}
