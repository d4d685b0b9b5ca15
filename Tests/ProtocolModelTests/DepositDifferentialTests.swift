import Foundation
import Stochastics
import Testing

@testable import ProtocolModel

/// Migration plan step 1: the deposit product of `LendingPool` against the pre-migration
/// `DepositLedger` (``OracleDepositLedger``), driven by the same random operations: redemptions by random
/// depositors at random ticks, cash arriving from repayments and liquidations, bad debt from exhausted
/// borrowers, under random withdrawal policies. Borrowers are tracked in ``OracleLoanBook``, whose quotes
/// say how much cash a liquidation brings and how much debt is written off.
struct DepositDifferentialTests {
    static let usd = 0, eth = 1
    static let depositors = 6, borrowers = 4
    static var liquidator: Int { depositors + borrowers }
    static var protocolAccount: Int { liquidator + 1 }

    /// The two models side by side, plus each depositor's claim as the oracle sees it (nominal units,
    /// times the oracle's socialisation scale).
    struct Pair {
        var state: ProtocolState
        var ledger: OracleDepositLedger
        var book: OracleLoanBook
        var nominal: [Double]
        var price = 2_000.0
        var badDebt = 0.0

        func claim(_ j: Int) -> Double { nominal[j] * ledger.depositScale }
    }

    static func policy(_ rng: inout RandomStream) -> WithdrawalPolicy {
        WithdrawalPolicy(
            feeFraction: rng.uniform() < 0.5 ? 0 : rng.uniform(in: 0, 0.02),
            gateFractionPerTick: rng.uniform() < 0.4 ? 1 : rng.uniform(in: 0.05, 0.5),
            lockedUntilTick: rng.uniform() < 0.5 ? 0 : rng.integer(below: 4),
            socialiseUncoveredLosses: rng.uniform() < 0.5)
    }

