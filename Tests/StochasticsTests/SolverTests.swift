import Foundation
import Testing

@testable import Stochastics

@Suite("Root finding and minimisation")
struct SolverTests {
    struct Boom: Error {}

    @Test func brentFindsKnownRoots() throws {
        let sqrt2 = try RootFinder.brent(in: 0, 2) { $0 * $0 - 2 }
        #expect(abs(sqrt2.x - 2.0.squareRoot()) < 1e-10)
        #expect(sqrt2.stop == .converged)
        let cosRoot = try RootFinder.brent(in: 0, 3) { cos($0) }
        #expect(abs(cosRoot.x - Double.pi / 2) < 1e-10)
        // Φ(x) = 0.975 at x = 1.959963984540054.
        let z = try RootFinder.brent(in: 0, 5) { StandardNormal.cdf($0) - 0.975 }
        #expect(abs(z.x - 1.959963984540054) < 1e-9)
    }

    @Test func brentReportsTheIterationCap() throws {
        let r = try RootFinder.brent(in: 0, 2, absoluteTolerance: 0, relativeTolerance: 0, maxIterations: 3) {
            $0 * $0 - 2
        }
        #expect(r.stop == .iterationLimit)
        #expect(r.iterations == 3)
    }

    @Test func brentRejectsAnUnbracketedInterval() {
        #expect(throws: StochasticsError.notBracketed(lower: 2, upper: 3, fLower: 2, fUpper: 7)) {
            try RootFinder.brent(in: 2, 3) { $0 * $0 - 2 }
        }
    }

    @Test func aThrowingObjectiveBecomesASwiftError() {
        var calls = 0
        #expect(throws: StochasticsError.objectiveThrew(message: "Boom()")) {
            try RootFinder.brent(in: 0, 2) { x in
                calls += 1
                if calls > 3 { throw Boom() }
                return x - 1.3
            }
        }
        #expect(throws: StochasticsError.self) {
            try Minimizer.nelderMead(start: [1, 1]) { _ in throw Boom() }
        }
    }

    @Test func oneDimensionalBrentFindsAQuadraticsMinimum() throws {
        let m = try Minimizer.brent(in: -10, 10, guess: 0) { ($0 - 3.25) * ($0 - 3.25) + 1 }
        #expect(abs(m.x - 3.25) < 1e-6)
        #expect(abs(m.value - 1) < 1e-10)
        #expect(m.stop == .converged)
    }

    static func rosenbrock(_ v: [Double]) -> Double {
        let (x, y) = (v[0], v[1])
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    }

    @Test func nelderMeadFindsRosenbrocksMinimum() throws {
        let m = try Minimizer.nelderMead(
            start: [-1.2, 1], sizeTolerance: 1e-10, maxIterations: 10_000, Self.rosenbrock)
        #expect(m.stop == .converged)
        #expect(abs(m.x[0] - 1) < 1e-4 && abs(m.x[1] - 1) < 1e-4, "\(m.x)")
    }

    @Test func bfgsFindsRosenbrockWithAndWithoutAGradient() throws {
        let grad: ([Double]) -> [Double] = { v in
            let (x, y) = (v[0], v[1])
            return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]
        }
        let exact = try Minimizer.bfgs(start: [-1.2, 1], gradient: grad, Self.rosenbrock)
        #expect(abs(exact.x[0] - 1) < 1e-4 && abs(exact.x[1] - 1) < 1e-4, "\(exact)")
        let numeric = try Minimizer.bfgs(start: [-1.2, 1], Self.rosenbrock)
        #expect(abs(numeric.x[0] - 1) < 1e-3 && abs(numeric.x[1] - 1) < 1e-3, "\(numeric)")
    }

    @Test func bfgsFindsAQuadraticBowl() throws {
        // f = (x−1)² + 4(y+2)² + 10: minimum 10 at (1, −2).
        let m = try Minimizer.bfgs(start: [5, 5]) { v in (v[0] - 1) * (v[0] - 1) + 4 * (v[1] + 2) * (v[1] + 2) + 10 }
        #expect(abs(m.x[0] - 1) < 1e-5 && abs(m.x[1] + 2) < 1e-5)
        #expect(abs(m.value - 10) < 1e-9)
    }

    @Test func nelderMeadReportsTheIterationCap() throws {
        let m = try Minimizer.nelderMead(start: [-1.2, 1], sizeTolerance: 1e-12, maxIterations: 5, Self.rosenbrock)
        #expect(m.stop == .iterationLimit && m.iterations == 5)
    }
}
