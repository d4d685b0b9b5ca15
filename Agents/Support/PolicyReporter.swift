import ProtocolModel

/// A population that runs a protocol policy and reports, every tick, the signals behind its decisions
/// (a volatility index, a controller's error, a forecast) as named numbers. The engine writes them to
/// `policies.csv`, after the reserve parameters the policies set.
public protocol PolicyReporter: Population {
    /// The names of the numbers ``policyValues()`` returns, fixed for the run (CSV column names).
    nonisolated var policyColumns: [String] { get }
    /// This tick's numbers, one per column of ``policyColumns``, in order.
    func policyValues() -> [Double]
}
