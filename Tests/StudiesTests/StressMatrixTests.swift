import Foundation
import Simulation
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

    /// The treasury's yield given up and invested share enter the cell as bootstrap means, after the other
    /// figures, so a cell without a treasury keeps them NaN and the other figures do not move.
    @Test func theCellReportsTheTreasuryYieldGivenUpAsAMeanWithAnInterval() throws {
        let plain = (0..<40).map { k in
            var o = Outcome()
            o.badDebtUSD = Double(k)
            o.minLiquidityCoverage = Double(k % 7)
            return o
        }
        let withTreasury = plain.enumerated().map { k, o in
            var o = o
            var t = TreasuryOutcome()
            t.yieldGivenUpUSD = 1_000 + Double(k)
            t.investedShare = 0.5
            o.treasury = t
            return o
        }
        let a = try StressCellEstimate.make(outcomes: plain, cell: 3, confidence: 0.95, seed: 1)
        let b = try StressCellEstimate.make(outcomes: withTreasury, cell: 3, confidence: 0.95, seed: 1)
        #expect(a.yieldGivenUp.value.isNaN && a.investedShare.value.isNaN)
        #expect(a.badDebtVaR95 == b.badDebtVaR95 && a.worstLCR == b.worstLCR)
        #expect(b.yieldGivenUp.value == 1_019.5)
        #expect(b.yieldGivenUp.lower < 1_019.5 && 1_019.5 < b.yieldGivenUp.upper)
        #expect(b.investedShare == Estimate(value: 0.5, lower: 0.5, upper: 0.5))
        let columns = StressCellEstimate.csvColumns
        #expect(columns.count == b.csvValues.count)
        let i = try #require(columns.firstIndex(of: "yield_given_up"))
        #expect(b.csvValues[i] == 1_019.5 && columns[i + 3] == "invested_share")
    }
}
