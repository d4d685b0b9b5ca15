import Foundation
import Testing

@testable import Studies

/// The optimiser's BFGS stages on a synthetic objective with a known optimum (no engine), whose noise is
/// smooth in the point at fixed n, as a smoothed P(run) on common random numbers is: the same n always
/// draws the same noise surface.
@Suite("Noisy BFGS search")
struct NoisyBFGSSearchTests {
    /// (x − 0.3)² + 2 (y + 0.2)² + (0.2/√n)(a·x + b·y + c), with a, b, c standard normals fixed by n: its
    /// minimum at n is within 0.1·|a|/√n and 0.05·|b|/√n of (0.3, −0.2).
    static func objective(_ x: [Double], _ n: Int) -> Double {
        let z = (0..<3).map { NoisyBFGSSearchTests.normal(n, $0) }
        let noise = 0.2 / Double(n).squareRoot() * (z[0] * x[0] + z[1] * x[1] + z[2])
        return (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] + 0.2) * (x[1] + 0.2) + noise
    }

    /// A standard normal fixed by (n, k) (Box–Muller on SplitMix64 draws).
    static func normal(_ n: Int, _ k: Int) -> Double {
        let h = NoisySimplexSearchTests.mix(UInt64(n) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(k))
        let u1 = (Double(NoisySimplexSearchTests.mix(h) >> 11) + 0.5) / 9_007_199_254_740_992
        let u2 = Double(NoisySimplexSearchTests.mix(h ^ 1) >> 11) / 9_007_199_254_740_992
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    static let settings = NoisySimplexSearch.Settings(
        lower: [-1, -1], upper: [1, 1], start: [-0.7, 0.6], startReplicates: 25, maxReplicates: 25600,
        growBelow: 1e-4, maxEvaluations: 2000, method: .bfgs, gradientStep: 0.01)

    @Test func findsTheKnownOptimumWithinTolerance() throws {
        let result = try NoisySimplexSearch(settings: Self.settings).run(Self.objective)
        #expect(result.stop == .converged)
        #expect(result.replicates == 25600)
        #expect(abs(result.best[0] - 0.3) < 0.02, "x = \(result.best)")
        #expect(abs(result.best[1] + 0.2) < 0.02, "x = \(result.best)")
        #expect(result.path.first?.replicates == 25 && result.path.last?.replicates == 25600)
    }

    @Test func replaysTheSamePathAndStopsAtTheCap() throws {
        var s = Self.settings
        s.maxEvaluations = 23
        let a = try NoisySimplexSearch(settings: s).run(Self.objective)
        let b = try NoisySimplexSearch(settings: s).run(Self.objective)
        #expect(a == b && a.stop == .evaluationLimit && a.path.count == 23)
        #expect(a.path.allSatisfy { $0.point.allSatisfy { $0 >= -1 && $0 <= 1 } })
    }

    /// The journal keeps the withdrawn fractions of a smoothed study beside the costs, and reads both back.
    @Test func theJournalKeepsWithdrawnFractions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-journal-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let both = OptimizeJournal.Entry(
            point: [0.1, 0.25], runs: [true, false], costs: [3, 4.5], withdrawn: [0.75, 0.125])
        let only = OptimizeJournal.Entry(point: [0.2, 0.25], runs: [false, false], withdrawn: [0.0625, 0.5])
        let journal = try OptimizeJournal(folder: folder, hash: "h")
        try journal.append(both)
        try journal.append(only)
        let reopened = try OptimizeJournal(folder: folder, hash: "h")
        #expect(reopened.entry([0.1, 0.25], replicates: 2) == both)
        #expect(reopened.entry([0.2, 0.25], replicates: 2) == only)
        #expect(OptimizeJournal.parse("2 0.1 10 w=0.5") == nil && OptimizeJournal.parse("2 0.1 10 w=1,2 3,4") == nil)
    }
}
