import Foundation
import Stochastics
import Testing

@testable import Simulation

/// Random multi-asset scenarios keep every invariant on every tick, conservation of every token first.
@Suite("Random multi-asset scenarios keep every invariant on every tick")
struct RandomMultiAssetInvariantTests {
    static let defaultSeed: UInt64 = 20_261_130
    static let defaultCases = 40

    static func scenario(seed: UInt64, case n: Int) -> RandomScenario {
        var g = ScenarioRNG(seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(n) &+ 1)))
        return RandomMultiAssetScenario.draw(using: &g)
    }

    @Test func randomMultiAssetScenariosKeepEveryInvariant() async {
        let env = ProcessInfo.processInfo.environment
        let seed = env["BALLAST_PROPERTY_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let cases = env["BALLAST_PROPERTY_CASES"].flatMap { Int($0) } ?? Self.defaultCases
        var total = TickInvariants.Coverage()
        for n in 0..<cases {
            let s = Self.scenario(seed: seed, case: n)
            switch await RandomScenarioCheck.check(s) {
            case let .passed(c): total.add(c)
            case let .refused(message):
                Issue.record(
                    "Generator bug: case \(n) drew a scenario the decoder refuses: \(message)\n---\n\(s.yaml)---")
            case let .failed(v):
                Issue.record("case \(n) of seed \(seed): \(v)\n---\n\(s.yaml)---")
                return
            }
        }
        print("Random multi-asset scenarios (seed \(seed)): \(total)")
        if seed == Self.defaultSeed && cases >= Self.defaultCases {
            #expect(total.liquidated >= 4 && total.withdrawals >= 10, "coverage: \(total)")
        }
    }
}
