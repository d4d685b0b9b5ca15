import Testing

@testable import ProtocolModel

/// The incentive programme's operations on a small world: USD, ETH and a native token GOV trading in a
/// 1,000,000 / 1,000,000 Uniswap v2 pool (fee 0.3%), a programme run by account 0, a depositor (account 1)
/// whose deposit (10,000 USD) sits in the lending pool, and a pool creator (account 2).
struct IncentiveLedgerTests {
    static let usd = 0, eth = 1, gov = 2
    static let programme = 0, depositor = 1, creator = 2

    static func state(deficit: Double = 0, deposit: Double = 10_000) throws -> ProtocolState {
        let rates = InterestRateModel.jumpRate(
            try JumpRateModel(baseRate: 0, multiplier: 0, jumpMultiplier: 0, kink: 1))
        let lending = try LendingPool(
            reserves: [
                ReserveConfig(
                    token: usd, ltv: 0.75, liquidation: LiquidationParameters(liquidationThreshold: 0.8),
                    rateModel: rates),
                ReserveConfig(
                    token: eth, ltv: 0.8, liquidation: LiquidationParameters(liquidationThreshold: 0.825),
                    rateModel: rates),
            ], users: 3, closeFactor: .fixed(0.5))
        var s = try ProtocolState(
            tokens: [
                Token(symbol: "USD", kind: .numeraire), Token(symbol: "ETH", kind: .volatileCollateral),
                Token(symbol: "GOV", kind: .nativeToken),
            ],
            accounts: 3, lending: lending,
            oracles: [try PriceOracle(price: 1), try PriceOracle(price: 2_000), try PriceOracle(price: 1)])
        try s.mint(account: depositor, token: usd, amount: deposit)
        try s.deposit(account: depositor, token: usd, amount: deposit)
        try s.mint(account: creator, token: gov, amount: 1_000_000)
        try s.mint(account: creator, token: usd, amount: 1_000_000)
        let pool = try s.createAMM(
            baseToken: gov, quoteToken: usd, reserveBase: 1_000_000, reserveQuote: 1_000_000, creator: creator)
        try s.mint(account: programme, token: gov, amount: 50_000)
        try s.mint(account: programme, token: usd, amount: 20_000)
        try s.install(incentives: IncentiveLedger(account: programme, token: gov, pool: pool, openingPrice: 1))
        // Bad debt the insurance fund could not cover: cash gone, the same amount kept as the reserve's deficit.
        s.markets[0].reserves[0].cash -= deficit
        s.markets[0].reserves[0].deficit += deficit
        s.outflows[usd] += deficit  // the defaulted borrower took it out of the model
        return s
    }

    static func run(_ s: inout ProtocolState, _ op: IncentiveOperation, by account: Int = programme) -> Receipt {
        s.apply(Intent(account: account, action: .incentive(op)))
    }

    /// Every GOV and USD is somewhere: holdings equal inflows less outflows.
    static func conserved(_ s: ProtocolState) -> Bool {
        [usd, gov].allSatisfy { close(s.totalHoldings(of: $0), s.inflows[$0] - s.outflows[$0], 1e-9) }
    }

    @Test func theBackstopMintsExactlyWhatTheDeficitNeeds() throws {
        var s = try Self.state(deficit: 1_000)
        let r = Self.run(&s, .mintBackstop(target: 1_000, maxTokens: 1e12))
        // x = X·out/(γ(Y − out)) = 1e6·1,000/(0.997·999,000).
        let x = 1e6 * 1_000 / (0.997 * 999_000)
        #expect(r.succeeded)
        #expect(close(s.incentives.tokensMinted, x, 1e-12) && close(s.incentives.mintProceeds, 1_000, 1e-9))
        #expect(s.markets[0].reserves[0].deficit < 1e-6 && close(s.incentives.deficitCovered, 1_000, 1e-9))
        #expect(close(s.markets[0].reserves[0].cash, 10_000, 1e-9))
        // The minted tokens entered the model; the programme's own GOV did not move.
        #expect(close(s.inflows[Self.gov], 1_050_000 + x, 1e-12) && s.balances[Self.programme, Self.gov] == 50_000)
        #expect(Self.conserved(s))
    }

