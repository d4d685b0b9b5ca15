import CGSL

/// Process-wide GSL set-up.
///
/// GSL's default error handler calls `abort()`. Ballast switches it off exactly
/// once, before the first GSL call of any Stochastics type, and turns every
/// status code into a ``StochasticsError`` instead.
enum GSLRuntime {
    /// Swift runs a global's initialiser exactly once, thread-safely.
    private static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Call before any GSL routine that may report an error.
    @inline(__always)
    static func ensureReady() {
        _ = handlerOff
    }

    /// Turns a GSL status code into a Swift error.
    static func check(_ status: Int32, during: String) throws(StochasticsError) {
        guard status != Int32(GSL_SUCCESS) else { return }
        let reason = String(cString: gsl_strerror(status))
        throw .gsl(status: status, reason: reason, during: during)
    }
}
