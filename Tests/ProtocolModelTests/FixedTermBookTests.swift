import Testing

@testable import ProtocolModel

/// Fixed-term book: tokens USD (0) and ETH (1); rates compound once per tick.
struct FixedTermBookTests {
    static let usd = 0
    static let eth = 1
    let prices = [1.0, 2_000]

    @Test func rollOffPaysPrincipalPlusInterest() throws {
        var book = try FixedTermBook(tokenCount: 2)
        let id = try book.openDeposit(
            owner: 3, token: Self.usd, principal: 1_000, ratePerTick: 0.001, startTick: 0, maturityTick: 100)
        // 1,000·1.001^50 = 1,051.2448; at maturity 1,000·1.001^100 = 1,105.1157, and it stops growing.
        let d = try #require(book.deposits.first)
        #expect(close(d.value(at: 50), 1_051.244_832_434_745_4))
        #expect(close(d.amountDue, 1_105.115_697_720_755_9) && d.value(at: 500) == d.amountDue)
        #expect(try book.rollOff(at: 99, prices: prices).isEmpty)
        let r = try book.rollOff(at: 100, prices: prices)
        #expect(r.deposits.map(\.id) == [id] && r.deposits.first?.owner == 3)
        #expect(close(r.depositsDue[Self.usd], 1_105.115_697_720_755_9) && r.depositsDue[Self.eth] == 0)
        #expect(book.deposits.isEmpty && book.nextMaturity == nil)
        #expect(try book.rollOff(at: 101, prices: prices).isEmpty)
    }

    @Test func loansRepayOrDefaultOnCollateral() throws {
        var book = try FixedTermBook(tokenCount: 2)
        // Two 1,000 USD loans at 0 rate, 0.6 ETH collateral each: covered at 2,000 (1,200 ≥ 1,000).
        for b in [1, 2] {
            try book.openLoan(
                borrower: b, debtToken: Self.usd, principal: 1_000, ratePerTick: 0, collateralToken: Self.eth,
                collateral: 0.6, startTick: 0, maturityTick: 10 * b)
        }
        let healthy = try book.rollOff(at: 10, prices: prices)
        #expect(healthy.repaid[Self.usd] == 1_000 && healthy.collateralReleased[Self.eth] == 0.6)
        #expect(healthy.loans.first?.defaulted == false && healthy.shortfall == [0, 0])
        // At 1,500 the collateral is worth 900 < 1,000: seized, recovered 900, shortfall 100.
        let bad = try book.rollOff(at: 20, prices: [1, 1_500])
        let m = try #require(bad.loans.first)
        #expect(m.defaulted && m.loan.borrower == 2 && close(m.recovered, 900) && close(m.shortfall, 100))
        #expect(bad.repaid[Self.usd] == 0 && bad.collateralSeized[Self.eth] == 0.6)
        #expect(close(bad.recovered[Self.usd] + bad.shortfall[Self.usd], bad.loansDue[Self.usd]))
    }

