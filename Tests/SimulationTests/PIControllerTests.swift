import Testing

@testable import Agents

/// The self-healing controller against its nominal plant `y(t) = d − g·u(t − 1)`: it settles a step of
/// the disturbance with bounded overshoot, and its stability region is the one Jury's test gives.
@Suite("PI controller")
struct PIControllerTests {
    /// Runs the nominal loop for `ticks` with the disturbance stepping from 0.7 to `step` at tick 10.
    static func response(kp: Double, ki: Double, g: Double, step: Double, ticks: Int = 200) -> [Double] {
        var pi = PIController(setpoint: 0.8, kp: kp, ki: ki, bias: 0, lower: 0, upper: 10, maxStep: 10)
        var u = 0.0
        var ys: [Double] = []
        for t in 0..<ticks {
            let d = t < 10 ? 0.7 : step
            let y = d - g * u
            ys.append(y)
            u = pi.step(y)
        }
        return ys
    }

    /// A step that drives the measurement 0.2 above the setpoint settles within 2% of the step in 40
    /// ticks and overshoots the setpoint by at most 25% of the step.
    @Test func aStepSettlesWithBoundedOvershoot() {
        let g = 0.5
        let ys = Self.response(kp: 0.3 / g, ki: 0.2 / g, g: g, step: 1.0)
        let size = 1.0 - 0.8
        let settled = ys[50...].allSatisfy { abs($0 - 0.8) <= 0.02 * size }
        #expect(settled, "\(ys[40..<60])")
        // The disturbance pushes y up; overshoot is how far it falls below the setpoint afterwards.
        let overshoot = max(0, 0.8 - (ys[10...].min() ?? 0.8)) / size
        #expect(overshoot <= 0.25, "overshoot \(overshoot)")
    }

    @Test func theStableRegionIsJurys() {
        #expect(PIController.isStable(kp: 0.5, ki: 0.1, plantGain: 1))
        #expect(!PIController.isStable(kp: 1.2, ki: 0.1, plantGain: 1), "|g·kp| ≥ 1")
        #expect(!PIController.isStable(kp: 0.5, ki: 0, plantGain: 1), "no integral action")
        #expect(!PIController.isStable(kp: 0.9, ki: 0.5, plantGain: 1), "g·(2·kp + ki) ≥ 2")
        // Inside the region the loop converges; just outside it, it does not.
        let inside = Self.response(kp: 0.9, ki: 0.15, g: 1, step: 1, ticks: 2_000)
        #expect(abs((inside.last ?? 0) - 0.8) < 1e-6)
        let outside = Self.response(kp: 0.95, ki: 0.2, g: 1, step: 1, ticks: 2_000)
        #expect(abs((outside.last ?? 0.8) - 0.8) > 1e-3)
    }

    @Test func theOutputStaysInItsBoundsAndRateLimit() {
        var pi = PIController(setpoint: 0.8, kp: 0.5, ki: 0.1, bias: 0, lower: 0, upper: 0.05, maxStep: 0.005)
        var last = pi.output
        for t in 0..<300 {
            let y = t < 100 ? 1.0 : 0.5
            let u = pi.step(y)
            #expect(u >= 0 && u <= 0.05 && abs(u - last) <= 0.005 + 1e-15)
            last = u
        }
        // Anti-windup: after 100 ticks pinned at the ceiling, the output is back at the floor within
        // 0.05/0.005 = 10 ticks of rate limit plus a few of error.
        #expect(last == 0)
    }
}
