import ProtocolModel
import ScenarioSchema

/// The treasury manager: one agent running the protocol treasury's asset-liability policy.
///
/// Every tick it settles expired options and rolls the options book, trades the delta hedge back inside
/// its band, tops the lending pool's USD reserve up to the buffer target (supplying the treasury's cash),
/// pulls capital back from its instruments as the reserve falls short or its own cash runs low (honouring
/// lock-ups, paying early-exit penalties), and invests idle cash above what it keeps liquid. It acts only
/// through intents: `supply` for the top-up and ``/ProtocolModel/IntentAction/treasury(_:)`` for the
/// treasury's own books (``/ProtocolModel/Treasury``). What it spends in one tick never exceeds the cash it
/// held at the start of its phase, so its intents succeed in any order.
public enum TreasuryManager: AgentKind {
    public static let key = "treasury"

    /// One instrument of the `instruments` list.
    public struct Instrument: Sendable, Equatable {
        /// Name, for reports.
        public var name: String
        /// Simple rate per year.
        public var ratePerYear: Double
        /// Ticks before it can be redeemed.
        public var lockUp: Int
        /// Ticks to maturity; nil: open-ended.
        public var term: Int?
        /// Fraction of the accrued value lost when redeemed before maturity.
        public var earlyExitPenalty: Double
        /// Share of each investment it receives (weights are normalised).
        public var weight: Double
    }

    /// The `options` subsection: a rolling series of European options on the collateral.
    public struct Options: Sendable, Equatable {
        /// Put or call.
        public var kind = OptionKind.put
        /// Buy the options (a protective hedge) or write them (a vault product, for premium).
        public var write = false
        /// Units of collateral per series.
        public var units = 0.0
        /// Strike as a fraction of the spot at the trade.
        public var strike = 0.9
        /// Ticks from trade to expiry.
        public var tenor = 168
        /// Trade a new series when one expires.
        public var roll = true
        /// EWMA decay of the realised-volatility estimate.
        public var lambda = 0.94
        /// Volatility per √year before the first return.
        public var initialVolatility = 0.6
        /// With `delta_hedge: true`, rebalance the hedge when |net delta| exceeds this fraction of `units`
        /// (`hedge_band`); nil: no hedge.
        public var hedgeBand: Double?
        /// Whether the hedge may sell ETH it does not hold, borrowed outside the model (`hedge_short`): a
        /// written put's delta can only be hedged short.
        public var hedgeShort = false
        /// With `gamma_hedge: true`, each written series is sold together with options of the same kind
        /// and expiry at `gamma_strike` × spot, bought from the venue at the surface price plus
        /// `venue_spread` (a fraction of it), in the quantity that zeroes the book's gamma at the sale.
        public var gammaHedge: GammaHedge?
        /// The implied-volatility surface the options are priced on (`surface`); nil: the EWMA volatility.
        public var surface: VolatilitySurface?
    }

    /// The options bought from the venue against a written series' gamma (`gamma_hedge: true`).
    public struct GammaHedge: Sendable, Equatable {
        /// Strike as a fraction of spot at the sale (`gamma_strike`).
        public var strike: Double
        /// The venue's price above the surface's, as a fraction of it (`venue_spread`).
        public var spread: Double
    }

    /// The `forecast` subsection: the predictive treasury (``OutflowForecaster``).
    public struct Forecast: Sendable, Equatable {
        /// Ticks ahead the forecast covers.
        public var horizon = 24
        /// Completed ticks the rolling least-squares fit uses.
        public var window = 168
        /// The buffer is raised by this multiple of the forecast outflow.
        public var cover = 1.0
    }

    public struct Config: Sendable, Equatable {
        /// The treasury's opening cash.
        public var idleUSD = 0.0
        /// Collateral the treasury holds at tick 0 (the position its puts protect and its hedge trades).
        public var collateralUnits = 0.0
        /// Reserve target as a fraction of outstanding deposits: below it the treasury tops the reserve up.
        public var bufferTarget = 0.0
        /// Top up by granting cash to the reserve (`top_up: grant`, no claim) instead of supplying it
        /// (`supply`, the default: a deposit, so a liability too).
        public var grantTopUps = false
        /// Fraction of its cash and instruments the treasury keeps as cash.
        public var keepLiquid = 0.25
        /// Whether the treasury tops up the lending reserve and invests (`manage_reserve`); false: it only
        /// runs its options book, as a vault whose cash secures the options it writes.
        public var manageReserve = true
        /// Where it may invest.
        public var instruments: [Instrument] = []
        /// The options book, if any.
        public var options: Options?
        /// The outflow forecast, if any: without it the treasury is reactive.
        public var forecast: Forecast?
        public init() {}
    }

    public static func agentCount(_ c: Config) -> Int { 1 }

