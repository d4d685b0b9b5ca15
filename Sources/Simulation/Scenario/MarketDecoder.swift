import ScenarioSchema

/// Reads the `market` section: one collateral asset priced in USD by one of the market models,
/// plus optional scripted shocks.
enum MarketDecoder {
    static let models = ["gbm", "jump_diffusion", "garch", "regime_switching", "ou_peg", "replay"]

    static func decode(_ r: ConfigReader, scenarioDirectory: String, ticks: Int) throws(ConfigError) -> MarketModel {
        let model = try r.string("model", default: "gbm", oneOf: models)
        let name = try r.string("asset", default: "ETH")
        let base: MarketModel
        do {
            switch model {
            case "gbm":
                base = .gbm(try gbm(r, name))
            case "jump_diffusion":
                let jumps = JumpDiffusion.Jumps(intensity: try r.double("jump_intensity", .nonNegative),
                                                logMean: try r.double("jump_log_mean"),
                                                logStandardDeviation: try r.double("jump_log_sd", .nonNegative))
                base = .jumpDiffusion(try JumpDiffusion(diffusion: try gbm(r, name), jumps: [jumps]))
            case "garch":
                base = .garch(try GARCHVolatility(assets: [GARCHVolatility.Asset(
                    name: name, initialPrice: try r.double("initial_price", .positive), drift: try r.double("drift", default: 0),
                    omega: try r.double("omega", .positive), alpha: try r.double("alpha", .nonNegative),
                    beta: try r.double("beta", .nonNegative))]))
            case "regime_switching":
                base = .regimeSwitching(try RegimeSwitching(
                    assets: [RegimeSwitching.Asset(name: name, initialPrice: try r.double("initial_price", .positive),
                                                   drift: try r.double("drift", default: 0),
                                                   calmSigma: try r.double("calm_sigma", .nonNegative),
                                                   stressSigma: try r.double("stress_sigma", .nonNegative))],
                    stressCorrelationBlend: 0,
                    calmToStress: try r.double("calm_to_stress", .probability),
                    stressToCalm: try r.double("stress_to_calm", .probability)))
            case "ou_peg":
                base = .ouPeg(try OrnsteinUhlenbeckPeg(assets: [OrnsteinUhlenbeckPeg.Asset(
                    name: name, peg: try r.double("peg", default: 1, .positive),
                    initialPrice: try r.double("initial_price", default: 1, .positive),
                    speed: try r.double("speed", .positive), sigma: try r.double("sigma", .nonNegative))]))
            default:
                let file = try r.string("file")
                let path = file.hasPrefix("/") ? file : scenarioDirectory + "/" + file
                let rescale = r.has("initial_price") ? try r.double("initial_price", .positive) : nil
                let after = try r.string("after_end", default: "hold_last", oneOf: HistoricalReplay.AfterEnd.allCases.map(\.rawValue))
                base = .replay(try HistoricalReplay(name: name, file: path, column: try r.string("column", default: "close"),
                                                    initialPrice: rescale,
                                                    afterEnd: HistoricalReplay.AfterEnd(rawValue: after) ?? .holdLast))
            }
            let shocks = try decodeShocks(r)
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
        try CorrelatedGBM(assets: [CorrelatedGBM.Asset(name: name, initialPrice: try r.double("initial_price", .positive),
                                                       drift: try r.double("drift", default: 0),
                                                       sigma: try r.double("sigma", .nonNegative))])
    }

    /// `shock: {tick, size}` multiplies the price by (1 − size) after that tick's step;
    /// `depeg: {from, to, price}` pins it; `oracle_freeze: {from, to}` freezes the oracle.
    private static func decodeShocks(_ r: ConfigReader) throws(ConfigError) -> [Shock] {
        var shocks: [Shock] = []
        if let s = try r.optionalChild("shock") {
            let size = try s.double("size", .closed(0, 0.999999))
            shocks.append(.multiply(asset: 0, tick: try s.int("tick", .integerAtLeast(1)), factor: 1 - size))
            try s.finish()
        }
        if let s = try r.optionalChild("depeg") {
            shocks.append(.depeg(asset: 0, from: try s.int("from", .integerAtLeast(0)), to: try s.int("to", .integerAtLeast(0)),
                                 price: try s.double("price", .positive)))
            try s.finish()
        }
        if let s = try r.optionalChild("oracle_freeze") {
            shocks.append(.freezeOracle(asset: 0, from: try s.int("from", .integerAtLeast(0)), to: try s.int("to", .integerAtLeast(0))))
            try s.finish()
        }
        return shocks
    }
}
