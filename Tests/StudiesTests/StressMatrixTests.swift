import Foundation
import Testing

@testable import Studies

/// The reverse stress test and the stress matrix's cells.
@Suite("Stress matrix and reverse stress test")
struct StressMatrixTests {
    /// A synthetic monotone P(run): replicate r runs once the size reaches its threshold (r + 0.5) / R,
    /// so P̂(x) crosses 0.5 at the threshold of replicate R/2 − 1, i.e. 0.5 − 0.5/R.
    @Test func theReverseStressTestFindsAKnownThreshold() throws {
        let r = 200
        let thresholds = (0..<r).map { (Double($0) + 0.5) / Double(r) }
        let result = try ReverseStress.solve(lower: 0, upper: 1, target: 0.5, tolerance: 1e-4) { x in
            (thresholds.filter { $0 <= x }.count, r)
        }
        let known = thresholds[r / 2 - 1]
        #expect(abs(result.threshold - known) < 2e-4, "found \(result.threshold), expected \(known)")
        let lower = try #require(result.lower)
        let upper = try #require(result.upper)
        #expect(lower < known && known < upper)
        // Wilson's 95% band at n = 200 is about ±0.07 around 0.5.
        #expect(abs((known - lower) - 0.07) < 0.02 && abs((upper - known) - 0.07) < 0.02, "[\(lower), \(upper)]")
    }

    @Test func aTargetOutOfReachIsReported() {
        #expect(throws: ReverseStress.NotBracketed.self) {
            try ReverseStress.solve(lower: 0, upper: 1, target: 0.5, tolerance: 1e-3) { _ in (1, 10) }
        }
    }

    @Test func cellsRunEachPolicyUnderEachStressAfterANoneRow() {
        let m = StressMatrix(stresses: ["flash_crash", "gas_spike:cost_usd=9000"], policies: ["p/fee.yaml", "q.yaml"])
        #expect(
            m.stresses == ["none", "flash_crash", "gas_spike:cost_usd=9000"] && m.policies == ["baseline", "fee", "q"])
        #expect(m.cells.count == 9)
        #expect(m.cellOverrides[0] == ["policies=[]", "stresses=[]"])
        #expect(
            m.cellOverrides[8] == ["policies=[{file: \"q.yaml\"}]", "stresses=[{name: \"gas_spike\", cost_usd: 9000}]"])
        #expect(m.cellOverrides[1] == ["policies=[{file: \"p/fee.yaml\"}]", "stresses=[]"])
        let spec = m.spec(scenarioPath: "s.yaml", replicates: 4, seed: 1, overrides: [])
        let other = StressMatrix(stresses: ["flash_crash"], policies: []).spec(
            scenarioPath: "s.yaml", replicates: 4, seed: 1, overrides: [])
        #expect(spec.hash != other.hash)
    }
}
