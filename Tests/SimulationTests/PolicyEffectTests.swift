import Foundation
import Testing

@testable import Simulation

/// The governance policies of experiments/alm-policies on paired replicates (the same seed and replicate
/// with and without the policy: common random numbers), each moving its target the right way beyond three
/// standard errors of the paired mean difference, and each staying within its bounds and rate limit.
@Suite("ALM policies")
struct PolicyEffectTests {
    static let file = TestSupport.root.appendingPathComponent("experiments/alm-policies/alm-policies.yaml").path
    static let others = "arbitrageurs, lps, borrowers, liquidators, depositors"

    /// The experiment's scenario, 300 ticks, with the policies `policies` in its phases.
    static func scenario(_ policies: [String], _ overrides: [String] = []) throws -> Scenario {
        let phases = "phases=[" + (policies + [others]).joined(separator: ", ") + "]"
        return try Scenario.load(path: file, overrides: ["ticks=300", phases] + overrides)
    }

    /// Mean over ticks of the USD reserve's utilisation.
    static func meanUtilisation(_ r: RunResult) -> Double {
        r.series.reduce(0) { $0 + $1.utilisation } / Double(max(1, r.series.count))
    }

    /// With the controller on (target 0.81, just above the opening 0.80; fee up to 20%, 2% a tick), the fee
    /// rises as withdrawals drain the reserve, depositors withdraw less, and the mean utilisation falls.
    @Test func theControllerLowersUtilisation() async throws {
        let settings = ["controller.target=0.81", "controller.max=0.2", "controller.max_step=0.02"]
        let none = try Self.scenario([], settings)
        let on = try Self.scenario(["controller"], settings)
        var differences: [Double] = []
        for r in 0..<24 {
            let a = try await Engine(scenario: none).run(seed: 1, replicate: UInt64(r))
            let b = try await Engine(scenario: on).run(seed: 1, replicate: UInt64(r))
            differences.append(Self.meanUtilisation(b) - Self.meanUtilisation(a))
            // The fee stays within its bounds and moves at most max_step a tick.
            var fee = 0.0
            for p in b.policies {
                let f = p.values[2]
                #expect(f >= 0 && f <= 0.2 && abs(f - fee) <= 0.02 + 1e-12)
                fee = f
            }
        }
        let (mean, se) = MultiAssetEffectTests.paired(differences)
        #expect(mean < -3 * se, "paired mean \(mean), standard error \(se)")
    }

    /// With the margin engine on, the threshold falls as the volatility index rises after the shock, and
    /// passive borrowers are liquidated more.
    @Test func theMarginEngineLiquidatesMoreAfterTheShock() async throws {
        let none = try Self.scenario([])
        let on = try Self.scenario(["margins"])
        var differences: [Double] = []
        for r in 0..<24 {
            let a = try await Engine(scenario: none).run(seed: 1, replicate: UInt64(r), recordSeries: false)
            let b = try await Engine(scenario: on).run(seed: 1, replicate: UInt64(r))
            differences.append(b.outcome.liquidatedUSD - a.outcome.liquidatedUSD)
            // LTV ≤ LT, LT within [0.70, 0.85] and moving at most max_step a tick.
            var lt = 0.825
            for p in b.policies {
                let (ltv, threshold) = (p.values[0], p.values[1])
                #expect(ltv <= threshold && threshold >= 0.7 - 1e-12 && threshold <= 0.85 + 1e-12)
                #expect(abs(threshold - lt) <= 0.005 + 1e-12)
                lt = threshold
            }
            #expect(b.policies.contains { $0.values[1] < 0.8 }, "the threshold fell after the shock")
        }
        let (mean, se) = MultiAssetEffectTests.paired(differences)
        #expect(mean > 3 * se, "paired mean \(mean), standard error \(se)")
    }
}
