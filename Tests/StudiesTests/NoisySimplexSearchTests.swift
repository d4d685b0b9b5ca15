import Foundation
import Testing

@testable import Studies

/// The optimiser on a synthetic noisy objective with a known optimum (no engine).
@Suite("Noisy simplex search")
struct NoisySimplexSearchTests {
    /// (x − 0.3)² + 2 (y + 0.2)² plus noise of sd 0.2/√n, a fixed function of (point, n): the same
    /// point at the same n always gets the same draw, like replicates 0 … n − 1 of one seed.
    static func objective(_ x: [Double], _ n: Int) -> Double {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n)
        for v in x { h = mix(h ^ v.bitPattern) }
        // Two uniform draws → one standard normal (Box–Muller).
        let u1 = (Double(mix(h) >> 11) + 0.5) / 9_007_199_254_740_992
        let u2 = Double(mix(h ^ 1) >> 11) / 9_007_199_254_740_992
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return (x[0] - 0.3) * (x[0] - 0.3) + 2 * (x[1] + 0.2) * (x[1] + 0.2) + 0.2 * z / Double(n).squareRoot()
    }

    /// SplitMix64's finaliser (Steele, Lea & Flood 2014).
    static func mix(_ v: UInt64) -> UInt64 {
        var z = v &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let settings = NoisySimplexSearch.Settings(
        lower: [-1, -1], upper: [1, 1], start: [-0.7, 0.6], startReplicates: 25, maxReplicates: 25600,
        growBelow: 0.01, maxEvaluations: 2000)

    @Test func findsTheKnownOptimumWithinTolerance() throws {
        let result = try NoisySimplexSearch(settings: Self.settings).run(Self.objective)
        #expect(result.stop == .converged)
        #expect(result.replicates == 25600)
        #expect(abs(result.best[0] - 0.3) < 0.05, "x = \(result.best)")
        #expect(abs(result.best[1] + 0.2) < 0.05, "x = \(result.best)")
        // Replicates grew along the path: the first evaluation used 25, the last 25600.
        #expect(result.path.first?.replicates == 25)
        #expect(result.path.last?.replicates == 25600)
    }

    @Test func staysInsideTheBoxWhenTheOptimumIsOutside() throws {
        var s = Self.settings
        s.lower = [-1, 0]
        s.start = [-0.7, 0.6]
        let result = try NoisySimplexSearch(settings: s).run(Self.objective)
        #expect(result.path.allSatisfy { $0.point[1] >= 0 && $0.point[1] <= 1 })
        #expect(result.best[1] < 0.05, "pressed against the bound y = 0, got \(result.best)")
    }

    @Test func replaysTheSamePathAndStopsAtTheCap() throws {
        var s = Self.settings
        s.maxEvaluations = 37
        let a = try NoisySimplexSearch(settings: s).run(Self.objective)
        let b = try NoisySimplexSearch(settings: s).run(Self.objective)
        #expect(a == b)
        #expect(a.stop == .evaluationLimit)
        #expect(a.path.count == 37)
    }

    @Test func anObjectiveErrorPropagates() {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try NoisySimplexSearch(settings: Self.settings).run { _, _ in throw Boom() }
        }
    }
}
