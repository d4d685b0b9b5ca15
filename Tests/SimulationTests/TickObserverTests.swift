import Testing

@testable import Simulation

@Suite("Tick observer")
struct TickObserverTests {
    actor Seen {
        private(set) var ticks: [Int] = []
        private(set) var rows: [SeriesRow] = []
        func add(_ tick: Int, _ row: SeriesRow) {
            ticks.append(tick)
            rows.append(row)
        }
    }

    @Test func theObserverSeesEveryTickAndChangesNothing() async throws {
        // The reference scenario with its shock early, so liquidations and withdrawals happen in 120 ticks.
        let s = try TestSupport.scenario(ticks: 120, ["market.shock.tick=60"])
        let plain = try await Engine(scenario: s).run(seed: 3, replicate: 1)
        let seen = Seen()
        var observed = Engine(scenario: s, workers: 2)
        observed.tickObserver = { w, row, populations in
            #expect(populations.count == 8)  // 4 depositor shards, borrowers, LPs, arbitrageurs, liquidators
            await seen.add(w.tick, row)
        }
        let watched = try await observed.run(seed: 3, replicate: 1)
        #expect(await seen.ticks == Array(0..<120))
        #expect(plain.outcome.liquidatedUSD > 0)
        #expect(await seen.rows == plain.series, "the observer is shown the rows the run records")
        #expect(TestSupport.csv(watched) == TestSupport.csv(plain))
        #expect(watched.outcome == plain.outcome)
    }
}
