import Agents
import ScenarioSchema

/// Reads the multi-asset form of the `market` section: `assets` (each with its own `model`),
/// `correlation`, `regimes` and a `shocks` list naming assets. Every error is located at the key it
/// concerns (`market.assets[2].sigma`, `market.correlation[0][1]`, `market.shocks[0].asset`).
enum MultiAssetDecoder {
    static let models = ["gbm", "jump_diffusion", "garch", "ou_peg", "replay", "pool"]

    static func decode(_ r: ConfigReader, scenarioDirectory: String, ticks: Int) throws(ConfigError) -> MarketModel {
        for key in ["model", "asset", "shock", "depeg", "oracle_freeze"] where r.has(key) {
            throw r.semanticError(
                key,
                "expected no \(key) key beside assets: each asset has its own keys, and shocks go in the shocks list")
        }
        let nodes = try r.list("assets")
        guard !nodes.isEmpty else {
            throw ConfigError.semantic(
                r.node("assets") ?? r.mappingNode, "expected at least one asset (a list of mappings), got an empty list"
            )
        }
        var files = PriceSeriesFiles()
        var assets: [MultiAssetMarket.Asset] = []
        for node in nodes {
            let a = try ConfigReader(node)
            let asset = try decodeAsset(a, directory: scenarioDirectory, files: &files)
            // The token's kind and bridge belong to the world (WorldDecoder reads them).
            _ = a.node("kind")
            _ = a.node("bridge")
            if let j = assets.firstIndex(where: { $0.name == asset.name }) {
                throw a.semanticError(
                    "name", "expected a name not already used (\(nodes[j].keyPath) has it), got \(asset.name)")
            }
            try a.finish()
            assets.append(asset)
        }
        let names = assets.map(\.name)
        let correlation = try decodeCorrelation(r, count: assets.count)
        let regimes = try decodeRegimes(r)
        let shocks = try decodeShocks(r, names: names, ticks: ticks)
        try r.finish()
        do {
            let model = try MarketModel.with(
                .multiAsset(try MultiAssetMarket(assets: assets, correlation: correlation, regimes: regimes)),
                shocks: shocks)
            try model.validate(tickCount: ticks)
            return model
        } catch {
            throw ConfigError.semantic(r.mappingNode, error.description)
        }
    }

    /// One entry of `assets`, with the keys of its `model`.
    private static func decodeAsset(
        _ a: ConfigReader, directory: String, files: inout PriceSeriesFiles
    ) throws(ConfigError) -> MultiAssetMarket.Asset {
        let name = try a.string("name")
        guard !name.isEmpty else { throw a.semanticError("name", "expected a non-empty asset name, got \"\"") }
        let model = try a.string("model", default: "gbm", oneOf: models)
        switch model {
        case "gbm", "jump_diffusion":
            let price = try a.double("initial_price", .price)
            let drift = try a.double("drift", default: 0, .closed(-1, 1))
            let sigma = try a.double("sigma", .closed(0, 1))
            guard model == "jump_diffusion" else {
                return .init(name: name, initialPrice: price, process: .gbm(drift: drift, sigma: sigma))
            }
            // A Poisson count per tick: GSL's sampler takes time in proportion to the mean.
            let jumps = JumpDiffusion.Jumps(
                intensity: try a.double("jump_intensity", .closed(0, 100)),
                logMean: try a.double("jump_log_mean", .closed(-10, 10)),
                logStandardDeviation: try a.double("jump_log_sd", .logSD))
            return .init(
                name: name, initialPrice: price, process: .jumpDiffusion(drift: drift, sigma: sigma, jumps: jumps))
        case "garch":
            let price = try a.double("initial_price", .price)
            let drift = try a.double("drift", default: 0, .closed(-1, 1))
            let omega = try a.double("omega", .positive)
            let alpha = try a.double("alpha", .nonNegative)
            let beta = try a.double("beta", .nonNegative)
            guard alpha + beta < 1 else {
                throw a.semanticError(
                    "beta", "expected alpha + beta < 1 (a stationary GARCH(1,1)), got \(alpha + beta)")
            }
            let h0 = a.has("initial_variance") ? try a.double("initial_variance", .positive) : nil
            return .init(
                name: name, initialPrice: price,
                process: .garch(drift: drift, omega: omega, alpha: alpha, beta: beta, initialVariance: h0))
        case "ou_peg":
            let peg = try a.double("peg", default: 1, .price)
            let price = try a.double("initial_price", default: peg, .price)
            let speed = try a.double("speed", .closed(1e-9, 1))
            let sigma = try a.double("sigma", .closed(0, 1))
            return .init(name: name, initialPrice: price, process: .ouPeg(peg: peg, speed: speed, sigma: sigma))
        case "pool":
            // A native token: no external market, its price is its own pool's (the world reads it every tick).
            let price = try a.double("initial_price", .price)
            return .init(name: name, initialPrice: price, process: .gbm(drift: 0, sigma: 0))
        default:
            return .init(name: name, process: .replay(try decodeReplay(a, name: name, directory: directory, &files)))
        }
    }

    /// A replayed column: `file`, `column` (default `close`), `initial_price` (rescale), `after_end`.
    private static func decodeReplay(
        _ a: ConfigReader, name: String, directory: String, _ files: inout PriceSeriesFiles
    ) throws(ConfigError) -> HistoricalReplay {
        let file = try a.string("file")
        let path = file.hasPrefix("/") ? file : directory + "/" + file
        let column = try a.string("column", default: "close")
        let rescale = a.has("initial_price") ? try a.double("initial_price", .price) : nil
        let after = try a.string(
            "after_end", default: "hold_last", oneOf: HistoricalReplay.AfterEnd.allCases.map(\.rawValue))
        do {
            return try HistoricalReplay(
                name: name, series: try files.series(file: path, column: column), source: path, column: column,
                initialPrice: rescale, afterEnd: HistoricalReplay.AfterEnd(rawValue: after) ?? .holdLast)
        } catch {
            // A bad rescale is the initial_price's fault; a missing or malformed file is the file's.
            let key = if case .invalidParameter = error { "initial_price" } else { "file" }
            throw ConfigError.semantic(a.node(key) ?? a.mappingNode, error.description)
        }
    }
}
