import Agents
import Foundation
import Testing

@testable import ProtocolModel
@testable import Simulation

/// Lock-up boosts (ve-style) on experiments/tokenomics-feedback/locks.yaml: the depositors' choice of a term
/// against its closed form, and each parameter's effect on paired replicates (the same seed and replicate
/// on both sides: common random numbers), beyond three standard errors of the paired mean difference.
@Suite("Lock-up boosts")
struct LockBoostTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/tokenomics-feedback/locks.yaml").path

    /// The experiment's scenario, 300 ticks (the shock at 200), 2,000 depositors, plus `overrides`.
    static func scenario(_ overrides: [String]) throws -> Scenario {
        try Scenario.load(path: file, overrides: ["ticks=300", "depositors.count=2000"] + overrides)
    }

    static func differences(_ a: [String], _ b: [String], replicates: Int = 16, _ measure: (RunResult) -> Double)
        async throws -> (mean: Double, se: Double)
    {
        let sa = try scenario(a)
        let sb = try scenario(b)
        var d: [Double] = []
        for r in 0..<replicates {
            let x = try await Engine(scenario: sa).run(seed: 1, replicate: UInt64(r))
            let y = try await Engine(scenario: sb).run(seed: 1, replicate: UInt64(r))
            d.append(measure(y) - measure(x))
        }
        return MultiAssetEffectTests.paired(d)
    }

    static func meanTerm(_ r: RunResult) -> Double { r.outcome.incentives?.locks?.meanLockTicks ?? .nan }
    /// The mean share of D₀ under lock over ticks 100 ..< 200: after the opening rush (every depositor who
    /// looks while nothing is locked yet sees the whole stream), before the shock.
    static func lockedShare(_ r: RunResult) -> Double {
        r.incentives[100..<200].reduce(0) { $0 + $1.lockedShare } / 100
    }

    /// A small depositor's gain G(L) = r·L·m(L) − κL²/L_max is a quadratic with its top at
    /// L* = r·L_max / (2(κ − r(M − 1))): with every term on the menu, the chosen term is L* rounded.
    @Test func theChosenTermIsTheClosedFormOptimum() {
        let book = LockBook(maxTicks: 400, maxBoost: 2, terms: 400, accounts: 0)
        let noise = 0.01
        for (r, comfort) in [(1e-4, 0.0), (2e-4, 0.01), (5e-5, 0.02)] {
            // W large against the balance: the depositor's own weight does not move the rate.
            let offer = Depositors.LockOffer(emission: r * 1e12, totalWeight: 1e12, book: book)
            let kappa = 0.001 * noise / (noise + comfort)
            let star = r * 400 / (2 * (kappa - r))
            let term = Depositors.lockTerm(balance: 1, comfort: comfort, noise: noise, offer: offer, cost: 0.001)
            #expect(abs(Double(term) - star) <= 1, "r \(r), comfort \(comfort): term \(term), L* \(star)")
        }
        // κ ≤ r(M − 1): the gain is convex, so the longest term; nothing offered, or a depositor leaving: no lock.
        let rich = Depositors.LockOffer(emission: 2e-3 * 1e12, totalWeight: 1e12, book: book)
        #expect(Depositors.lockTerm(balance: 1, comfort: 0, noise: noise, offer: rich, cost: 0.001) == 400)
        let none = Depositors.LockOffer(emission: 0, totalWeight: 1e12, book: book)
        #expect(Depositors.lockTerm(balance: 1, comfort: 0.05, noise: noise, offer: none, cost: 0.001) == 0)
        #expect(Depositors.lockTerm(balance: 1, comfort: -0.01, noise: noise, offer: rich, cost: 0.001) == 0)
    }

    /// Lockers cannot leave: the mean withdrawn fraction over the 100 ticks after the shock is lower with lock-up
    /// boosts than on the same replicates without them.
    @Test func locksHoldDepositsThroughTheShock() async throws {
        let (mean, se) = try await Self.differences(
            ["incentives.lock_emission_usd=0"], [], TokenomicsEffectTests.meanWithdrawn(200, 300))
        #expect(mean < -3 * se && mean < -0.05, "paired mean \(mean), standard error \(se)")
    }

    /// A longer lock earns a larger share: with a multiplier (2.5 at the full term) depositors choose longer
    /// terms than when every term weighs alike.
    @Test func aBoostLengthensTheTermsChosen() async throws {
        let (mean, se) = try await Self.differences(["incentives.lock_max_boost=1"], [], Self.meanTerm)
        #expect(mean > 3 * se && mean > 1, "paired mean \(mean) ticks, standard error \(se)")
    }

    /// A larger stream draws more of D₀ into locks; a higher illiquidity cost draws less.
    @Test func theStreamAndTheCostMoveTheLockedShare() async throws {
        let more = try await Self.differences([], ["incentives.lock_emission_usd=20000"], Self.lockedShare)
        #expect(more.mean > 3 * more.se, "emission: paired mean \(more.mean), standard error \(more.se)")
        let dearer = try await Self.differences([], ["depositors.lock_cost=0.004"], Self.lockedShare)
        #expect(dearer.mean < -3 * dearer.se, "cost: paired mean \(dearer.mean), standard error \(dearer.se)")
    }

    /// The determinism contract holds with locks: the same seed gives the same bytes on one worker or four
    /// (the locks of every shard land in the state in the engine's order, whatever finishes first).
    @Test func aLockWorldIsTheSameOnAnyWorkerCount() async throws {
        let s = try Self.scenario([])
        let one = try await Engine(scenario: s, workers: 1).run(seed: 1, replicate: 5)
        let four = try await Engine(scenario: s, workers: 4).run(seed: 1, replicate: 5)
        #expect(TestSupport.csv(one) == TestSupport.csv(four))
        #expect(one.incentives == four.incentives && one.incentives.last.map { $0.locksOpened > 0 } == true)
        #expect(try RunWriter.encode(one.outcome) == RunWriter.encode(four.outcome))
    }

    /// The stream is costed and conserved: the programme's GOV is its budget less what it paid, its cost at
    /// market value is the value of those payments, every GOV and USD is accounted for, and no depositor
    /// whose lock still runs has left.
    @Test func theLockStreamIsCostedAndConserved() async throws {
        let s = try Self.scenario(["market.shocks[0].factor=0.5"])
        for r in 0..<3 {
            let run = try await Engine(scenario: s).run(seed: 1, replicate: UInt64(r))
            let state = run.finalState.state
            let l = state.incentives
            guard let account = l.account, let o = run.outcome.incentives else {
                Issue.record("no programme")
                return
            }
            #expect(abs(state.balances[account, l.token] - (20_000_000 - l.tokensPaid)) < 1e-6)
            #expect(l.tokensPaid > 0 && abs(o.costUSD - l.tokensPaidValue) < 1e-6 * l.tokensPaidValue)
            for token in [0, l.token] {
                let held = state.totalHoldings(of: token)
                let net = state.inflows[token] - state.outflows[token]
                #expect(abs(held - net) <= 1e-9 * max(1, abs(net)), "token \(token): \(held) vs \(net)")
            }
            let locks = o.locks ?? LockOutcome()
            #expect(locks.locksOpened > 0 && locks.maxLockedShare > 0.2 && locks.maxLockedShare <= 1)
            for a in 0..<state.accountCount where state.locks.lockedUntil(a) > state.tick {
                #expect(state.markets[0].supplied(user: a, reserve: 0) > 0, "account \(a) left while locked")
            }
        }
    }
}
