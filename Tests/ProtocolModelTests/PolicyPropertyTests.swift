import PropertyBased
import Testing

@testable import ProtocolModel

/// Random sequences of every intent, policy intents included, with price moves, external prices, ticks
/// and inventories reset, on the fixture world: tokens are conserved up to the recorded flows, every
/// reserve keeps its identity, and a reverted intent leaves the state identical.
struct PolicyPropertyTests {
    static let steps = zip(Gen.int(in: 0...19), Gen.int(in: 0...4), Gen.double(in: 0...1), Gen.double(in: 0...1))
        .array(of: 1...40)
    static let policies = zip(Gen.double(in: 0...0.01), Gen.double(in: 0.05...1), Gen.int(in: 0...3), Gen.bool)

    /// A random policy intent or redemption (nil for the steps that are not intents).
    static func intent(_ k: Int, _ a: Int, _ x: Double, _ y: Double, _ s: ProtocolState) -> Intent? {
        let usd = Fixture.usd
        let eth = Fixture.eth
        let borrower = 1 + Int(y * 2.999)
        switch k {
        case 11:
            return Intent(
                account: a, action: .redeem(token: a == 0 || a == 4 ? usd : eth, amount: 0.1 + x * 400_000),
                guards: IntentGuards(minOut: y > 0.9 ? 1e9 : nil))
        case 12:
            return Intent(
                account: a,
                action: .arbitrage(
                    pool: 0, gamma: 0.99 + 0.01 * y, maxBaseIn: 1 + x * 200, maxQuoteIn: 1 + x * 400_000,
                    gasCost: y * 10),
                guards: IntentGuards(minProfit: y > 0.8 ? 1e6 : nil))
        case 13:
            return Intent(
                account: a == 0 ? 0 : 4,
                action: .liquidateLowest(
                    collateralToken: eth, debtToken: usd, budget: x * 60_000, sellPool: 0, gasCost: y * 20),
                guards: IntentGuards(minProfit: y > 0.9 ? 1e5 : nil))
        case 14:
            return Intent(
                account: borrower,
                action: .repayWithCollateral(
                    collateralToken: eth, debtToken: usd, collateral: 0.01 + x * 12, sellPool: 0),
                guards: IntentGuards(minOut: y < 0.1 ? 1e9 : nil))
        case 15:
            return Intent(
                account: a, action: .provideLiquidity(pool: 0, value: 1 + x * 200_000),
                guards: IntentGuards(minOut: y > 0.9 ? 1 : nil))
        default:
            return PropertyTests.intent(k, a, x, y, s)
        }
    }

    /// `cash + totalDebt + deficit + deployed = totalSupply + queued + accruedToTreasury`, relative 1e-9.
    static func identityHolds(_ r: ReserveState) -> Bool {
        let left = r.cash + r.totalDebt + r.deficit + r.deployed
        let right = r.totalSupply + r.queued + r.accruedToTreasury
        return abs(left - right) <= 1e-9 * max(1, right)
    }

    @Test func everyTokenIsConservedUpToItsFlowsAndEveryReserveBalances() async throws {
        await propertyCheck(count: 200, input: Self.policies, Gen.int(in: 0...3), Self.steps) { policy, world, steps in
            let (fee, gate, lock, socialise) = policy
            let terms = WithdrawalPolicy(
                feeFraction: fee, gateFractionPerTick: gate, lockedUntilTick: lock, socialiseUncoveredLosses: socialise)
            guard var s = try? Fixture.seeded(withdrawals: terms) else {
                Issue.record("setup failed")
                return
            }
            // Bit 0: ETH priced by the pool. Bit 1: most of the USD cash deployed outside, so queues form.
            if world & 1 == 1 { s.priceSources[Fixture.eth] = .pool(0) }
            if world & 2 == 2 { try? s.deployOutside(token: Fixture.usd, amount: s.lending.reserves[0].cash - 20_000) }
            for (k, a, x, y) in steps {
                switch k {
                case 16: s.oracles[Fixture.eth].manipulate(to: 800 + 1_400 * x, tick: s.tick)
                case 17: s.setMarketPrices([1, 1_000 + 1_500 * y, 1])
                case 18: s.advance(to: s.tick + 1 + Int(x * 24))
                case 19: s.resetInventory(account: a, token: Int(y * 2.999), to: x * 100_000)
                default:
                    guard let intent = Self.intent(k, a, x, y, s) else { continue }
                    let before = s
                    let receipt = s.apply(intent)
                    if !receipt.succeeded { #expect(s == before, "reverted \(intent) changed the state") }
                }
                for t in 0..<3 {
                    let held = s.totalHoldings(of: t)
                    let flows = s.inflows[t] - s.outflows[t]
                    #expect(close(held, flows, 1e-9), "token \(t): holds \(held), flows say \(flows) after step \(k)")
                }
                for r in s.lending.reserves { #expect(Self.identityHolds(r), "reserve identity broken: \(r)") }
                #expect(s.balances.minimum >= 0)
                for q in s.lending.queues.indices where !s.lending.queues[q].isEmpty {
                    #expect(s.lending.reserves[q].cash <= 1e-9, "cash idle while claims wait")
                }
            }
        }
    }
}