    public static func decode(_ r: ConfigReader) throws(ConfigError) -> Config {
        var c = Config()
        c.idleUSD = try r.double("idle_usd", default: 0, .usdAmount)
        c.collateralUnits = try r.double("collateral_units", default: 0, .closed(0, 1e12))
        c.bufferTarget = try r.double("buffer_target", default: 0, .probability)
        c.keepLiquid = try r.double("keep_liquid", default: c.keepLiquid, .probability)
        c.manageReserve = try r.bool("manage_reserve", default: true)
        c.grantTopUps = try r.string("top_up", default: "supply", oneOf: ["supply", "grant"]) == "grant"
        if r.node("instruments") != nil {
            for node in try r.list("instruments") {
                let i = try ConfigReader(node)
                let lockUp = try i.int("lock_up", default: 0, .integerAtLeast(0))
                let term: Int? = i.node("term") != nil ? try i.int("term", .integerAtLeast(1)) : nil
                if let term, term < lockUp {
                    throw i.semanticError("term", "expected a term of at least lock_up (\(lockUp)) ticks, got \(term)")
                }
                c.instruments.append(
                    Instrument(
                        name: try i.string("name"), ratePerYear: try i.double("rate", .closed(0, 10)), lockUp: lockUp,
                        term: term, earlyExitPenalty: try i.double("early_exit_penalty", default: 0, .closed(0, 0.99)),
                        weight: try i.double("weight", default: 1, .closed(0, 1e6))))
                try i.finish()
            }
        }
        if let o = try r.optionalChild("options") { c.options = try decodeOptions(o) }
        if let f = try r.optionalChild("forecast") {
            var x = Forecast()
            x.horizon = try f.int("horizon", default: x.horizon, .closed(1, 10_000))
            x.window = try f.int("window", default: x.window, .closed(Double(2 * OutflowForecaster.columns), 100_000))
            x.cover = try f.double("cover", default: x.cover, .closed(0, 100))
            try f.finish()
            c.forecast = x
        }
        try r.finish()
        return c
    }

    private static func decodeOptions(_ o: ConfigReader) throws(ConfigError) -> Options {
        var x = Options()
        x.kind = try o.string("kind", default: "put", oneOf: ["put", "call"]) == "call" ? .call : .put
        x.write = try o.string("side", default: "buy", oneOf: ["buy", "write"]) == "write"
        x.units = try o.double("units", .positiveAmount)
        x.strike = try o.double("strike", default: x.strike, .closed(0.01, 10))
        x.tenor = try o.int("tenor", default: x.tenor, .integerAtLeast(1))
        x.roll = try o.bool("roll", default: x.roll)
        x.lambda = try o.double("ewma_lambda", default: x.lambda, .closed(0, 0.9999))
        x.initialVolatility = try o.double("initial_volatility", default: x.initialVolatility, .closed(1e-4, 20))
        let band = try o.double("hedge_band", default: 0.05, .closed(0, 1e6))
        if try o.bool("delta_hedge", default: false) { x.hedgeBand = band }
        x.hedgeShort = try o.bool("hedge_short", default: false)
        let gammaStrike = try o.double("gamma_strike", default: 0.8, .closed(0.01, 10))
        let spread = try o.double("venue_spread", default: 0.05, .closed(0, 1))
        if try o.bool("gamma_hedge", default: false) { x.gammaHedge = GammaHedge(strike: gammaStrike, spread: spread) }
        if let r = try o.optionalChild("surface") {
            x.surface = try decodeSurface(r, initialVolatility: x.initialVolatility)
        }
        try o.finish()
        return x
    }

    public static func makePopulations(_ c: Config, setup: inout SetupContext) -> [any Population] {
        let layout = setup.layout
        let account = setup.allocateAccounts(1)
        setup.wallets.append((account, layout.usd, c.idleUSD))
        setup.wallets.append((account, layout.collateral, c.collateralUnits))
        let perYear = setup.ticksPerYear
        let menu = c.instruments.map {
            InstrumentTerms(
                name: $0.name, ratePerTick: $0.ratePerYear / perYear, lockUp: $0.lockUp,
                term: $0.term ?? InstrumentTerms.openEnded, earlyExitPenalty: $0.earlyExitPenalty)
        }
        let options = c.options ?? Options()
        // The config was validated when it was decoded, so these cannot throw.
        if let vol = try? EWMAVolatility(
            lambda: options.lambda, initialVolatility: options.initialVolatility, ticksPerYear: perYear),
            var t = try? Treasury(
                cashToken: layout.usd, underlying: layout.collateral, pool: layout.pool, menu: menu, volatility: vol)
        {
            t.account = account
            t.surface = options.surface
            t.shortAllowed = options.hedgeShort
            t.options.hedgeUnits = c.collateralUnits
            t.options.hedgeCost = c.collateralUnits * setup.initialPrice
            let weights = c.instruments.reduce(0) { $0 + $1.weight }
            if weights > 0 {
                t.benchmarkRatePerTick = c.instruments.reduce(0) { $0 + $1.weight * $1.ratePerYear } / weights / perYear
            }
            setup.treasury = t
        }
        return [TreasuryPopulation(config: c, account: account, ticksPerYear: perYear)]
    }
}
