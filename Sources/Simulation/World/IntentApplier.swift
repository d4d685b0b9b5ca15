import Agents
import ProtocolModel

/// Applies one ordered intent to the live world and says what happened.
///
/// Every branch either completes with its token movements recorded in ``ExternalFlows``
/// or reverts before touching the state.
struct IntentApplier {
    /// Liquidations smaller than this (USD) are dust: skipped rather than looped on.
    static let dustRepayment = 1e-9
    /// A safety cap on liquidations in one policy intent.
    static let maxLiquidationsPerIntent = 100_000

    /// Positions by collateral/debt for liquidation turns; storage reused across intents.
    var heap = PositionHeap()

    mutating func apply(_ p: Proposal, to w: inout WorldState) -> AgentReceipt {
        switch p.intent {
        case let .withdraw(amount):
            return withdraw(p, amount, &w)
        case let .arbitrage(gamma, maxBase, maxQuote, gas, minProfit):
            return arbitrage(p, gamma, maxBase, maxQuote, gas, minProfit, &w)
        case let .removeLiquidity(shares):
            // Within rounding of the whole pool burns it all: the LPs' books and the pool's total differ by
            // floating-point dust, which must not linger as shares nobody owns. When every LP has left the pool
            // is empty (reference model): its price holds, and nobody trades against a dust pool.
            let total = w.amm.totalShares
            guard shares > 0, shares <= total * (1 + 1e-12),
                let out = try? w.amm.removeLiquidity(shares: shares >= total * (1 - 1e-12) ? total : shares)
            else {
                return AgentReceipt(agent: p.agent, intent: p.intent, revert: .insufficientBalance)
            }
            let price = w.amm.price
            w.flows.collateralOut += out.base
            w.flows.usdOut += out.quote
            return AgentReceipt(agent: p.agent, intent: p.intent, usdOut: out.quote + out.base * price, amount: shares)
        case let .addLiquidity(value):
            let price = w.amm.price
            guard value > 0, price > 0,
                let shares = try? w.amm.addLiquidity(base: value / 2 / price, quote: value / 2)
            else {
                return AgentReceipt(agent: p.agent, intent: p.intent, revert: .nothingToDo)
            }
            w.flows.collateralIn += value / 2 / price
            w.flows.usdIn += value / 2
            return AgentReceipt(agent: p.agent, intent: p.intent, amount: shares)
        case let .liquidate(budget, gas, minProfit):
            return liquidate(p, budget, gas, minProfit, &w)
        case let .topUp(position, collateral):
            let i = Int(position)
            guard w.loans.positions.indices.contains(i), collateral > 0 else {
                return AgentReceipt(agent: p.agent, intent: p.intent, revert: .invalidPosition)
            }
            w.loans.positions[i].collateral += collateral
            w.flows.collateralIn += collateral
            return AgentReceipt(agent: p.agent, intent: p.intent, amount: collateral)
        case let .repay(position, amount):
            let i = Int(position)
            guard w.loans.positions.indices.contains(i), amount > 0, w.loans.positions[i].debt > 0 else {
                return AgentReceipt(agent: p.agent, intent: p.intent, revert: .invalidPosition)
            }
            let r = min(amount, w.loans.positions[i].debt)
            w.loans.positions[i].debt -= r
            w.flows.usdIn += r
            w.ledger.receive(r)
            return AgentReceipt(agent: p.agent, intent: p.intent, amount: r)
        case let .deleverage(position, collateral):
            return deleverage(p, Int(position), collateral, &w)
        }
    }

    private func withdraw(_ p: Proposal, _ amount: Double, _ w: inout WorldState) -> AgentReceipt {
        // Population in the high half, agent in the low half: unique for every Int32 agent index.
        let account = Int64(p.population) << 32 | Int64(UInt32(bitPattern: p.agent))
        let r = w.ledger.withdraw(account: account, amount: amount, tick: w.tick)
        w.outflowThisTick += r.paid + r.queued + r.fee
        return AgentReceipt(agent: p.agent, intent: p.intent, usdOut: r.paid, usdQueued: r.queued, amount: r.fee)
    }

    private func arbitrage(
        _ p: Proposal, _ gamma: Double, _ maxBase: Double, _ maxQuote: Double,
        _ gas: Double, _ minProfit: Double, _ w: inout WorldState
    ) -> AgentReceipt {
        guard !w.amm.isEmpty else { return AgentReceipt(agent: p.agent, intent: p.intent, revert: .emptyPool) }
        let pe = w.externalPrice
        let price = w.amm.price
        let sellCollateral: Bool
        let target: Double
        if price > pe / gamma * (1 + 1e-12) {
            sellCollateral = true
            target = pe / gamma
        } else if price < gamma * pe * (1 - 1e-12) {
            sellCollateral = false
            target = gamma * pe
        } else {
            return AgentReceipt(agent: p.agent, intent: p.intent, revert: .nothingToDo)
        }
        guard let trade = w.amm.inputToReachPrice(target), trade.baseIn == sellCollateral else {
            return AgentReceipt(agent: p.agent, intent: p.intent, revert: .nothingToDo)
        }
        let input = min(trade.amountIn, sellCollateral ? maxBase : maxQuote)
        guard input > 0 else { return AgentReceipt(agent: p.agent, intent: p.intent, revert: .insufficientInventory) }
        let out = w.amm.amountOut(amountIn: input, baseIn: sellCollateral)
        // Profit against the external market, where the other leg is traded at p_ext.
        let profit = (sellCollateral ? out - input * pe : out * pe - input) - gas
        guard profit >= minProfit, (try? w.amm.swap(amountIn: input, baseIn: sellCollateral)) != nil else {
            return AgentReceipt(agent: p.agent, intent: p.intent, revert: .belowMinimumProfit)
        }
        if sellCollateral {
            w.flows.collateralIn += input
            w.flows.usdOut += out
        } else {
            w.flows.usdIn += input
            w.flows.collateralOut += out
        }
        return AgentReceipt(agent: p.agent, intent: p.intent, usdOut: profit, amount: input)
    }

