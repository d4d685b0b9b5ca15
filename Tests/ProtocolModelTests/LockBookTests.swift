import Testing

@testable import ProtocolModel

/// Lock-up boosts on the small world of ``IncentiveLedgerTests``: the depositor (account 1) holds 10,000 USD
/// of supply; the book's full term is 100 ticks at a multiplier of 2.5.
struct LockBookTests {
    static let depositor = IncentiveLedgerTests.depositor

    static func state() throws -> ProtocolState {
        var s = try IncentiveLedgerTests.state()
        try s.install(locks: LockBook(maxTicks: 100, maxBoost: 2.5, terms: 4, accounts: 0))
        return s
    }

    static func lock(_ s: inout ProtocolState, _ ticks: Int, by account: Int = depositor) -> Receipt {
        s.apply(Intent(account: account, action: .lock(ticks: ticks)))
    }

    static func withdraw(_ s: inout ProtocolState, _ amount: Double) -> Receipt {
        s.apply(Intent(account: depositor, action: .withdraw(token: 0, amount: amount)))
    }

    /// Frax's `lockMultiplier`: 1 + L·(M − 1)/L_max, capped at M.
    @Test func theMultiplierIsFraxsLinearCappedRule() {
        let book = LockBook(maxTicks: 100, maxBoost: 2.5, terms: 4, accounts: 0)
        #expect(book.multiplier(ticks: 0) == 1)
        #expect(book.multiplier(ticks: 50) == 1.75)
        #expect(book.multiplier(ticks: 100) == 2.5)
        #expect(book.multiplier(ticks: 400) == 2.5)
        #expect((1...4).map(book.term) == [25, 50, 75, 100])
        #expect(LockBook(maxTicks: 100, maxBoost: 1, terms: 4, accounts: 0).multiplier(ticks: 100) == 1)
    }

    /// A lock weighs its amount times the multiplier, refuses withdrawals until its end, then leaves the totals;
    /// it moves no tokens.
    @Test func aLockHoldsTheDepositUntilItEnds() throws {
        var s = try Self.state()
        let holdings = s.totalHoldings(of: 0)
        let r = Self.lock(&s, 50)
        #expect(r.succeeded && r.fill?.amountIn == 10_000)
        #expect(s.locks.totalWeight == 17_500 && s.locks.lockedAmount == 10_000 && s.locks.lockedUntil(1) == 50)
        #expect(s.totalHoldings(of: 0) == holdings && s.balances[Self.depositor, 0] == 0)
        s.advance(to: 49)
        let before = s
        #expect(Self.withdraw(&s, 1_000).error == .locked(untilTick: 50))
        #expect(s.apply(Intent(account: 1, action: .redeem(token: 0, amount: 1_000))).error == .locked(untilTick: 50))
        #expect(s == before)
        s.advance(to: 50)
        #expect(s.locks.totalWeight == 0 && s.locks.lockedAmount == 0)
        #expect(Self.withdraw(&s, 1_000).succeeded && s.balances[Self.depositor, 0] == 1_000)
        #expect(s.locks.locksOpened == 1 && s.locks.meanTerm == 50)
    }

    /// Two locks of different terms: each leaves the totals at its own end, and the mean term is weighted by
    /// amount.
    @Test func locksEndOnTheirOwnTicks() throws {
        var s = try Self.state()
        try s.mint(account: 2, token: 0, amount: 30_000)
        try s.deposit(account: 2, token: 0, amount: 30_000)
        #expect(Self.lock(&s, 20).succeeded && Self.lock(&s, 100, by: 2).succeeded)
        let weight: Double = 10_000 * 1.3 + 30_000 * 2.5
        #expect(abs(s.locks.totalWeight - weight) < 1e-9)
        s.advance(to: 20)
        let remaining: Double = 30_000 * 2.5
        let term: Double = (10_000 * 20 + 30_000 * 100) / 40_000
        #expect(abs(s.locks.totalWeight - remaining) < 1e-9 && s.locks.lockedAmount == 30_000)
        #expect(abs(s.locks.meanTerm - term) < 1e-9)
        s.advance(to: 100)
        #expect(s.locks.totalWeight == 0)
    }

    /// Terms outside 1 … L_max, a second lock while one runs, an account with nothing supplied, a lock aimed at
    /// another market and a world without a book are refused, and change nothing.
    @Test func badLocksChangeNothing() throws {
        var s = try Self.state()
        var before = s
        for ticks in [0, -3, 101] {
            #expect(!Self.lock(&s, ticks).succeeded)
            #expect(s == before)
        }
        #expect(!Self.lock(&s, 10, by: 2).succeeded && s == before)
        #expect(Self.lock(&s, 10).succeeded)
        before = s
        #expect(Self.lock(&s, 10).error == .locked(untilTick: 10) && s == before)
        var other = try Self.state()
        let fresh = other
        let elsewhere = Intent(account: Self.depositor, action: .lock(ticks: 10), market: 1)
        #expect(!other.apply(elsewhere).succeeded && other == fresh)
        var plain = try IncentiveLedgerTests.state()
        let untouched = plain
        #expect(!Self.lock(&plain, 10).succeeded && plain == untouched)
    }
}
