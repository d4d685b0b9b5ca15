import ProtocolModel
import ScenarioSchema

extension Scenario {
    /// Interest and the discount curve (`rates` section). Without the section nothing accrues and the
    /// ALM rate metrics stay at zero: the reference model has no interest.
    public struct Rates: Sendable, Equatable {
        /// Hours in a year: the reference model's tick is an hour.
        public static let defaultTicksPerYear = 8_760.0
        /// Ticks in a year: rates in the file are per year, the model's per tick.
        public var ticksPerYear = defaultTicksPerYear
        /// The on-demand borrow rate per year, a kinked curve of utilisation (Aave's two slopes):
        /// `base + slopeLow·U/kink` up to the kink, then `+ slopeHigh·(U − kink)/(1 − kink)`.
        public var base = 0.0
        public var slopeLow = 0.0
        public var slopeHigh = 0.0
        public var kink = 0.8
        /// The protocol's share of interest.
        public var reserveFactor = 0.0
        /// The market yield per year at which cash flows are discounted for the economic value of equity.
        public var discountYield = 0.0
        /// A parallel move of the discount curve, in basis points, from `shockTick` on.
        public var shockTick: Int?
        public var shockBasisPoints = 0.0

        /// The yield shift in force at `tick` (a fraction: 0.01 = 100 bp).
        public func yieldShift(at tick: Int) -> Double {
            guard let t = shockTick, tick >= t else { return 0 }
            return shockBasisPoints / 10_000
        }

        /// The on-demand rate model, per tick.
        func model() throws(ProtocolError) -> InterestRateModel {
            // Compound's jump-rate form: `multiplier` is the slope below the kink, `jump` above it.
            .jumpRate(
                try JumpRateModel(
                    baseRate: base / ticksPerYear, multiplier: slopeLow / kink / ticksPerYear,
                    jumpMultiplier: kink < 1 ? slopeHigh / (1 - kink) / ticksPerYear : 0, kink: kink))
        }
    }

    static func decodeRates(_ r: ConfigReader?) throws(ConfigError) -> Rates? {
        guard let r else { return nil }
        var x = Rates()
        x.ticksPerYear = try r.double("ticks_per_year", default: x.ticksPerYear, .closed(1, 1e8))
        x.base = try r.double("base", default: 0, .closed(0, 10))
        x.slopeLow = try r.double("slope_low", default: 0, .closed(0, 10))
        x.slopeHigh = try r.double("slope_high", default: 0, .closed(0, 100))
        x.kink = try r.double("kink", default: x.kink, .open(0, 1))
        x.reserveFactor = try r.double("reserve_factor", default: 0, .closed(0, 0.99))
        x.discountYield = try r.double("discount_yield", default: 0, .closed(0, 10))
        if let s = try r.optionalChild("shock") {
            x.shockTick = try s.int("tick", .integerAtLeast(0))
            x.shockBasisPoints = try s.double("bp", .closed(-5_000, 5_000))
            if x.discountYield + x.shockBasisPoints / 10_000 <= -1 {
                throw s.semanticError("bp", "expected a shock that keeps the discount yield above −100%")
            }
        }
        try r.finish()
        return x
    }
}
