import ScenarioSchema

/// A small scenario schema, standing in for the engine's real one, so the reader's behaviour can
/// be tested end to end through files.
struct ToyScenario: Equatable {
    struct Shock: Equatable {
        var tick: Int
        var size: Double
    }

    var ticks: Int
    var seed: Int
    var mode: String
    var verbose: Bool
    var sigma: Double
    var p0: Double
    var shock: Shock?
    var count: Int
    var attention: Double
    var noise: Double
    var thresholds: [Double]
    var correlation: [[Double]]

    static func read(_ document: ConfigDocument) throws(ConfigError) -> ToyScenario {
        let top = try ConfigReader(document.root)
        let ticks = try top.int("ticks", .integerAtLeast(1))
        let seed = try top.int("seed", default: 0, .nonNegative)
        let mode = try top.string("mode", default: "calm", oneOf: ["calm", "stress"])
        let verbose = try top.bool("verbose", default: false)
        let market = try top.child("market")
        let sigma = try market.double("sigma", .nonNegative)
        let p0 = try market.double("p0", .positive)
        var shock: Shock?
        if let shockReader = try market.optionalChild("shock") {
            shock = Shock(
                tick: try shockReader.int("tick", .nonNegative),
                size: try shockReader.double("size", .closed(-1, 1)))
        }
        let depositors = try top.child("depositors")
        let count = try depositors.int("count", .positive)
        let attention = try depositors.double("attention", .probability)
        let noise = try depositors.double("noise", default: 0, .nonNegative)
        let thresholds = try depositors.doubles("thresholds", .probability)
        let correlation = try top.matrix("correlation", default: [[1]])
        try top.finish()
        return ToyScenario(
            ticks: ticks, seed: seed, mode: mode, verbose: verbose, sigma: sigma, p0: p0,
            shock: shock, count: count, attention: attention, noise: noise,
            thresholds: thresholds, correlation: correlation)
    }

    /// A complete, valid scenario used as the starting point of many tests.
    static let goodText = """
        ticks: 100
        seed: 7
        market:
          sigma: 0.2
          p0: 1.0
          shock: {tick: 50, size: -0.3}
        depositors:
          count: 1_000
          attention: 0.25
          thresholds: [0.1, 0.5, 0.9]
        correlation:
          - [1, 0.3]
          - [0.3, 1]

        """
}
