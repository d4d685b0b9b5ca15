import ProtocolModel
import ScenarioSchema

extension TreasuryManager {
    /// Reads `treasury.options.surface`: `reference_volatility` (the EWMA level at which the surface holds
    /// as given; default the options' `initial_volatility`) and `slices`, each with its maturity `years`
    /// and either the raw SVI parameters `a`, `b`, `rho`, `m`, `sigma` or quotes to calibrate to
    /// (`moneyness`: log-moneyness ln(K/S), `implied`: implied volatilities, one per moneyness).
    ///
    /// A slice with butterfly arbitrage, a pair with calendar arbitrage, or quotes SVI cannot fit are
    /// refused at the slice's key.
    static func decodeSurface(_ r: ConfigReader, initialVolatility: Double) throws(ConfigError)
        -> VolatilitySurface
    {
        let reference = try r.double("reference_volatility", default: initialVolatility, .closed(1e-4, 20))
        var years: [Double] = []
        var slices: [SVISlice] = []
        var readers: [ConfigReader] = []
        for node in try r.list("slices") {
            let s = try ConfigReader(node)
            let t = try s.double("years", .closed(1e-6, 100))
            if s.node("implied") != nil || s.node("moneyness") != nil {
                let k = try s.doubles("moneyness", .closed(-5, 5))
                let v = try s.doubles("implied", .closed(1e-4, 20))
                guard k.count == v.count else {
                    throw s.semanticError(
                        "implied", "expected one volatility per moneyness (\(k.count)), got \(v.count)")
                }
                do {
                    slices.append(try SVISlice.calibrate(quotes: zip(k, v).map { ($0, $1) }, years: t))
                } catch {
                    throw s.semanticError("implied", "expected quotes SVI can fit: \(error)")
                }
            } else {
                slices.append(
                    SVISlice(
                        a: try s.double("a", .closed(-10, 10)), b: try s.double("b", .closed(0, 10)),
                        rho: try s.double("rho", .open(-1, 1)), m: try s.double("m", .closed(-5, 5)),
                        sigma: try s.double("sigma", .closed(1e-6, 10))))
            }
            try s.finish()
            years.append(t)
            readers.append(s)
        }
        if readers.isEmpty { throw r.semanticError("slices", "expected at least one slice") }
        do {
            return try VolatilitySurface(years: years, slices: slices, referenceVolatility: reference)
        } catch {
            let i = min(error.slice ?? 0, readers.count - 1)
            let key = error.defect.key == "tenor" ? "years" : error.defect.key
            throw readers[i].semanticError(key, error.defect.message)
        }
    }
}