    private mutating func liquidate(
        _ p: Proposal, _ budget: Double, _ gas: Double, _ minProfit: Double,
        _ w: inout WorldState
    ) -> AgentReceipt {
        guard !w.amm.isEmpty else { return AgentReceipt(agent: p.agent, intent: p.intent, revert: .emptyPool) }
        // Skipped positions are simply not pushed back for the rest of this turn.
        heap.rebuild(from: w.loans)
        var left = budget
        var repaid = 0.0
        var proceeds = 0.0
        for _ in 0..<Self.maxLiquidationsPerIntent where left > Self.dustRepayment && !w.amm.isEmpty {
            // Health, repayment and seizure at the pool's price; the sale at the AMM's.
            let price = w.lendingPrice
            guard let i = heap.popMin(), w.loans.healthFactor(i, price: price) < 1 else { break }
            guard let q = w.loans.liquidationQuote(i, price: price, budget: left), q.repay > Self.dustRepayment else {
                continue
            }
            // Aave v3 `LiquidationLogic`: the protocol keeps `liquidationProtocolFee` of the bonus part
            // of the seized collateral; the liquidator receives (and sells) the rest.
            let fee = Self.protocolFee(seize: q.seize, parameters: w.loans.parameters)
            let received = q.seize - fee
            let quoted = w.amm.amountOut(amountIn: received, baseIn: true)
            guard quoted - gas > q.repay + minProfit else { continue }
            // The sale is the step that can fail; it runs first, so a failure leaves the loan untouched.
            guard let sold = try? w.amm.swap(amountIn: received, baseIn: true) else { continue }
            let writtenOff = w.loans.liquidate(i, repay: q.repay, seize: q.seize)
            left -= q.repay
            repaid += q.repay
            w.liquidatedUSD += q.repay
            w.flows.usdIn += q.repay
            w.ledger.receive(q.repay)
            w.protocolFeeCollateral += fee
            w.flows.collateralOut += fee
            proceeds += sold
            w.flows.usdOut += sold
            if writtenOff > 0 { writeOff(writtenOff, &w) }
            heap.push(i, position: w.loans.positions[i])
        }
        guard repaid > 0 else { return AgentReceipt(agent: p.agent, intent: p.intent, revert: .nothingToDo) }
        return AgentReceipt(agent: p.agent, intent: p.intent, usdOut: proceeds, amount: repaid)
    }

    private func deleverage(_ p: Proposal, _ i: Int, _ collateral: Double, _ w: inout WorldState) -> AgentReceipt {
        guard w.loans.positions.indices.contains(i), collateral > 0 else {
            return AgentReceipt(agent: p.agent, intent: p.intent, revert: .invalidPosition)
        }
        guard !w.amm.isEmpty else { return AgentReceipt(agent: p.agent, intent: p.intent, revert: .emptyPool) }
        let sell = min(collateral, w.loans.positions[i].collateral)
        guard sell > 0, let proceeds = try? w.amm.swap(amountIn: sell, baseIn: true) else {
            return AgentReceipt(agent: p.agent, intent: p.intent, revert: .nothingToDo)
        }
        w.loans.positions[i].collateral -= sell
        let r = min(proceeds, w.loans.positions[i].debt)
        w.loans.positions[i].debt -= r
        w.ledger.receive(r)
        w.flows.usdOut += proceeds - r
        let pos = w.loans.positions[i]
        if pos.collateral < w.loans.parameters.dustCollateral && pos.debt > 0 {
            w.loans.positions[i].debt = 0
            writeOff(pos.debt, &w)
        }
        return AgentReceipt(agent: p.agent, intent: p.intent, usdOut: proceeds - r, amount: r)
    }

    /// The protocol's share of a seizure: `(seize − seize/(1+bonus))·protocolFee`, as Aave v3 computes
    /// `liquidationProtocolFee` from the bonus collateral.
    static func protocolFee(seize: Double, parameters: LiquidationParameters) -> Double {
        guard parameters.protocolFee > 0 else { return 0 }
        let bonusCollateral = seize - seize / (1 + parameters.liquidationBonus)
        return bonusCollateral * parameters.protocolFee
    }

    /// Bad debt: the insurance fund pays what it can into the reserve; the rest is dropped.
    private func writeOff(_ amount: Double, _ w: inout WorldState) {
        w.badDebtUSD += amount
        w.flows.debtWrittenOff += amount
        let (_, uncovered) = w.ledger.absorbBadDebt(amount)
        w.flows.uncoveredLoss += uncovered
    }
}