    static func pair(_ rng: inout RandomStream, policy: WithdrawalPolicy) throws -> Pair {
        let liquidation = LiquidationParameters(
            liquidationThreshold: 0.825, liquidationBonus: rng.uniform(in: 0.02, 0.1), closeFactor: .aaveV3,
            protocolFee: rng.uniform() < 0.5 ? 0 : 0.1)
        let zero = InterestRateModel.jumpRate(try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        var usdReserve = ReserveConfig(
            token: usd, ltv: 0, liquidation: liquidation, reserveFactor: 0, rateModel: zero, withdrawals: policy)
        usdReserve.liquidation.liquidationThreshold = 1e-9
        let lending = try LendingPool(
            reserves: [
                usdReserve,
                ReserveConfig(
                    token: eth, ltv: 0.825, liquidation: liquidation, reserveFactor: 0, borrowingEnabled: false,
                    rateModel: zero),
            ], users: protocolAccount + 1, closeFactor: .aaveV3)
        var s = try ProtocolState(
            tokens: [Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral)],
            accounts: protocolAccount + 1, lending: lending,
            oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000)])
        var nominal: [Double] = []
        for j in 0..<depositors {
            let d = rng.uniform(in: 5_000, 20_000)
            nominal.append(d)
            try s.mint(account: j, token: usd, amount: d)
            try s.deposit(account: j, token: usd, amount: d)
        }
        var positions: [OracleCollateralPosition] = []
        for b in 0..<borrowers {
            let c = rng.uniform(in: 0.5, 4)
            let debt = c * 2_000 * 0.825 / rng.uniform(in: 1.0, 1.6)
            positions.append(OracleCollateralPosition(collateral: c, debt: debt))
            try s.mint(account: depositors + b, token: eth, amount: c)
            try s.openPosition(
                account: depositors + b, collateralToken: eth, collateral: c, debtToken: usd, debt: debt)
            try s.burn(account: depositors + b, token: usd, amount: debt)
        }
        let deposits = nominal.reduce(0, +)
        let cash = deposits - positions.reduce(0) { $0 + $1.debt }
        let reserve = cash * rng.uniform()
        try s.deployOutside(token: usd, amount: cash - reserve)
        let insurance = rng.uniform() < 0.3 ? 0 : deposits * rng.uniform(in: 0, 0.05)
        if insurance > 0 {
            try s.mint(account: protocolAccount, token: usd, amount: insurance)
            try s.fundInsurance(account: protocolAccount, token: usd, amount: insurance)
        }
        try s.mint(account: liquidator, token: usd, amount: 1e9)
        let book = OracleLoanBook(positions: positions, parameters: liquidation)
        return Pair(
            state: s,
            ledger: OracleDepositLedger(deposits: deposits, reserve: reserve, insuranceFund: insurance, policy: policy),
            book: book, nominal: nominal)
    }

    /// One random operation applied to both models; returns what it did.
    static func step(_ w: inout Pair, _ rng: inout RandomStream) -> String {
        let before = w.state
        switch rng.integer(below: 8) {
        case 0, 1, 2:
            let j = rng.integer(below: depositors)
            let amount = rng.uniform(in: 0.01, 1.2) * max(1, w.claim(j))
            let r = w.state.apply(Intent(account: j, action: .redeem(token: usd, amount: amount)))
            guard w.claim(j) > 0 else {
                #expect(!r.succeeded && w.state == before)
                return "redeem by an empty account"
            }
            let o = w.ledger.withdraw(account: Int64(j), amount: min(amount, w.claim(j)), tick: w.state.tick)
            let accepted = o.paid + o.queued + o.fee
            guard accepted > 0, let fill = r.fill else {
                #expect(accepted == 0 && !r.succeeded && w.state == before, "redeem \(amount): \(o) vs \(r)")
                return "redeem refused"
            }
            #expect(close(fill.amountOut, o.paid) && close(fill.queued, o.queued) && close(fill.fee, o.fee))
            let left = w.nominal[j] - accepted / w.ledger.depositScale
            w.nominal[j] = left > 1e-12 * w.nominal[j] ? left : 0
            return "redeem \(accepted) by \(j): \(o)"
        case 3:
            let b = rng.integer(below: borrowers)
            let amount = rng.uniform(in: 0.01, 1.2) * max(1, w.book.positions[b].debt)
            try? w.state.mint(account: depositors + b, token: usd, amount: amount)
            let r = w.state.apply(Intent(account: depositors + b, action: .repay(token: usd, amount: amount)))
            let pay = min(amount, w.book.positions[b].debt)
            #expect(r.succeeded == (pay > 0), "repay \(amount) of \(w.book.positions[b].debt): \(r)")
            guard pay > 0 else { return "repay without debt" }
            w.book.positions[b].debt -= pay
            w.ledger.receive(pay)
            return "repay \(pay)"
        case 4, 5:
            let b = rng.integer(below: borrowers)
            let cover = rng.uniform(in: 0.05, 1.2) * max(1, w.book.positions[b].debt)
            let r = w.state.apply(
                Intent(
                    account: liquidator,
                    action: .liquidate(
                        borrower: depositors + b, collateralToken: eth, debtToken: usd, debtToCover: cover)))
            guard let q = w.book.liquidationQuote(b, price: w.price, budget: cover) else {
                #expect(!r.succeeded && w.state == before, "liquidation the oracle refuses filled: \(r)")
                return "liquidation refused"
            }
            let queued = w.ledger.queue.total
            w.ledger.receive(q.repay)
            let bad = w.book.liquidate(b, repay: q.repay, seize: q.seize)
            if bad > 0 { w.ledger.absorbBadDebt(bad) }
            w.badDebt += bad
            let fill = r.fill
            #expect(close(fill?.amountIn ?? -1, q.repay) && close(fill?.badDebt ?? -1, bad), "\(r)")
            return "liquidation repaying \(q.repay), bad debt \(bad), queue before \(queued)"
        case 6:
            w.price = min(4_000, max(100, w.price * exp(rng.uniform(in: -0.5, 0.25))))
            w.state.oracles[eth].manipulate(to: w.price, tick: w.state.tick)
            return "price \(w.price)"
        default:
            w.state.advance(to: w.state.tick + 1)
            return "tick \(w.state.tick)"
        }
    }

    /// Every number the two models share that differs by more than 1e-9 relative, by name.
    static func mismatches(_ w: Pair) -> [String] {
        let r = w.state.lending.reserves[0]
        let l = w.ledger
        var pairs: [(String, Double, Double)] = [
            ("cash", r.cash, l.reserve), ("queued", r.queued, l.queue.total),
            ("totalSupply", r.totalSupply, l.outstandingDeposits), ("withdrawn", r.withdrawn, l.totalWithdrawn),
            ("fees", r.fees, l.totalFees), ("insuranceFund", r.insuranceFund, l.insuranceFund),
            ("badDebt", r.badDebt, w.badDebt),
        ]
        if !l.policy.socialiseUncoveredLosses { pairs.append(("deficit", r.deficit, l.totalUncoveredLoss)) }
        let mine = Array(w.state.lending.queues[0].pending)
        let theirs = Array(l.queue.pending)
        if mine.map(\.account) != theirs.map(\.account) { return ["queue accounts \(mine) vs \(theirs)"] }
        for (k, (a, b)) in zip(mine, theirs).enumerated() { pairs.append(("queue[\(k)]", a.amount, b.amount)) }
        for b in 0..<borrowers {
            let p = w.book.positions[b]
            pairs.append(("debt[\(b)]", w.state.lending.debt(user: depositors + b, reserve: 0), p.debt))
            pairs.append(("collateral[\(b)]", w.state.lending.supplied(user: depositors + b, reserve: 1), p.collateral))
        }
        for j in 0..<depositors {
            pairs.append(("claim[\(j)]", w.state.lending.supplied(user: j, reserve: 0), w.claim(j)))
        }
        return pairs.filter { !close($0.1, $0.2) }.map { "\($0.0): state \($0.1), ledger \($0.2)" }
    }

    @Test(arguments: 0..<4)
    func randomOperationsAgreeWithTheLedger(shard: Int) throws {
        for k in 0..<100 {
            let seed = UInt64(shard * 100 + k)
            var rng = RandomStream(seed: seed, purpose: "deposit-differential")
            let policy = Self.policy(&rng)
            var w = try Self.pair(&rng, policy: policy)
            #expect(Self.mismatches(w).isEmpty, "seed \(seed) at setup")
            for n in 0..<(10 + rng.integer(below: 60)) {
                let op = Self.step(&w, &rng)
                let differ = Self.mismatches(w)
                guard differ.isEmpty else {
                    Issue.record("seed \(seed) step \(n) (\(op), \(policy)): \(differ.joined(separator: "; "))")
                    break
                }
            }
        }
    }

    /// The order of a liquidation's cash and its loss. A liquidation that repays 19 and leaves 131 of bad
    /// debt, with 200 queued and 600 supplied, no insurance fund, losses socialised. The ledger pays the
    /// queue from the 19 first and socialises over what is left: factor 1 − 131/(600 + 181) → supply
    /// 499.36, queue 150.64. The pool now does the same: a write-off's loss waits until the queue is paid
    /// (`LendingPool.absorbPendingLosses`). Before that fix it socialised first (501.75 / 148.25).
    @Test func socialisedLossWhileClaimsWait() throws {
        var s = try RedemptionTests.state(WithdrawalPolicy(socialiseUncoveredLosses: true), insurance: 0)
        var ledger = OracleDepositLedger(
            deposits: 1_000, reserve: 200, insuranceFund: 0, policy: WithdrawalPolicy(socialiseUncoveredLosses: true))
        _ = RedemptionTests.redeem(&s, 2, 400)
        _ = ledger.withdraw(account: 2, amount: 400, tick: 0)
        _ = RedemptionTests.liquidateBorrower1(&s, at: 199.5)
        ledger.receive(19)
        ledger.absorbBadDebt(131)
        #expect(close(ledger.outstandingDeposits, 600 * (1 - 131.0 / 781)))
        #expect(close(s.lending.reserves[0].totalSupply, ledger.outstandingDeposits))
        #expect(close(s.lending.reserves[0].queued, ledger.queue.total))
    }
}
