import Foundation
import ScenarioSchema
import Testing

@testable import Agents
@testable import Simulation

/// Scenarios that the random-scenario property test (RandomScenarioInvariantTests) shrank to, one per
/// bug it found: each YAML text is the minimal scenario as the shrinker reported it.
@Suite("Regressions found by random scenarios")
struct ScenarioRegressionTests {
    /// What an observer saw at the end of each tick.
    actor Log<Entry: Sendable> {
        private(set) var entries: [Entry] = []
        func add(_ e: Entry) { entries.append(e) }
    }

    /// Decodes `yaml` as `ballast run` decodes a file and runs replicate 0 of its seed with `observer`.
    static func run(_ yaml: String, observer: @escaping TickObserver) async throws {
        let scenario = try Scenario.decode(try ConfigDocument.parse(yaml, file: "regression.yaml"), directory: ".")
        var engine = Engine(scenario: scenario)
        engine.tickObserver = observer
        _ = try await engine.run(seed: scenario.seed, replicate: 0, recordSeries: false)
    }

    /// Depositors' balances, summed over their shards, and the first depositor's state.
    static func depositors(_ populations: [any Population]) async -> (total: Double, first: Depositors.Agent?) {
        var total = 0.0
        var first: Depositors.Agent?
        for case let shard as DepositorShard in populations {
            let agents = await shard.agents
            total += agents.reduce(0) { $0 + $1.balance }
            if first == nil { first = agents.first }
        }
        return (total, first)
    }

    /// Bug: a withdrawal that a gate cut short zeroed the depositor's whole balance, while the ledger kept the
    /// refused part as deposits ("it stays deposited"): money nobody could ever withdraw again, and depositors'
    /// claims no longer summing to the ledger's deposits (`depositors.claims`). The shrinker's minimum: one
    /// depositor, one tick, a 10% gate.
    static let gateCutShort = """
        name: random
        ticks: 1
        seed: 698693
        phases: [depositors]
        market:
          model: gbm
          initial_price: 1000
          sigma: 0
        amm: {}
        lending:
          gate_fraction_per_tick: 0.1
        depositors:
          count: 1
          shards: 1
          attention: 0.4446
        """

    @Test func aDepositorKeepsWhatAGateRefused() async throws {
        let log = Log<(outstanding: Double, held: Double, agent: Depositors.Agent?)>()
        try await Self.run(Self.gateCutShort) { w, _, populations in
            let d = await Self.depositors(populations)
            await log.add((w.outstandingDeposits, d.total, d.first))
        }
        let end = try #require(await log.entries.last)
        let agent = try #require(end.agent)
        // The gate let 10% out: the other 90% is still the depositor's, in its balance and in the ledger.
        #expect(end.outstanding > 0)
        #expect(
            abs(end.held - end.outstanding) <= 1e-9 * end.outstanding, "held \(end.held), ledger \(end.outstanding)")
        #expect(!agent.hasWithdrawn && agent.balance == end.held)
    }

    @Test func aGatedDepositorWithdrawsTheRestOnLaterTicks() async throws {
        // The same depositor, looking every tick for five ticks: each tick the gate lets 10% of what is
        // left through, and the balance always matches the ledger.
        let yaml = Self.gateCutShort.replacingOccurrences(of: "ticks: 1", with: "ticks: 5")
            .replacingOccurrences(of: "attention: 0.4446", with: "attention: 1")
        let log = Log<(outstanding: Double, held: Double)>()
        try await Self.run(yaml) { w, _, populations in
            await log.add((w.outstandingDeposits, await Self.depositors(populations).total))
        }
        let entries = await log.entries
        #expect(entries.count == 5)
        for (t, e) in entries.enumerated() {
            #expect(
                abs(e.held - e.outstanding) <= 1e-9 * e.outstanding,
                "tick \(t): held \(e.held), ledger \(e.outstanding)")
        }
        for (a, b) in zip(entries, entries.dropFirst()) {
            #expect(abs(b.outstanding / a.outstanding - 0.9) < 1e-9, "the gate lets 10% of what is left out each tick")
        }
    }

    /// Bug: when every LP left, rounding in the LPs' share books (each held total/count, and the pool
    /// subtracts their burns one by one) often left ~1e-12 of the shares in the pool, owned by nobody, over
    /// dust reserves (`lps.ownerless_shares`). The reference model says the pool is then empty and its
    /// price holds; instead arbitrageurs kept walking the dust pool's price to p_ext (in the reference
    /// scenario, whenever all 50 LPs left after a large shock), and in thin random scenarios trades sent
    /// it to 1e-36 and LPs re-entered at that price. The shrinker's minimum: three LPs that all leave at tick 0.
    static let lastLPLeavesDust = """
        name: random
        ticks: 1
        phases: [lps]
        market:
          model: gbm
          initial_price: 1000
          sigma: 0
        amm:
          reserve_usd: 20000
        lending: {}
        lps:
          count: 3
          il_tolerance: 0
        """

    @Test func thePoolIsEmptyOnceTheLastLPLeaves() async throws {
        let log = Log<(shares: Double, base: Double, quote: Double, lpShares: [Double], taken: Double)>()
        try await Self.run(Self.lastLPLeavesDust) { w, _, populations in
            var lpShares: [Double] = []
            var taken = 0.0
            for case let lps as LiquidityProviderPopulation in populations {
                let agents = await lps.agents
                lpShares += agents.map(\.shares)
                taken += agents.reduce(0) { $0 + $1.withdrawnValue }
            }
            await log.add((w.amm.totalShares, w.amm.reserveBase, w.amm.reserveQuote, lpShares, taken))
        }
        let end = try #require(await log.entries.last)
        #expect(end.lpShares == [0, 0, 0], "every LP left")
        #expect(end.shares == 0 && end.base == 0 && end.quote == 0, "nothing left behind: \(end)")
        // The whole pool went to the LPs: 50,000 collateral at the price 0.4 plus 20,000 USD.
        #expect(abs(end.taken - 40_000) < 1e-6, "LPs took \(end.taken)")
    }
}
