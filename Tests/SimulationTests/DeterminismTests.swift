import Foundation
import Testing

@testable import Simulation

@Suite("Determinism contract")
struct DeterminismTests {
    @Test func sameSeedGivesIdenticalBytesWithOneOrManyWorkers() async throws {
        let one = try await TestSupport.run(workers: 1)
        let many = try await TestSupport.run(workers: 4)
        #expect(TestSupport.csv(one) == TestSupport.csv(many))
        #expect(try RunWriter.encode(one.outcome) == RunWriter.encode(many.outcome))
        let again = try await TestSupport.run(workers: 2)
        #expect(TestSupport.csv(one) == TestSupport.csv(again))
    }

    @Test func aDifferentSeedOrReplicateGivesADifferentRun() async throws {
        let base = try await TestSupport.run(ticks: 50)
        let otherSeed = try await TestSupport.run(ticks: 50, seed: 2)
        let otherReplicate = try await TestSupport.run(ticks: 50, replicate: 1)
        #expect(TestSupport.csv(base) != TestSupport.csv(otherSeed))
        #expect(TestSupport.csv(base) != TestSupport.csv(otherReplicate))
    }

    @Test func writtenFilesAreByteIdentical() async throws {
        let s = try TestSupport.scenario(ticks: 60)
        let dirs = (0..<2).map {
            FileManager.default.temporaryDirectory.appendingPathComponent("ballast-det-\($0)-\(getpid())")
        }
        for (i, d) in dirs.enumerated() {
            let r = try await Engine(scenario: s, workers: i + 1).run(seed: 9, replicate: 3)
            try RunWriter.write(r, scenario: s, seed: 9, replicate: 3, to: d)
        }
        for f in ["series.csv", "outcome.json", "manifest.json"] {
            let a = try Data(contentsOf: dirs[0].appendingPathComponent(f))
            let b = try Data(contentsOf: dirs[1].appendingPathComponent(f))
            #expect(a == b, "\(f) differs")
        }
        let header = try String(contentsOf: dirs[0].appendingPathComponent("series.csv"), encoding: .utf8).prefix(
            while: { $0 != "\n" })
        #expect(
            header
                == "tick,p_ext,p_amm,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,lp_share_in_pool,lcr,utilisation,"
                + "duration_gap,eve,eve_up_100bp,maturity_gap,borrow_rate,supply_rate"
        )
        for d in dirs { try? FileManager.default.removeItem(at: d) }
    }
}
