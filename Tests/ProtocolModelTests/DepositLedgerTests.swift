import Testing

@testable import ProtocolModel

/// Deposits 1,000, reserve 200, insurance fund 50.
struct DepositLedgerTests {
    /// reserve + insurance + paid out − received never changes (initially 250).
    func conserved(_ l: DepositLedger) -> Bool {
        close(l.reserve + l.insuranceFund + l.totalPaidOut - l.totalReceived, 250, 1e-12)
    }

    @Test func parQueueAndInsurance() {
        var l = DepositLedger(deposits: 1_000, reserve: 200, insuranceFund: 50)
        // 150 paid at par; 200 − 150 = 50 left.
        let w1 = l.withdraw(account: 1, amount: 150, tick: 0)
        #expect(w1 == WithdrawalReceipt(paid: 150, queued: 0, fee: 0))
        // 100 requested: 50 paid, 50 queued.
        let w2 = l.withdraw(account: 2, amount: 100, tick: 0)
        #expect(w2 == WithdrawalReceipt(paid: 50, queued: 50, fee: 0))
        let w3 = l.withdraw(account: 3, amount: 30, tick: 0)
        #expect(w3 == WithdrawalReceipt(paid: 0, queued: 30, fee: 0))
        #expect(l.outstandingDeposits == 720 && l.queue.total == 80 && l.liabilities == 800)
        // 60 arrives: all to the queue (FIFO: account 2's 50, then 10 of account 3's 30).
        let toQueue = l.receive(60)
        #expect(toQueue == 60)
        #expect(l.queue.count == 1 && l.queue.first == QueuedWithdrawal(account: 3, amount: 20))
        // Bad debt 70: the fund pays 50 (20 to the queue, 30 to the reserve); 20 uncovered is dropped.
        let r = l.absorbBadDebt(70)
        #expect(r.covered == 50 && r.uncovered == 20)
        #expect(l.queue.isEmpty && l.reserve == 30 && l.insuranceFund == 0)
        #expect(conserved(l))
        #expect(l.outstandingDeposits == 720)  // dropped, not socialised
    }

    @Test func feesGatesLockupsAndSocialisation() {
        let policy = WithdrawalPolicy(
            feeFraction: 0.01, gateFractionPerTick: 0.1, lockedUntilTick: 5,
            socialiseUncoveredLosses: true)
        var l = DepositLedger(deposits: 1_000, reserve: 200, insuranceFund: 50, policy: policy)
        let w4 = l.withdraw(account: 1, amount: 10, tick: 4)
        #expect(w4 == WithdrawalReceipt(paid: 0, queued: 0, fee: 0, refused: 10))
        // Gate at tick 5: 10% of 1,000 = 100. Request 150 → 100 accepted, fee 1, 99 paid, 50 refused.
        let w5 = l.withdraw(account: 1, amount: 150, tick: 5)
        #expect(w5 == WithdrawalReceipt(paid: 99, queued: 0, fee: 1, refused: 50))
        let w6 = l.withdraw(account: 2, amount: 5, tick: 5)
        #expect(w6.refused == 5)
        // Next tick: gate 10% of 900 = 90.
        let w7 = l.withdraw(account: 2, amount: 200, tick: 6)
        #expect(w7.refused == 110)
        #expect(close(l.outstandingDeposits, 810))
        #expect(conserved(l))
        // Socialised loss of 50 + 81 uncovered: deposits scaled by 1 − 81/810 = 0.9.
        let r = l.absorbBadDebt(131)
        #expect(r.uncovered == 81)
        #expect(close(l.outstandingDeposits, 729))
    }

    @Test func queueIsFIFOAndCompacts() {
        var q = WithdrawalQueue()
        for k in 0..<5_000 { q.enqueue(account: Int64(k), amount: 1) }
        var paidTo: [Int64] = []
        q.pay(2.5) { account, _ in paidTo.append(account) }
        #expect(paidTo == [0, 1, 2])
        #expect(close(q.total, 4_997.5) && q.first == QueuedWithdrawal(account: 2, amount: 0.5))
        let used8 = q.pay(3_000)
        #expect(used8 == 3_000)
        // 2.5 + 3,000 paid: account 3,002 has 0.5 left, 1,998 claims and 1,997.5 USD remain.
        #expect(q.count == 1_998 && q.first == QueuedWithdrawal(account: 3_002, amount: 0.5))
        let used9 = q.pay(1e9)
        #expect(used9 == 1_997.5 && q.isEmpty && q.total == 0)
    }
}
