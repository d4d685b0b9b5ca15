import ProtocolModel
import Testing

@testable import Simulation

/// The ALM metrics recorded every tick: their formulas, checked tick by tick against the world, and
/// the direction each moves when the stress or the balance sheet moves.
@Suite("ALM metrics")
struct ALMMetricsTests {
    actor Mismatches {
        private(set) var count = 0
        private(set) var ticks = 0
        func add(_ bad: Bool) {
            ticks += 1
            if bad { count += 1 }
        }
    }

    private static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test func everyTickTheColumnsFollowTheirFormulas() async throws {
        let s = try TestSupport.scenario(ticks: 160, ["market.shock.tick=60", "market.shock.size=0.45"])
        let m = Mismatches()
        var engine = Engine(scenario: s)
        engine.tickObserver = { w, row, _ in
            let outflows = 0.10 * w.outstandingDeposits + w.queueUSD
            let lcr = outflows > 0 ? min(1_000, w.reserveUSD / outflows) : 1_000
            let debt = w.depositReserve.totalDebt
            let u = w.reserveUSD + debt > 0 ? debt / (w.reserveUSD + debt) : 0
            let sheet = w.balanceSheet(depositRunoff: 0.10)
            let bad =
                !Self.close(row.liquidityCoverage, lcr) || !Self.close(row.utilisation, u)
                || !Self.close(sheet.solvencyMargin, w.solvencyMargin) || sheet.badDebt != w.badDebtUSD
            await m.add(bad)
        }
        let r = try await engine.run(seed: 5, replicate: 2)
        #expect(await m.ticks == 160)
        #expect(await m.count == 0)
        // The outcome keeps the extremes and the first tick they were reached.
        let minRow = try #require(r.series.min { $0.liquidityCoverage < $1.liquidityCoverage })
        #expect(r.outcome.minLiquidityCoverage == minRow.liquidityCoverage)
        #expect(r.outcome.minLiquidityCoverageTick == minRow.tick)
        let maxRow = try #require(r.series.max { $0.utilisation < $1.utilisation })
        #expect(r.outcome.maxUtilisation == maxRow.utilisation)
    }

    /// Reference opening balance sheet: reserve 0.2·D₀, loans 0.8·D₀, so LCR = 0.2/0.1 = 2 and U = 0.8 before
    /// anyone acts; tick 0's row differs from that only by what tick 0's agents did.
    @Test func openingValuesMatchTheReferenceBalanceSheet() throws {
        let s = try TestSupport.scenario(ticks: 50)
        let (w, _) = try Engine(scenario: s).build(seed: 1, replicate: 0)
        #expect(Self.close(ALMMetrics.liquidityCoverage(w.balanceSheet(depositRunoff: 0.10)), 2))
        #expect(Self.close(w.utilisation, 0.8))
        #expect(Self.close(ALMMetrics.liquidityCoverage(w.balanceSheet(depositRunoff: 0.25)), 0.8))
    }

    /// A harsher run-off assumption lowers the recorded LCR and changes nothing else: the metric only looks.
    @Test func aHarsherRunoffLowersCoverageAndChangesNoDecision() async throws {
        let base = try await TestSupport.run(["market.shock.size=0.4"], ticks: 260, seed: 2)
        let harsh = try await TestSupport.run(["market.shock.size=0.4", "alm.deposit_runoff=0.3"], ticks: 260, seed: 2)
        let pairs = zip(harsh.series, base.series)
        #expect(pairs.allSatisfy { h, b in h.liquidityCoverage <= b.liquidityCoverage })
        // Before the queue forms, coverage scales as 1/run-off exactly: 0.1/0.3 of the base value.
        let early = pairs.filter { h, b in b.queueUSD == 0 && b.liquidityCoverage < 1_000 }
        #expect(!early.isEmpty && early.allSatisfy { h, b in Self.close(h.liquidityCoverage * 3, b.liquidityCoverage) })
        #expect(harsh.outcome.run == base.outcome.run && harsh.outcome.badDebtUSD == base.outcome.badDebtUSD)
        #expect(harsh.series.map(\.reserveUSD) == base.series.map(\.reserveUSD))
    }

    /// A crash drains the reserve through withdrawals. Without a run a crash can even raise coverage a little
    /// (liquidations repay debt into the reserve), so the claim is about the mean: on paired replicates
    /// (common random numbers) the run's lowest LCR falls with the shock, beyond Monte Carlo error.
    @Test func aCrashLowersTheWorstCoverageOnAverage() async throws {
        var differences: [Double] = []
        for replicate in 0..<12 as Range<UInt64> {
            let calm = try await TestSupport.run(["market.shock.size=0"], ticks: 260, replicate: replicate)
            let crash = try await TestSupport.run(["market.shock.size=0.4"], ticks: 260, replicate: replicate)
            differences.append(calm.outcome.minLiquidityCoverage - crash.outcome.minLiquidityCoverage)
        }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(mean - 2.5 * (variance / n).squareRoot() > 0, "\(differences)")
    }

    /// A larger liquid buffer raises coverage in proportion: reserve 0.3·D₀ gives LCR 3 at 10% run-off.
    @Test func aLargerBufferRaisesCoverage() throws {
        let s = try TestSupport.scenario(ticks: 50, ["lending.reserve_fraction=0.3", "lending.loan_fraction=auto"])
        let (w, _) = try Engine(scenario: s).build(seed: 1, replicate: 0)
        #expect(Self.close(ALMMetrics.liquidityCoverage(w.balanceSheet(depositRunoff: 0.10)), 3))
        #expect(Self.close(w.utilisation, 0.7))
    }
}
