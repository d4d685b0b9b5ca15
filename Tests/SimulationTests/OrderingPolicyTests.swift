import Agents
import ProtocolModel
import Stochastics
import Testing

@testable import Simulation

@Suite("Ordering policies")
struct OrderingPolicyTests {
    /// Eleven depositors (a whale with 100, ten minnows with 10 each) and `reserve` USD of cash.
    private func world(reserve: Double) throws -> WorldState {
        try TestWorld.make(deposits: [100] + Array(repeating: 10, count: 10), reserve: reserve)
    }

    private static func redeem(_ account: Int, _ amount: Double) -> Intent {
        Intent(account: account, action: .redeem(token: 0, amount: amount))
    }

    /// One whale (100) and ten minnows (10 each) withdraw against a reserve of 100.
    private func proposals() -> [Proposal] {
        [Proposal(population: 0, agent: 0, intent: Self.redeem(0, 100))]
            + (1...10).map { Proposal(population: 0, agent: Int32($0), intent: Self.redeem($0, 10)) }
    }

    /// What the whale was paid at once, under `policy`, for ordering stream `seed`.
    private func whalePaid(_ policy: OrderingPolicy, seed: UInt64) throws -> Double {
        var w = try world(reserve: 100)
        var ps = proposals()
        var rng = RandomStream(seed: seed, purpose: "ordering")
        var scratch: [Int32] = []
        policy.order(&ps, rng: &rng, price: 2000, scratch: &scratch)
        let receipts = ps.map { w.state.apply($0.intent) }
        return receipts.first { $0.intent.account == 0 }?.fill?.amountOut ?? 0
    }

    @Test func adversarialOrderingFrontRunsTheLargestWithdrawal() throws {
        // The builder puts the whale first: it takes the whole reserve, every minnow queues.
        for seed in 1...20 { #expect(try whalePaid(.adversarial, seed: UInt64(seed)) == 100) }
        // At random the whale is first only 1 time in 11; on average it is paid far less.
        let random = try (1...200).map { try whalePaid(.random, seed: UInt64($0)) }
        let mean = random.reduce(0, +) / Double(random.count)
        #expect(mean < 60, "mean paid to the whale at random: \(mean)")
        #expect(random.contains { $0 < 100 } && random.contains { $0 == 100 })
    }

    @Test func randomOrderingIsASeededPermutation() {
        var a = proposals()
        var b = proposals()
        var c = proposals()
        var r1 = RandomStream(seed: 3, purpose: "ordering")
        var r2 = RandomStream(seed: 3, purpose: "ordering")
        var r3 = RandomStream(seed: 4, purpose: "ordering")
        var s: [Int32] = []
        OrderingPolicy.random.order(&a, rng: &r1, price: 1, scratch: &s)
        OrderingPolicy.random.order(&b, rng: &r2, price: 1, scratch: &s)
        OrderingPolicy.random.order(&c, rng: &r3, price: 1, scratch: &s)
        #expect(a == b)
        #expect(a != c)
        #expect(a.map(\.agent).sorted() == proposals().map(\.agent))
    }

    @Test func priorityFeeOrderingServesTheHighestBidderFirst() throws {
        var ps = (0..<6).map {
            Proposal(population: 0, agent: Int32($0), intent: Self.redeem($0 + 1, 10), priorityFee: Double($0 % 3))
        }
        var rng = RandomStream(seed: 1, purpose: "ordering")
        var s: [Int32] = []
        OrderingPolicy.priorityFee.order(&ps, rng: &rng, price: 1, scratch: &s)
        #expect(ps.map(\.priorityFee) == [2, 2, 1, 1, 0, 0])
        // Effect: the top bidder is paid from a reserve that covers only one withdrawal.
        var w = try world(reserve: 10)
        let first = w.state.apply(ps[0].intent)
        #expect(first.fill?.amountOut == 10 && ps[0].priorityFee == 2)
    }

    @Test func priorityFeesLetTheRichestLiquidatorTakeTheBestPositions() async throws {
        // Liquidators bid 1% of a lognormal budget; under priority_fee ordering the biggest goes first.
        let r = try await TestSupport.run(
            [
                "ordering=priority_fee", "liquidators.budget_log_sd=1.0",
                "liquidators.priority_fee_fraction=0.01",
            ], ticks: 230)
        let base = try await TestSupport.run(["liquidators.budget_log_sd=1.0"], ticks: 230)
        #expect(r.outcome.liquidatedUSD > 0 && base.outcome.liquidatedUSD > 0)
        #expect(TestSupport.csv(r) != TestSupport.csv(base), "the ordering policy changes the run")
    }
}
