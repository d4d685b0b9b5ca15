/// Why an iterative solver stopped.
public enum StopReason: String, Sendable, Equatable {
    /// The tolerance test passed.
    case converged
    /// The iteration cap was reached before the tolerance test passed.
    case iterationLimit
    /// GSL reported that no further progress was possible (BFGS `Int32(GSL_ENOPROG)`).
    case noProgress
}

/// The outcome of a one-dimensional solve.
public struct ScalarSolution: Sendable, Equatable {
    /// The root or minimiser.
    public let x: Double
    /// The function value at `x`.
    public let value: Double
    public let iterations: Int
    public let stop: StopReason
}

/// The outcome of a multi-dimensional minimisation.
public struct VectorSolution: Sendable, Equatable {
    public let x: [Double]
    public let value: Double
    public let iterations: Int
    public let stop: StopReason
}
