import ScenarioSchema

/// Reads the `market` section: one collateral asset priced in USD by one of the market models,
/// plus optional scripted shocks; or, when the section has `assets`, the multi-asset form
/// (`MultiAssetDecoder`).
enum MarketDecoder {
    static let models = ["gbm", "jump_diffusion", "garch", "regime_switching", "ou_peg", "replay"]

    static func decode(_ r: ConfigReader, scenarioDirectory: String, ticks: Int) throws(ConfigError) -> MarketModel {
        if r.has("assets") {
            return try MultiAssetDecoder.decode(r, scenarioDirectory: scenarioDirectory, ticks: ticks)
        }
        let model = try r.string("model", default: "gbm", oneOf: models)
        let name = try r.string("asset", default: "ETH")
        let base: MarketModel
        do {
            switch model {
            case "gbm":
                base = .gbm(try gbm(r, name))
            case "jump_diffusion":
                // A Poisson count per tick: GSL's sampler takes time in proportion to the mean.
                let jumps = JumpDiffusion.Jumps(
                    intensity: try r.double("jump_intensity", .closed(0, 100)),
                    logMean: try r.double("jump_log_mean", .closed(-10, 10)),
                    logStandardDeviation: try r.double("jump_log_sd", .logSD))
                base = .jumpDiffusion(try JumpDiffusion(diffusion: try gbm(r, name), jumps: [jumps]))
            case "garch":
                base = .garch(
                    try GARCHVolatility(assets: [
                        GARCHVolatility.Asset(
                            name: name, initialPrice: try r.double("initial_price", .price),
                            drift: try r.double("drift", default: 0, .closed(-1, 1)),
                            omega: try r.double("omega", .positive), alpha: try r.double("alpha", .nonNegative),
                            beta: try r.double("beta", .nonNegative))
                    ]))
            case "regime_switching":
                base = .regimeSwitching(
                    try RegimeSwitching(
                        assets: [
                            RegimeSwitching.Asset(
                                name: name, initialPrice: try r.double("initial_price", .price),
                                drift: try r.double("drift", default: 0, .closed(-1, 1)),
                                calmSigma: try r.double("calm_sigma", .closed(0, 1)),
                                stressSigma: try r.double("stress_sigma", .closed(0, 1)))
                        ],
                        stressCorrelationBlend: 0,
                        calmToStress: try r.double("calm_to_stress", .probability),
                        stressToCalm: try r.double("stress_to_calm", .probability)))
            case "ou_peg":
                base = .ouPeg(
                    try OrnsteinUhlenbeckPeg(assets: [
                        OrnsteinUhlenbeckPeg.Asset(
                            name: name, peg: try r.double("peg", default: 1, .price),
                            initialPrice: try r.double("initial_price", default: 1, .price),
                            speed: try r.double("speed", .closed(1e-9, 1)), sigma: try r.double("sigma", .closed(0, 1)))
                    ]))
            default:
                let file = try r.string("file")
                let path = file.hasPrefix("/") ? file : scenarioDirectory + "/" + file
                let rescale = r.has("initial_price") ? try r.double("initial_price", .price) : nil
                let after = try r.string(
                    "after_end", default: "hold_last", oneOf: HistoricalReplay.AfterEnd.allCases.map(\.rawValue))
                base = .replay(
                    try HistoricalReplay(
                        name: name, file: path, column: try r.string("column", default: "close"),
                        initialPrice: rescale,
                        afterEnd: HistoricalReplay.AfterEnd(rawValue: after) ?? .holdLast))
            }
            let shocks = try decodeShocks(r, ticks: ticks)
            try r.finish()
            let full = try MarketModel.with(base, shocks: shocks)
            try full.validate(tickCount: ticks)
            return full
        } catch let e as ConfigError {
            throw e
        } catch let e as MarketError {
            throw ConfigError.semantic(r.mappingNode, e.description)
        } catch {
            throw ConfigError.semantic(r.mappingNode, "\(error)")
        }
    }

    private static func gbm(_ r: ConfigReader, _ name: String) throws -> CorrelatedGBM {
        try CorrelatedGBM(assets: [
            CorrelatedGBM.Asset(
                name: name, initialPrice: try r.double("initial_price", .price),
                drift: try r.double("drift", default: 0, .closed(-1, 1)),
                sigma: try r.double("sigma", .closed(0, 1)))
        ])
    }

    /// `shock: {tick, size}` multiplies the price by (1 − size) after that tick's step;
    /// `depeg: {from, to, price}` pins it; `oracle_freeze: {from, to}` freezes the oracle.
    /// Every tick must fall inside the run (0 … ticks − 1): a shock after the end would silently never happen.
    private static func decodeShocks(_ r: ConfigReader, ticks: Int) throws(ConfigError) -> [Shock] {
        let last = Double(ticks - 1)
        var shocks: [Shock] = []
        if let s = try r.optionalChild("shock") {
            let size = try s.double("size", .closed(0, 0.999999))
            // A shock of size 0 is "no shock" and may sit anywhere; a real one must happen inside the run.
            let tick = try s.int("tick", .integerAtLeast(1))
            if size > 0, Double(tick) > last {
                throw s.semanticError(
                    "tick",
                    "expected a tick in [1, \(Int(last))] (the run's last tick), got \(tick): "
                        + "the shock would never happen; move it, or set market.shock.size=0 to run without it")
            }
            shocks.append(.multiply(asset: 0, tick: tick, factor: 1 - size))
            try s.finish()
        }
        if let s = try r.optionalChild("depeg") {
            let (from, to) = try window(s, last: last)
            shocks.append(.depeg(asset: 0, from: from, to: to, price: try s.double("price", .price)))
            try s.finish()
        }
        if let s = try r.optionalChild("oracle_freeze") {
            let (from, to) = try window(s, last: last)
            shocks.append(.freezeOracle(asset: 0, from: from, to: to))
            try s.finish()
        }
        return shocks
    }

    /// `from` and `to` inside the run, with `from <= to`.
    private static func window(_ s: ConfigReader, last: Double) throws(ConfigError) -> (Int, Int) {
        let from = try s.int("from", .closed(0, last))
        let to = try s.int("to", .closed(0, last))
        guard from <= to else { throw s.semanticError("to", "expected to >= from (\(from)), got \(to)") }
        return (from, to)
    }
}
