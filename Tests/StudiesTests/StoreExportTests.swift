import Foundation
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    @Suite("Result store CSV export")
    struct Export {
        @Test func tidyCSVBytesForAFixedStore() throws {
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ResultStore(
                directory: folder, manifest: StoreTests.manifest(parameters: ["shock", "fee,bps"]))
            try store.registerPoints([
                StudyPoint(index: 1, values: [0.1, 30]), StudyPoint(index: 0, values: [-0.5, .nan]),
            ])
            var a = Outcome()  // defaults: min prices and worst θ stay +inf
            a.agentSteps = 12
            var b = Outcome()
            b.run = true
            b.runTick = 17
            b.badDebtUSD = 0.1 + 0.2
            b.liquidatedUSD = 1e-7
            b.minAMMPrice = .nan
            b.minExternalPrice = 0.95
            b.finalQueueUSD = 2.5e21
            b.finalWithdrawnFraction = 1
            b.lpExitFractionMax = 0.5
            b.worstTick = 17
            b.worstTheta = -0.25
            b.worstReserveUSD = 100
            b.worstQueueUSD = 3
            b.minLiquidityCoverage = 0.0625
            b.minLiquidityCoverageTick = 19
            b.maxUtilisation = 0.875
            b.maxUtilisationTick = 21
            b.agentSteps = 40
            var treasury = TreasuryOutcome()
            treasury.yieldGivenUpUSD = 1234.5
            treasury.investedShare = 0.75
            b.treasury = treasury
            try store.record([(ReplicateKey(point: 1, replicate: 0), b), (ReplicateKey(point: 0, replicate: 2), a)])
            let out = folder.appendingPathComponent("tidy.csv")
            try store.exportTidyCSV(to: out)
            // Rows by point: point 0 (a) first. Doubles print with `description`: 1e-07, 2.5e+21, inf, nan;
            // the parameter name holding a comma is quoted.
            let expected = """
                point,replicate,shock,"fee,bps",run,run_tick,bad_debt_usd,liquidated_usd,min_amm_price,min_ext_price,\
                final_queue_usd,final_withdrawn_fraction,lp_exit_fraction_max,worst_tick,worst_theta,worst_reserve_usd,\
                worst_queue_usd,min_lcr,min_lcr_tick,max_utilisation,max_utilisation_tick,min_eve,min_eve_tick,\
                max_duration_gap,agent_steps,treasury_yield_given_up_usd,treasury_invested_share,incentive_cost_usd,\
                token_price_min,token_price_final,token_dilution,max_locked_share
                0,2,-0.5,nan,0,,0.0,0.0,inf,inf,0.0,0.0,0.0,0,inf,0.0,0.0,1000.0,0,0.0,0,0.0,0,0.0,12,nan,nan,nan,nan,nan,nan,nan
                1,0,0.1,30.0,1,17,0.30000000000000004,1e-07,nan,0.95,2.5e+21,1.0,0.5,17,-0.25,100.0,3.0,0.0625,19,0.875,21,0.0,0,0.0,40,1234.5,0.75,nan,nan,nan,nan,nan

                """
            #expect(try String(contentsOf: out, encoding: .utf8) == expected)
            // Exporting again over the file gives the same bytes and leaves no temporary file behind.
            try store.exportTidyCSV(to: out)
            #expect(try String(contentsOf: out, encoding: .utf8) == expected)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!names.contains { $0.hasSuffix(".tmp") })
        }

        @Test func atomicWriteIntoAMissingFolderThrows() {
            let url = URL(fileURLWithPath: "/nonexistent-ballast-folder/x.csv")
            #expect(throws: StoreError.self) { try AtomicFile.write("x", to: url) }
        }
    }
}
