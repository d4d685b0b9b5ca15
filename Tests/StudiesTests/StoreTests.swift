import Foundation
import Simulation

@testable import Studies

/// Every result-store suite nests here, so `swift test --filter StoreTests` runs them all.
enum StoreTests {
    /// A fresh, empty folder; the caller removes it.
    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func manifest(
        hash: String = "abc123", parameters: [String] = ["crash_depth", "fee"],
        replicates: Int = 3
    ) -> StudyManifest {
        StudyManifest(
            studyName: "toy-sweep", studyHash: hash, ballastVersion: "0.1.0",
            scenarioPath: "experiments/toy/scenario.yaml", seed: 18_446_744_073_709_551_557,
            parameterNames: parameters, replicatesPerPoint: replicates,
            command: "ballast study experiments/toy/study.yaml --out /tmp/x")
    }

    /// A distinct outcome per `(point, replicate)`, so a row read back at the wrong key is caught.
    static func outcome(_ point: Int, _ replicate: Int) -> Outcome {
        var o = Outcome()
        let tag = Double(10 * point + replicate)
        o.run = replicate % 2 == 1
        o.runTick = o.run ? 40 + replicate : nil
        o.badDebtUSD = 1000.5 + tag
        o.liquidatedUSD = 0.1 * tag
        o.minAMMPrice = 0.97 - 0.01 * tag
        o.minExternalPrice = 0.98
        o.finalQueueUSD = 250 + tag
        o.finalWithdrawnFraction = 0.25
        o.lpExitFractionMax = 0.125
        o.worstTick = 7 + point
        o.worstTheta = 1.5
        o.worstReserveUSD = 3e6
        o.worstQueueUSD = 1e-5
        o.minLiquidityCoverage = 0.75
        o.minLiquidityCoverageTick = 9 + point
        o.maxUtilisation = 0.5 + 0.125 * tag
        o.maxUtilisationTick = 11 + replicate
        o.agentSteps = 1200 + replicate
        return o
    }

    /// Field-by-field equality where NaN equals NaN (Outcome's `==` says NaN ≠ NaN).
    static func same(_ a: Outcome, _ b: Outcome) -> Bool {
        func eq(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return a.run == b.run && a.runTick == b.runTick && eq(a.badDebtUSD, b.badDebtUSD)
            && eq(a.liquidatedUSD, b.liquidatedUSD) && eq(a.minAMMPrice, b.minAMMPrice)
            && eq(a.minExternalPrice, b.minExternalPrice) && eq(a.finalQueueUSD, b.finalQueueUSD)
            && eq(a.finalWithdrawnFraction, b.finalWithdrawnFraction) && eq(a.lpExitFractionMax, b.lpExitFractionMax)
            && a.worstTick == b.worstTick && eq(a.worstTheta, b.worstTheta) && eq(a.worstReserveUSD, b.worstReserveUSD)
            && eq(a.worstQueueUSD, b.worstQueueUSD) && eq(a.minLiquidityCoverage, b.minLiquidityCoverage)
            && a.minLiquidityCoverageTick == b.minLiquidityCoverageTick && eq(a.maxUtilisation, b.maxUtilisation)
            && a.maxUtilisationTick == b.maxUtilisationTick && a.agentSteps == b.agentSteps
    }

    static func rows(points: Range<Int>, replicates: Range<Int>) -> [(key: ReplicateKey, outcome: Outcome)] {
        points.flatMap { p in replicates.map { r in (ReplicateKey(point: p, replicate: r), outcome(p, r)) } }
    }
}
