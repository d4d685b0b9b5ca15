import Stochastics

/// Why a game could not be set up or solved.
public enum GameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its domain: its name, its value and what was expected.
    case invalidParameter(name: String, value: Double, expected: String)
    /// The numerical solver failed (it should not, for valid parameters).
    case solverFailed(String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected): return "\(name): expected \(expected), got \(value)"
        case let .solverFailed(reason): return "equilibrium solver failed: \(reason)"
        }
    }

    static func check(_ name: String, _ value: Double, _ expected: String, _ ok: (Double) -> Bool) throws(GameError) {
        guard value.isFinite, ok(value) else { throw .invalidParameter(name: name, value: value, expected: expected) }
    }

    /// Runs a Brent solve and turns its failure, or a solve that did not converge, into a ``GameError``.
    static func solve(_ body: () throws(StochasticsError) -> ScalarSolution) throws(GameError) -> Double {
        let s: ScalarSolution
        do { s = try body() } catch { throw .solverFailed(error.description) }
        guard s.stop == .converged, s.x.isFinite else { throw .solverFailed("Brent stopped: \(s.stop.rawValue)") }
        return s.x
    }
}
