import Testing

@testable import Stochastics

@Suite("Experimental designs")
struct DesignTests {
    @Test func sobolMatchesItsPublishedFirstPoints() throws {
        // Joe–Kuo / Bratley–Fox 2-D Sobol points after the origin (GSL skips the origin).
        let s = try QuasiRandomSequence(.sobol, dimension: 2)
        let expected: [[Double]] = [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875]]
        #expect(s.points(5) == expected)
    }

    @Test func haltonUsesPrimeBases() throws {
        // Radical inverses in bases 2 and 3: 1/2,1/3; 1/4,2/3; 3/4,1/9.
        let h = try QuasiRandomSequence(.halton, dimension: 2)
        let pts = h.points(3)
        let expected: [[Double]] = [[0.5, 1.0 / 3], [0.25, 2.0 / 3], [0.75, 1.0 / 9]]
        for (p, e) in zip(pts, expected) {
            #expect(abs(p[0] - e[0]) < 1e-12 && abs(p[1] - e[1]) < 1e-12, "\(p) vs \(e)")
        }
    }

    @Test func latinHypercubeHasOnePointPerStratum() throws {
        var rng = RandomStream(seed: 1, purpose: "lhs")
        let n = 20
        let pts = try LatinHypercube.points(count: n, dimension: 3, rng: &rng)
        for d in 0..<3 {
            let strata = Set(pts.map { Int($0[d] * Double(n)) })
            #expect(strata.count == n)
        }
    }

    @Test func fullGridEnumeratesEveryCombination() throws {
        let g = try FullGrid.points(levels: [[1, 2], [10, 20, 30]])
        #expect(g == [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]])
        #expect(
            try FullGrid.linear(from: 0.1, to: 0.5, steps: 5).map { ($0 * 1e9).rounded() / 1e9 } == [
                0.1, 0.2, 0.3, 0.4, 0.5,
            ])
        let logs = try FullGrid.logarithmic(from: 1, to: 100, steps: 3)
        #expect(abs(logs[1] - 10) < 1e-12)
    }

    @Test func designsRejectBadDimensions() {
        #expect(
            throws: StochasticsError.invalidParameter(
                name: "dimension", value: "41", expected: "an integer in 1...40 for sobol")
        ) {
            try QuasiRandomSequence(.sobol, dimension: 41)
        }
        #expect(throws: StochasticsError.self) { try FullGrid.points(levels: [[1], []]) }
    }
}
