import Foundation
import Testing

@testable import Simulation

/// `treasury.top_up: grant` against `supply` on the ALM policies' reference scenario with the predictive
/// treasury (its early top-ups are what dilute θ when they are deposits): value is conserved every tick,
/// and on paired replicates a grant keeps θ higher and lowers the withdrawn fraction.
@Suite("Treasury grant top-ups")
struct TreasuryGrantTests {
    static func scenario(topUp: String, ticks: Int = 260) throws -> Scenario {
        try Scenario.load(
            path: TreasuryYieldTests.file,
            overrides: [
                "ticks=\(ticks)", "depositors.count=2000", "depositors.shards=1", "borrowers.count=200",
                "treasury.idle_usd=4000000", "treasury.forecast.cover=1", "treasury.top_up=\(topUp)",
            ])
    }

    /// A grant moves cash from the treasury's account to the reserve: token by token, holdings still equal
    /// inflows less outflows, and the treasury holds no supply claim.
    @Test func grantsConserveValueAndLeaveNoClaim() async throws {
        let s = try Self.scenario(topUp: "grant", ticks: 240)
        var engine = Engine(scenario: s)
        let opening = try engine.build(seed: 1, replicate: 0).0
        let invariants = TickInvariants(scenario: s, opening: opening)
        engine.tickObserver = { w, row, pops in await invariants.observe(w, row, pops) }
        let r = try await engine.run(seed: 1, replicate: 0)
        if let v = await invariants.violation { Issue.record("\(v)") }
        let t = try #require(r.outcome.treasury)
        #expect(t.maxSuppliedUSD == 0)
        #expect(t.maxLoss > 0, "the treasury gave cash away")
    }

    /// Paired over 16 replicates (same seeds, only `top_up` changed): the worst θ is higher with grants and
    /// the final withdrawn fraction lower, both beyond 3 standard errors of the paired difference.
    @Test func grantsRaiseTheWorstThetaAndLowerWithdrawals() async throws {
        let supply = try Self.scenario(topUp: "supply")
        let grant = try Self.scenario(topUp: "grant")
        var dTheta: [Double] = []
        var dWithdrawn: [Double] = []
        for k in 0..<16 {
            let a = try await Engine(scenario: supply).run(seed: 3, replicate: UInt64(k)).outcome
            let b = try await Engine(scenario: grant).run(seed: 3, replicate: UInt64(k)).outcome
            dTheta.append(b.worstTheta - a.worstTheta)
            dWithdrawn.append(b.finalWithdrawnFraction - a.finalWithdrawnFraction)
        }
        for (name, d, sign) in [("worst θ", dTheta, 1.0), ("withdrawn fraction", dWithdrawn, -1.0)] {
            let mean = d.reduce(0, +) / Double(d.count)
            let sd = (d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d.count - 1)).squareRoot()
            let se = sd / Double(d.count).squareRoot()
            #expect(sign * mean > 3 * se, "\(name): paired difference \(mean), standard error \(se)")
        }
    }
}
