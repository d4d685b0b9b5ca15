@testable import ProtocolModel

// The pre-migration `DepositLedger` (Sources/ProtocolModel/Lending/DepositLedger.swift before a5aeb35),
// renamed and kept here only as a differential oracle for the deposit product of `LendingPool`
// (`quoteRedemption`/`commitRedemption`, `payQueue`, `writeOffIfExhausted`/`absorbUncovered`).
// Do not use it outside the tests; change it only to follow a deliberate change of semantics.

/// The deposit side of the reference model: par withdrawals from a liquid reserve, a FIFO queue for what
/// the reserve cannot pay, and an insurance fund on top.
///
/// USD bookkeeping: every USD that leaves the reserve is counted in ``totalPaidOut`` and every USD from
/// outside in ``totalReceived`` (insurance payments are internal), so
/// `reserve + insuranceFund + totalPaidOut − totalReceived` never changes.
struct OracleDepositLedger: Sendable {
    /// Liquid USD reserve.
    var reserve: Double
    /// Insurance fund (USD, outside the reserve).
    var insuranceFund: Double
    /// D_t: deposits not yet withdrawn or queued.
    private(set) var outstandingDeposits: Double
    /// FIFO of claims the reserve could not pay.
    private(set) var queue: WithdrawalQueue
    /// Withdrawal frictions.
    var policy: WithdrawalPolicy
    /// Cumulative USD paid to depositors (at request and from the queue).
    private(set) var totalPaidOut: Double = 0
    /// Cumulative USD received through ``receive(_:)`` from outside the ledger.
    private(set) var totalReceived: Double = 0
    /// Cumulative deposits accepted for withdrawal (paid, queued or charged as fees).
    private(set) var totalWithdrawn: Double = 0
    /// The product of every socialisation factor so far: a depositor's claim is its nominal balance
    /// times this. 1 until a loss is socialised.
    private(set) var depositScale: Double = 1
    /// Cumulative fees kept.
    private(set) var totalFees: Double = 0
    /// Cumulative losses the insurance fund could not cover.
    private(set) var totalUncoveredLoss: Double = 0
    private var gateTick = Int.min
    private var gateAllowance = 0.0

    /// Creates a ledger with `deposits` outstanding.
    init(deposits: Double, reserve: Double, insuranceFund: Double, policy: WithdrawalPolicy = .plain) {
        outstandingDeposits = max(0, deposits)
        self.reserve = max(0, reserve)
        self.insuranceFund = max(0, insuranceFund)
        self.policy = policy
        queue = WithdrawalQueue()
    }

    /// Liabilities `D_t + queue`.
    var liabilities: Double { outstandingDeposits + queue.total }

    /// Withdraws `amount` for `account` at `tick`: the fee is kept, the net is paid at par from the
    /// reserve, and what the reserve cannot pay is queued. Amounts beyond the outstanding deposits, the
    /// tick's gate or before the lock-up are refused.
    mutating func withdraw(account: Int64, amount: Double, tick: Int) -> WithdrawalReceipt {
        guard amount > 0, amount.isFinite else { return WithdrawalReceipt(paid: 0, queued: 0, fee: 0) }
        guard tick >= policy.lockedUntilTick else {
            return WithdrawalReceipt(paid: 0, queued: 0, fee: 0, refused: amount)
        }
        var accepted = min(amount, outstandingDeposits)
        if policy.gateFractionPerTick < 1 {
            if tick != gateTick {
                gateTick = tick
                gateAllowance = max(0, policy.gateFractionPerTick) * outstandingDeposits
            }
            accepted = min(accepted, gateAllowance)
            gateAllowance -= accepted
        }
        outstandingDeposits -= accepted
        totalWithdrawn += accepted
        let fee = accepted * min(1, max(0, policy.feeFraction))
        let net = accepted - fee
        totalFees += fee
        let paid = min(net, reserve)
        reserve -= paid
        totalPaidOut += paid
        let queued = net - paid
        queue.enqueue(account: account, amount: queued)
        return WithdrawalReceipt(paid: paid, queued: queued, fee: fee, refused: amount - accepted)
    }

    /// USD arriving at the reserve pays the queue first (FIFO); the rest stays in the reserve. Returns
    /// the amount that went to the queue.
    @discardableResult
    mutating func receive(_ usd: Double) -> Double {
        guard usd > 0, usd.isFinite else { return 0 }
        totalReceived += usd
        let toQueue = queue.pay(usd)
        totalPaidOut += toQueue
        reserve += usd - toQueue
        return toQueue
    }

    /// Bad debt: the insurance fund pays as much as it can into the reserve (through the queue first);
    /// the rest is dropped, or socialised pro rata when the policy says so.
    @discardableResult
    mutating func absorbBadDebt(_ amount: Double) -> (covered: Double, uncovered: Double) {
        guard amount > 0, amount.isFinite else { return (0, 0) }
        let covered = min(amount, insuranceFund)
        insuranceFund -= covered
        // An internal transfer, not outside money: undo receive's count of it.
        receive(covered)
        totalReceived -= covered
        let uncovered = amount - covered
        totalUncoveredLoss += uncovered
        if policy.socialiseUncoveredLosses { socialise(loss: uncovered) }
        return (covered, uncovered)
    }

    /// Writes `loss` off the depositors' claims pro rata: deposits and queued claims are scaled by
    /// `1 − loss/(D + queue)` (floored at 0).
    mutating func socialise(loss: Double) {
        let base = liabilities
        guard loss > 0, base > 0 else { return }
        let factor = max(0, 1 - loss / base)
        outstandingDeposits *= factor
        queue.scale(by: factor)
        depositScale *= factor
    }
}

/// What happened to one withdrawal request.
struct WithdrawalReceipt: Sendable, Equatable {
    /// USD paid now from the reserve.
    var paid: Double
    /// USD owed and placed in the FIFO queue.
    var queued: Double
    /// Fee kept by the protocol.
    var fee: Double
    /// USD not accepted (gate or lock-up); it stays deposited.
    var refused: Double
    /// Creates a receipt.
    init(paid: Double, queued: Double, fee: Double, refused: Double = 0) {
        self.paid = paid
        self.queued = queued
        self.fee = fee
        self.refused = refused
    }
}
