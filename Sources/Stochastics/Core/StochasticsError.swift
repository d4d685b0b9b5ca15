/// An error raised by the Stochastics layer.
///
/// Every case says what went wrong in words a user can act on: which parameter,
/// what value it had, and what was allowed.
public enum StochasticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its allowed range (or not finite).
    case invalidParameter(name: String, value: String, expected: String)
    /// GSL returned a non-zero status code.
    case gsl(status: Int32, reason: String, during: String)
    /// A root finder was given an interval whose ends do not bracket a sign change.
    case notBracketed(lower: Double, upper: Double, fLower: Double, fUpper: Double)
    /// An objective or target function returned a non-finite value.
    case nonFiniteObjective(at: String)
    /// The Swift closure handed to a solver threw; `message` is its description.
    case objectiveThrew(message: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "invalid parameter '\(name)' = \(value): expected \(expected)"
        case let .gsl(status, reason, during):
            return "GSL error \(status) (\(reason)) during \(during)"
        case let .notBracketed(a, b, fa, fb):
            return "root not bracketed: f(\(a)) = \(fa) and f(\(b)) = \(fb) have the same sign"
        case let .nonFiniteObjective(at):
            return "objective returned a non-finite value at \(at)"
        case let .objectiveThrew(message):
            return "objective threw: \(message)"
        }
    }
}

/// Validation helpers shared by every distribution and solver.
@usableFromInline
enum Check {
    @usableFromInline
    static func finite(_ name: String, _ v: Double) throws(StochasticsError) {
        guard v.isFinite else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number")
        }
    }

    @usableFromInline
    static func positive(_ name: String, _ v: Double) throws(StochasticsError) {
        guard v.isFinite, v > 0 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number > 0")
        }
    }

    @usableFromInline
    static func nonNegative(_ name: String, _ v: Double) throws(StochasticsError) {
        guard v.isFinite, v >= 0 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a finite number >= 0")
        }
    }

    @usableFromInline
    static func probability(_ name: String, _ v: Double) throws(StochasticsError) {
        guard v.isFinite, v >= 0, v <= 1 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a probability in [0, 1]")
        }
    }

    @usableFromInline
    static func openUnit(_ name: String, _ v: Double) throws(StochasticsError) {
        guard v.isFinite, v > 0, v < 1 else {
            throw .invalidParameter(name: name, value: "\(v)", expected: "a number in (0, 1)")
        }
    }
}
