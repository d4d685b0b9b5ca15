/// A discrete proportional-integral controller with output bounds, a rate limit and anti-windup, and the
/// stability region of its nominal loop.
///
/// Each step it takes the measurement y, forms the error `e = y − setpoint`, and aims the output at
/// `u* = bias + kp·e + ki·Σe`, clamped to `[lower, upper]`; the output then moves towards u* by at most
/// `maxStep`. When the aim passes a bound, the integral is cut back to the value that puts it on the bound
/// (anti-windup), so a long saturation does not delay the way back.
///
/// The output pushes the measurement down (raising a fee lowers utilisation). The nominal loop is the
/// static plant with a one-step delay `y(t) = d − g·u(t − 1)`, whose closed-loop characteristic polynomial
/// is `z² + (g·(kp + ki) − 1)·z − g·kp`; by Jury's test it is stable exactly when
/// `g·ki > 0`, `|g·kp| < 1` and `g·(2·kp + ki) < 2` (``isStable(kp:ki:plantGain:)``).
public struct PIController: Sendable, Equatable {
    /// The measurement the controller aims at.
    public var setpoint: Double
    /// Proportional gain: output per unit of error.
    public var kp: Double
    /// Integral gain: output per unit of accumulated error (per step).
    public var ki: Double
    /// The output at zero error and zero integral.
    public var bias: Double
    /// The output's lower bound.
    public var lower: Double
    /// The output's upper bound.
    public var upper: Double
    /// The most the output may move in one step.
    public var maxStep: Double
    /// Σe so far.
    public private(set) var integral = 0.0
    /// The current output.
    public private(set) var output: Double

    /// Creates a controller whose output starts at `bias` (clamped to the bounds).
    public init(
        setpoint: Double, kp: Double, ki: Double, bias: Double, lower: Double, upper: Double, maxStep: Double
    ) {
        self.setpoint = setpoint
        self.kp = kp
        self.ki = ki
        self.bias = bias
        self.lower = lower
        self.upper = upper
        self.maxStep = maxStep
        output = max(lower, min(upper, bias))
    }

    /// Whether gains `kp`, `ki` make the nominal loop with plant gain `plantGain` (> 0) stable.
    public static func isStable(kp: Double, ki: Double, plantGain g: Double) -> Bool {
        g > 0 && g * ki > 0 && abs(g * kp) < 1 && g * (2 * kp + ki) < 2
    }

    /// Folds in measurement `y` and returns the new output.
    @discardableResult
    public mutating func step(_ y: Double) -> Double {
        let e = y - setpoint
        integral += e
        let raw = bias + kp * e + ki * integral
        // Anti-windup: past a bound, the integral is cut back to what puts the aim on the bound.
        if ki > 0, raw > upper {
            integral = (upper - bias - kp * e) / ki
        } else if ki > 0, raw < lower {
            integral = (lower - bias - kp * e) / ki
        }
        let aim = max(lower, min(upper, raw))
        output += max(-maxStep, min(maxStep, aim - output))
        return output
    }
}