    @Test func theBackstopStopsAtItsMintCap() throws {
        var s = try Self.state(deficit: 5_000)
        #expect(Self.run(&s, .mintBackstop(target: 5_000, maxTokens: 1_000)).succeeded)
        #expect(s.incentives.tokensMinted == 1_000)
        let covered = s.incentives.deficitCovered
        #expect(covered > 990 && covered < 1_000 && close(s.markets[0].reserves[0].deficit, 5_000 - covered, 1e-9))
    }

    /// A deficit beyond the pool's depth cannot be raised: the price collapses and the dilution explodes.
    @Test func aDeficitBeyondThePoolsDepthIsADeathSpiral() throws {
        // The hole is twice the pool's USD.
        var s = try Self.state(deficit: 2_000_000, deposit: 3_000_000)
        #expect(Self.run(&s, .mintBackstop(target: 2_000_000, maxTokens: 1e15)).succeeded)
        #expect(s.incentives.mintProceeds < 1_000_000)
        #expect(s.nativePrice < 1e-5)
        #expect(s.incentives.tokensMinted > 100 * 1_050_000)
        #expect(s.markets[0].reserves[0].deficit > 1_000_000)
        #expect(Self.conserved(s))
    }

    @Test func paymentsAreCostedInTokensAndAtTheirPriceWhenPaid() throws {
        var s = try Self.state()
        #expect(Self.run(&s, .pay(to: Self.depositor, token: Self.gov, amount: 1_000)).succeeded)
        // Halve the price (a large sale by the creator), then pay again: the same tokens cost half as much.
        try s.mint(account: Self.creator, token: Self.gov, amount: 414_000)
        #expect(
            s.apply(Intent(account: Self.creator, action: .swap(pool: 0, amountIn: 414_000, baseIn: true))).succeeded)
        let price = s.nativePrice
        #expect(price > 0.49 && price < 0.51)
        #expect(Self.run(&s, .pay(to: Self.depositor, token: Self.gov, amount: 1_000)).succeeded)
        #expect(Self.run(&s, .pay(to: Self.depositor, token: Self.usd, amount: 300)).succeeded)
        #expect(s.incentives.tokensPaid == 2_000 && close(s.incentives.tokensPaidValue, 1_000 + 1_000 * price))
        #expect(s.incentives.usdPaid == 300 && close(s.incentives.costAtMarketValue, 1_300 + 1_000 * price))
        #expect(s.balances[Self.depositor, Self.gov] == 2_000 && s.balances[Self.programme, Self.usd] == 19_700)
        #expect(Self.conserved(s))
    }

    @Test func buyBacksRaiseThePriceAndAreCosted() throws {
        var s = try Self.state()
        let r = Self.run(&s, .buyBack(usd: 10_000))
        #expect(r.succeeded && s.nativePrice > 1.01)
        #expect(s.incentives.buyBackSpend == 10_000 && s.incentives.tokensBoughtBack == r.fill?.amountOut)
        #expect(s.balances[Self.programme, Self.gov] == 50_000 + (r.fill?.amountOut ?? 0))
    }

    @Test func onlyTheProgrammeRunsItAndABadOperationChangesNothing() throws {
        var s = try Self.state(deficit: 1_000)
        let before = s
        #expect(!Self.run(&s, .pay(to: Self.creator, token: Self.gov, amount: 1), by: Self.depositor).succeeded)
        #expect(!Self.run(&s, .pay(to: Self.creator, token: Self.gov, amount: 60_000)).succeeded)
        #expect(!Self.run(&s, .pay(to: Self.creator, token: Self.eth, amount: 1)).succeeded)
        #expect(!Self.run(&s, .offer(stayBonus: -1, lpBonus: 0)).succeeded)
        #expect(!Self.run(&s, .offerStabilityBonus(.nan)).succeeded)
        #expect(!Self.run(&s, .mintBackstop(target: .nan, maxTokens: 1)).succeeded)
        #expect(!Self.run(&s, .buyBack(usd: 1e9)).succeeded)
        #expect(s == before)
        #expect(Self.run(&s, .offer(stayBonus: 0.001, lpBonus: 0.02)).succeeded)
        #expect(s.incentives.offeredStayBonus == 0.001 && s.incentives.offeredLPBonus == 0.02)
        #expect(Self.run(&s, .offerStabilityBonus(0.1)).succeeded && s.incentives.offeredStabilityBonus == 0.1)
    }
}
