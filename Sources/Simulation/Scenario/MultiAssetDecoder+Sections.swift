import Agents
import ScenarioSchema

extension MultiAssetDecoder {
    /// `correlation`: n×n (one row per asset), entries in [-1, 1], symmetric, unit diagonal, positive
    /// semi-definite. Each problem is reported at the entry it concerns, or at the matrix.
    static func decodeCorrelation(_ r: ConfigReader, count n: Int) throws(ConfigError) -> [[Double]]? {
        guard r.node("correlation") != nil else { return nil }
        let c = try r.matrix("correlation")
        let node = r.node("correlation") ?? r.mappingNode
        guard let problem = CorrelationCheck.problem(c, dimension: n) else { return c }
        func entry(_ i: Int, _ j: Int) -> ConfigNode {
            guard case let .sequence(rows) = node.value, i < rows.count, case let .sequence(items) = rows[i].value,
                j < items.count
            else { return node }
            return items[j]
        }
        let path = node.keyPath
        switch problem {
        case let .size(rows, expected):
            throw ConfigError.semantic(
                node,
                "expected a \(expected)×\(expected) matrix (one row and column per asset of market.assets), "
                    + "got \(rows)×\(rows)")
        case let .outOfRange(i, j, _):
            let e = entry(i, j)
            throw ConfigError.semantic(e, "expected a correlation in [-1, 1], got \(e.foundDescription)")
        case let .asymmetric(i, j, _, mirror):
            let e = entry(i, j)
            throw ConfigError.semantic(
                e,
                "expected a symmetric matrix (\(path)[\(j)][\(i)] is \(ValueRange.describe(mirror))), "
                    + "got \(e.foundDescription)")
        case let .diagonal(i, _):
            let e = entry(i, i)
            throw ConfigError.semantic(e, "expected 1 on the diagonal, got \(e.foundDescription)")
        case let .notPositiveSemiDefinite(row):
            throw ConfigError.semantic(
                node,
                "expected a positive semi-definite matrix, got one that is not: it has a negative eigenvalue "
                    + "(the Cholesky factorisation fails at \(path)[\(row)]), so no assets can have these correlations")
        }
    }

    /// `regimes`: the Markov chain, the stress blend and multiplier, and an optional `trigger`.
    static func decodeRegimes(_ r: ConfigReader) throws(ConfigError) -> MarketRegimes? {
        guard let g = try r.optionalChild("regimes") else { return nil }
        var regimes = MarketRegimes(
            calmToStress: try g.double("calm_to_stress", .probability),
            stressToCalm: try g.double("stress_to_calm", .probability),
            stressCorrelationBlend: try g.double("stress_correlation_blend", default: 0, .probability),
            stressSigmaMultiplier: try g.double("stress_sigma_multiplier", default: 1, .closed(1, 100)),
            initialRegime: try g.int("initial_regime", default: 0, .closed(0, 1)))
        if let t = try g.optionalChild("trigger") {
            let depth = t.has("depth_drop") ? try t.double("depth_drop", .unitOpen) : nil
            let outflow = t.has("outflow") ? try t.double("outflow", .unitOpen) : nil
            guard depth != nil || outflow != nil else {
                throw ConfigError.semantic(
                    t.mappingNode, "expected depth_drop, outflow or both (thresholds in (0, 1)), got neither")
            }
            regimes.trigger = StressTrigger(depthDrop: depth, outflow: outflow)
        }
        return regimes
    }

    /// `shocks`: a list of `{kind, asset, …}` with `kind` one of `multiply` (`tick`, `factor`), `depeg`
    /// (`from`, `to`, `price`), `depeg_by_factor` (`from`, `to`, `factor`), `freeze_oracle` (`from`, `to`),
    /// `asset` a name from `assets`, and every tick inside the run.
    static func decodeShocks(_ r: ConfigReader, names: [String], ticks: Int) throws(ConfigError) -> [Shock] {
        guard r.node("shocks") != nil else { return [] }
        let last = Double(ticks - 1)
        var shocks: [Shock] = []
        for node in try r.list("shocks") {
            let s = try ConfigReader(node)
            let kind = try s.string("kind", oneOf: ["multiply", "depeg", "depeg_by_factor", "freeze_oracle"])
            let asset = names.firstIndex(of: try s.string("asset", oneOf: names)) ?? 0
            switch kind {
            case "multiply":
                let tick = try s.int("tick", .closed(1, last))
                shocks.append(.multiply(asset: asset, tick: tick, factor: try s.double("factor", .closed(1e-6, 1e6))))
            case "depeg":
                let (from, to) = try window(s, first: 1, last: last)
                shocks.append(.depeg(asset: asset, from: from, to: to, price: try s.double("price", .price)))
            case "depeg_by_factor":
                let (from, to) = try window(s, first: 1, last: last)
                let factor = try s.double("factor", .closed(1e-6, 1e6))
                shocks.append(.depegByFactor(asset: asset, from: from, to: to, factor: factor))
            default:
                let (from, to) = try window(s, first: 0, last: last)
                shocks.append(.freezeOracle(asset: asset, from: from, to: to))
            }
            try s.finish()
        }
        return shocks
    }

    /// `from` and `to` in [first, last], with `from <= to`.
    private static func window(_ s: ConfigReader, first: Double, last: Double) throws(ConfigError) -> (Int, Int) {
        let from = try s.int("from", .closed(first, last))
        let to = try s.int("to", .closed(first, last))
        guard from <= to else { throw s.semanticError("to", "expected to >= from (\(from)), got \(to)") }
        return (from, to)
    }
}
