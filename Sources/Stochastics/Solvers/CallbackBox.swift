import CGSL

/// Carries a Swift closure through a C callback's `void *params`.
///
/// GSL calls back into Swift through plain C function pointers, which cannot
/// capture context. The solver creates one box, passes its unretained address as
/// `params`, and keeps the box alive (`withExtendedLifetime`) for as long as GSL
/// may call back. A thrown error is parked in the box and the callback returns NaN,
/// which GSL reports as a bad function value; the solver then rethrows the parked error.
final class CallbackBox<Argument> {
    let body: (Argument) throws -> Double
    private(set) var failure: (any Error)?

    init(_ body: @escaping (Argument) throws -> Double) { self.body = body }

    func call(_ argument: Argument) -> Double {
        guard failure == nil else { return .nan }
        do {
            return try body(argument)
        } catch {
            failure = error
            return .nan
        }
    }

    /// Throws the parked error, if any, as a ``StochasticsError``.
    func rethrowFailure() throws(StochasticsError) {
        if let failure {
            if let e = failure as? StochasticsError { throw e }
            throw .objectiveThrew(message: String(describing: failure))
        }
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ raw: UnsafeMutableRawPointer?) -> CallbackBox<Argument> {
        // Only solvers in this module create these pointers, always from a live box.
        Unmanaged<CallbackBox<Argument>>.fromOpaque(raw.unsafelyUnwrapped).takeUnretainedValue()
    }
}

extension gsl_vector {
    /// Copies a (possibly strided) GSL vector into a Swift array.
    var array: [Double] {
        (0..<size).map { data[$0 * stride] }
    }
}

/// Copies `values` into a GSL vector of the same size.
func fill(_ v: UnsafeMutablePointer<gsl_vector>, with values: [Double]) {
    for (i, x) in values.enumerated() { gsl_vector_set(v, i, x) }
}
