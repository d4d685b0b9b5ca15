import Testing

@testable import ProtocolModel

/// Several lending markets in one state: each intent acts on the market it names, the others' books stay
/// as they were, every market accrues, and value is conserved across all of them.
struct MultiMarketTests {
    /// The seeded fixture plus a second market (USD and ETH reserves, the same parameters) in which account
    /// 4 supplies 500,000 USD and account 2 borrows 5,000 USD against 10 ETH.
    static func twoMarkets() throws -> ProtocolState {
        var s = try Fixture.seeded()
        try s.addMarket(try LendingPool(reserves: s.lending.configs, users: s.accountCount, closeFactor: .aaveV3))
        let steps = [
            Intent(account: 4, action: .supply(token: Fixture.usd, amount: 500_000), market: 1),
            Intent(account: 2, action: .supply(token: Fixture.eth, amount: 10), market: 1),
            Intent(account: 2, action: .borrow(token: Fixture.usd, amount: 5_000), market: 1),
        ]
        for step in steps {
            let r = s.apply(step)
            if let e = r.error { throw e }
        }
        return s
    }

    @Test func anIntentActsOnlyOnTheMarketItNames() throws {
        let s0 = try Self.twoMarkets()
        #expect(s0.markets.count == 2)
        #expect(s0.markets[1].supplied(user: 4, reserve: 0) == 500_000)
        #expect(s0.markets[0].supplied(user: 4, reserve: 0) == 0)
        #expect(s0.markets[1].debt(user: 2, reserve: 0) == 5_000)
        var s = s0
        let r = s.apply(Intent(account: 2, action: .repay(token: Fixture.usd, amount: 1_000), market: 1))
        #expect(r.succeeded)
        #expect(s.markets[0] == s0.markets[0], "market 0 untouched")
        #expect(abs(s.markets[1].debt(user: 2, reserve: 0) - 4_000) < 1e-9)
        // Account 2's debt in market 0 is its own: repaying there leaves market 1's alone.
        let debt0 = s.markets[0].debt(user: 2, reserve: 0)
        #expect(s.apply(Intent(account: 2, action: .repay(token: Fixture.usd, amount: 1_000))).succeeded)
        #expect(abs(s.markets[0].debt(user: 2, reserve: 0) - (debt0 - 1_000)) < 1e-9)
        #expect(abs(s.markets[1].debt(user: 2, reserve: 0) - 4_000) < 1e-9)
    }

    @Test func anUnknownMarketRevertsAndChangesNothing() throws {
        var s = try Self.twoMarkets()
        let before = s
        let r = s.apply(Intent(account: 4, action: .supply(token: Fixture.usd, amount: 1), market: 2))
        #expect(r.error == .unknownIndex("lending market 2 of 2"))
        let negative = s.apply(Intent(account: 4, action: .supply(token: Fixture.usd, amount: 1), market: -1))
        #expect(!negative.succeeded)
        #expect(s == before)
    }

    @Test func everyMarketAccruesAndValueIsConserved() throws {
        var s = try Self.twoMarkets()
        let debt = s.markets[1].debt(user: 2, reserve: 0)
        s.advance(to: 10)
        #expect(s.markets[1].debt(user: 2, reserve: 0) > debt, "market 1 accrues interest")
        for t in s.tokens.indices {
            let held = s.totalHoldings(of: t)
            #expect(abs(held - (s.inflows[t] - s.outflows[t])) <= 1e-9 * max(1, s.inflows[t]))
        }
        // The second market's cash is counted: account 4's 500,000 USD left its wallet for market 1.
        #expect(s.markets[1].reserves[0].cash == 495_000)
    }

    @Test func aLiquidationInOneMarketWritesOnlyItsBooks() throws {
        var s = try Self.twoMarkets()
        s.oracles[Fixture.eth].manipulate(to: 550, tick: s.tick)  // account 2's market-1 position: HF < 1
        let before = s.markets[0]
        let r = s.apply(
            Intent(
                account: 4,
                action: .liquidate(borrower: 2, collateralToken: Fixture.eth, debtToken: Fixture.usd, debtToCover: 1e9),
                market: 1))
        #expect(r.succeeded)
        #expect(s.markets[0] == before)
        #expect(s.markets[1].reserves[0].liquidated > 0)
        #expect(s.badDebtByMarket[0] == 0)
        #expect(s.badDebtValue == s.badDebtByMarket.reduce(0, +))
    }

    @Test func addingAMarketOfTheWrongSizeIsRefused() throws {
        var s = try Fixture.seeded()
        let small = try LendingPool(reserves: s.lending.configs, users: 2)
        #expect(throws: ProtocolError.self) { try s.addMarket(small) }
        #expect(s.markets.count == 1)
    }
}