    /// Σ cash due out of every roll-off = Σ accrued value the book held for the matured contracts, and
    /// contracts opened out of order roll off in maturity order.
    @Test func conservationOfValueAcrossRollOffs() throws {
        var book = try FixedTermBook(tokenCount: 2)
        var heldDeposits = 0.0
        var heldLoans = 0.0
        for k in 0..<40 {
            let maturity = 5 + (k * 37) % 60
            try book.openDeposit(
                owner: k, token: Self.usd, principal: 100 + Double(k), ratePerTick: 0.0005 * Double(k % 4),
                startTick: k % 5, maturityTick: maturity)
            try book.openLoan(
                borrower: k, debtToken: Self.usd, principal: 50 + Double(k), ratePerTick: 0.001,
                collateralToken: Self.eth,
                collateral: 1, startTick: 0, maturityTick: maturity + 3)
        }
        var out = RollOff(tokenCount: 2)
        var paid = 0.0
        var received = 0.0
        var lastMaturity = 0
        for tick in 0...80 {
            // What the book holds accrued at this tick for the contracts about to mature.
            for d in book.deposits where d.maturityTick <= tick { heldDeposits += d.value(at: tick) }
            for l in book.loans where l.maturityTick <= tick { heldLoans += l.value(at: tick) }
            try book.rollOff(at: tick, prices: prices, into: &out)
            #expect(out.tick == tick)
            paid += out.depositsDue[Self.usd]
            received += out.repaid[Self.usd] + out.recovered[Self.usd] + out.shortfall[Self.usd]
            for d in out.deposits {
                #expect(d.maturityTick <= tick && d.maturityTick >= lastMaturity)
                lastMaturity = d.maturityTick
            }
        }
        #expect(book.deposits.isEmpty && book.loans.isEmpty)
        #expect(close(paid, heldDeposits, 1e-12) && close(received, heldLoans, 1e-12))
        #expect(paid > 40 * 100 && received > 40 * 50)  // interest was paid on top of the principal
    }

    /// A book larger than the queue's compaction threshold, opened out of order and topped up while it
    /// rolls off: every deposit matures once, at its own tick, and a reused roll-off keeps its totals.
    @Test func largeBookRollsOffEachContractOnceInOrder() throws {
        var book = try FixedTermBook(tokenCount: 1)
        for k in 0..<3_000 {
            try book.openDeposit(
                owner: k, token: 0, principal: 1, ratePerTick: 0, startTick: 0, maturityTick: 1 + (k * 7) % 3_000)
        }
        var out = RollOff(tokenCount: 1)
        var seen = Set<Int>()
        for tick in 1...4_000 {
            if tick % 10 == 0 && tick <= 3_900 {
                try book.openDeposit(
                    owner: 0, token: 0, principal: 1, ratePerTick: 0, startTick: tick, maturityTick: tick + 50)
            }
            try book.rollOff(at: tick, prices: [1], into: &out)
            for d in out.deposits {
                #expect(d.maturityTick == tick && seen.insert(d.id).inserted)
            }
            #expect(out.depositsDue[0] == Double(out.deposits.count))
        }
        #expect(seen.count == book.nextID && book.deposits.isEmpty)
    }

    @Test func earlyWithdrawalIsLockedOrPenalised() throws {
        var locked = try FixedTermBook(tokenCount: 1)
        let a = try locked.openDeposit(
            owner: 0, token: 0, principal: 1_000, ratePerTick: 0.001, startTick: 0, maturityTick: 100)
        #expect(throws: ProtocolError.locked(untilTick: 100)) { try locked.withdrawEarly(id: a, at: 50) }
        #expect(locked.deposits.count == 1)
        var open = try FixedTermBook(tokenCount: 1, earlyWithdrawalPenalty: 0.02)
        let b = try open.openDeposit(
            owner: 0, token: 0, principal: 1_000, ratePerTick: 0.001, startTick: 0, maturityTick: 100)
        // 1,000·1.001^50·0.98 = 1,030.2199.
        let w = try open.withdrawEarly(id: b, at: 50)
        #expect(w.deposit.id == b && close(w.payout, 1_030.219_935_786_050_4) && open.deposits.isEmpty)
        #expect(throws: ProtocolError.unknownIndex("fixed-term deposit \(b)")) { try open.withdrawEarly(id: b, at: 60) }
        #expect(throws: ProtocolError.self) { try FixedTermBook(tokenCount: 1, earlyWithdrawalPenalty: 1.5) }
    }

