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
        /// The protocol's share of interest (jump-rate model only).
        public var reserveFactor = 0.0
        /// Compound III's separate curves (`model: comet`), per year; nil: the jump-rate curve above.
        public var comet: CometCurves?
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

        /// Comet's supply and borrow curves, per year: each `base + slope_low·U` up to `kink`, then
        /// `+ slope_high·(U − kink)` (Comet's slopes are per unit of utilisation, not divided by the kink).
        public struct CometCurves: Sendable, Equatable {
            public var supply: KinkedCurve
            public var borrow: KinkedCurve
        }

        /// The on-demand rate model, per tick.
        func model() throws(ProtocolError) -> InterestRateModel {
            if let c = comet {
                func perTick(_ k: KinkedCurve) -> KinkedCurve {
                    KinkedCurve(
                        base: k.base / ticksPerYear, slopeLow: k.slopeLow / ticksPerYear,
                        slopeHigh: k.slopeHigh / ticksPerYear, kink: k.kink)
                }
                return .comet(CometRateModel(supply: perTick(c.supply), borrow: perTick(c.borrow)))
            }
            // Compound's jump-rate form: `multiplier` is the slope below the kink, `jump` above it.
            return .jumpRate(
                try JumpRateModel(
                    baseRate: base / ticksPerYear, multiplier: slopeLow / kink / ticksPerYear,
                    jumpMultiplier: kink < 1 ? slopeHigh / (1 - kink) / ticksPerYear : 0, kink: kink))
        }
    }

    static func decodeRates(_ r: ConfigReader?) throws(ConfigError) -> Rates? {
        guard let r else { return nil }
        var x = Rates()
        x.ticksPerYear = try r.double("ticks_per_year", default: x.ticksPerYear, .closed(1, 1e8))
        if try r.string("model", default: "jump_rate", oneOf: ["jump_rate", "comet"]) == "comet" {
            for key in ["base", "slope_low", "slope_high", "kink", "reserve_factor"] where r.has(key) {
                throw r.semanticError(
                    key,
                    "expected no \(key) with model comet: its curves are rates.supply and rates.borrow, and the "
                        + "supply curve, not a reserve factor, sets what suppliers earn")
            }
            x.comet = Rates.CometCurves(
                supply: try decodeCurve(try r.child("supply")), borrow: try decodeCurve(try r.child("borrow")))
        } else {
            x.base = try r.double("base", default: 0, .closed(0, 10))
            x.slopeLow = try r.double("slope_low", default: 0, .closed(0, 10))
            x.slopeHigh = try r.double("slope_high", default: 0, .closed(0, 100))
            x.kink = try r.double("kink", default: x.kink, .open(0, 1))
            x.reserveFactor = try r.double("reserve_factor", default: 0, .closed(0, 0.99))
        }
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

    /// One Comet curve (`rates.supply` or `rates.borrow`), per year.
    private static func decodeCurve(_ r: ConfigReader) throws(ConfigError) -> KinkedCurve {
        KinkedCurve(
            base: try r.double("base", default: 0, .closed(0, 10)),
            slopeLow: try r.double("slope_low", default: 0, .closed(0, 10)),
            slopeHigh: try r.double("slope_high", default: 0, .closed(0, 100)),
            kink: try r.double("kink", default: 0.8, .open(0, 1)))
    }
}