    @Test func refusesBadTermsAndLeavesTheBookUnchanged() throws {
        var book = try FixedTermBook(tokenCount: 2)
        try book.openDeposit(owner: 0, token: 0, principal: 1, ratePerTick: 0, startTick: 0, maturityTick: 1)
        let before = book
        func deposit(_ p: Double, _ r: Double, _ s: Int, _ m: Int, token: Int = 0, owner: Int = 0) throws {
            try book.openDeposit(
                owner: owner, token: token, principal: p, ratePerTick: r, startTick: s, maturityTick: m)
        }
        #expect(throws: ProtocolError.invalidAmount("maturityTick = 5, expected > startTick = 10")) {
            try deposit(1, 0, 10, 5)
        }
        #expect(throws: ProtocolError.invalidAmount("maturityTick = 0, expected > startTick = 0")) {
            try deposit(1, 0, 0, 0)
        }
        #expect(throws: ProtocolError.invalidAmount("startTick = -1, expected ≥ 0")) { try deposit(1, 0, -1, 5) }
        #expect(
            throws: ProtocolError.invalidAmount(
                "ratePerTick = -0.001, expected a finite rate ≥ 0 (negative rates are refused)")
        ) { try deposit(1, -0.001, 0, 5) }
        #expect(throws: ProtocolError.self) { try deposit(1, .nan, 0, 5) }
        #expect(throws: ProtocolError.self) { try deposit(.nan, 0, 0, 5) }
        #expect(throws: ProtocolError.self) { try deposit(.infinity, 0, 0, 5) }
        #expect(throws: ProtocolError.self) { try deposit(0, 0, 0, 5) }
        #expect(throws: ProtocolError.self) { try deposit(1, 0, 0, 5, token: 2) }
        #expect(throws: ProtocolError.self) { try deposit(1, 0, 0, 5, owner: -1) }
        #expect(throws: ProtocolError.self) {
            try book.openLoan(
                borrower: 0, debtToken: 0, principal: 1, ratePerTick: 0, collateralToken: 1, collateral: .nan,
                startTick: 0, maturityTick: 5)
        }
        #expect(throws: ProtocolError.self) {
            try book.openLoan(
                borrower: 0, debtToken: 0, principal: 1, ratePerTick: 0, collateralToken: 7, collateral: 1,
                startTick: 0, maturityTick: 5)
        }
        #expect(book == before)
        // A roll-off with a missing or bad price settles nothing.
        #expect(throws: ProtocolError.self) { try book.rollOff(at: 5, prices: [1]) }
        #expect(throws: ProtocolError.self) { try book.rollOff(at: 5, prices: [1, .nan]) }
        #expect(book == before)
    }

    /// A maturity wall (50 deposits of 10 falling due at tick 30) lowers the LCR over a horizon that
    /// includes it: HQLA = 1,000 cash; on-demand deposits 1,000 run off 20% = 200.
    @Test func maturityWallLowersLCR() throws {
        var book = try FixedTermBook(tokenCount: 2)
        for k in 0..<50 {
            try book.openDeposit(owner: k, token: 0, principal: 10, ratePerTick: 0, startTick: 0, maturityTick: 30)
        }
        func lcr(at tick: Int, horizon: Int) throws -> Double {
            let fixed = try book.fixedTermItems(at: tick, prices: prices, ticksPerYear: 8_760)
            let sheet = BalanceSheet(
                assets: [BalanceSheetItem(name: "cash", value: 1_000, tier: .cash)] + fixed.assets,
                liabilities: [BalanceSheetItem(name: "demand", value: 1_000, tier: .cash, stressFactor: 0.2)]
                    + fixed.liabilities)
            return sheet.liquidityCoverageRatio(horizonTicks: horizon)
        }
        // Beyond the horizon: 1,000/200 = 5. Within it: 1,000/(200 + 500) = 1.4286.
        #expect(close(try lcr(at: 0, horizon: 24), 5))
        #expect(close(try lcr(at: 0, horizon: 30), 1_000.0 / 700))
        #expect(close(try lcr(at: 10, horizon: 24), 1_000.0 / 700))
        let items = try book.fixedTermItems(at: 10, prices: prices, ticksPerYear: 8_760)
        #expect(items.liabilities.count == 50 && items.liabilities.allSatisfy { $0.maturityTicks == 20 })
    }
}
