import Foundation
import ScenarioSchema
import Simulation
import Stochastics

extension OptimizeSpec {
    /// Reads an optimisation study and checks every bound against the scenario, before any run.
    public static func load(path: String) throws(ConfigError) -> OptimizeSpec {
        let doc = try ConfigDocument.load(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        let r = try ConfigReader(doc.root)
        let scenarioPath = try StudyFileKeys.scenarioPath(r, folder: folder)
        let fixed = try StudyFileKeys.overrides(r)
        var parameters: [Parameter] = []
        let nodes = try r.list("parameters")
        guard !nodes.isEmpty else { throw r.error("parameters", "expected at least one parameter") }
        for node in nodes { parameters.append(try decodeParameter(node)) }
        let o = try r.child("objective")
        let lambda = try o.double("lambda", default: 0, .nonNegative)
        let perUSD = try o.double("incentive_cost_per_usd", default: 0, .closed(0, 1))
        let smoothing = o.has("smoothing") ? try o.double("smoothing", .closed(1e-6, 1)) : nil
        try o.finish()
        let methods = NoisySimplexSearch.Method.allCases.map { $0.rawValue }
        let method = NoisySimplexSearch.Method(
            rawValue: try r.string("method", default: NoisySimplexSearch.Method.nelderMead.rawValue, oneOf: methods))
        let bfgs = method == .bfgs
        if bfgs, smoothing == nil {
            throw r.error(
                "method",
                "expected objective.smoothing (the bandwidth h of the smoothed P(run)) with method bfgs: on common "
                    + "random numbers the share of replicates that ran is a step function, which BFGS cannot differentiate"
            )
        }
        let rep = try r.child("replicates")
        let start = try rep.int("start", .integerAtLeast(1))
        let most = try rep.int("max", default: start, .integerAtLeast(start))
        guard most <= StudySpec.maxReplicatesPerPoint else {
            throw rep.error("max", "expected at most \(StudySpec.maxReplicatesPerPoint) replicates, got \(most)")
        }
        // Each minimiser has its own stage end: the simplex's size, or the gradient's norm.
        let (growKey, otherKey) =
            bfgs
            ? ("grow_when_gradient_below", "grow_when_simplex_below")
            : ("grow_when_simplex_below", "grow_when_gradient_below")
        if rep.has(otherKey) {
            throw rep.error(otherKey, "expected \(growKey) with method \(method?.rawValue ?? "nelder_mead")")
        }
        let grow = try rep.double(growKey, default: bfgs ? 0.01 : 0.05, .positive)
        try rep.finish()
        if !bfgs, r.has("gradient_step") {
            throw r.error("gradient_step", "expected no gradient_step with method nelder_mead (BFGS only)")
        }
        let gradientStep = try r.double("gradient_step", default: 0.05, .closed(1e-4, 1))
        let confidence = try r.double("confidence", default: 0.95, .unitOpen)
        var constraint: Constraint?
        if let c = try r.optionalChild("constraint") {
            let modes = ConstraintMode.allCases.map { $0.rawValue }
            let mode = ConstraintMode(rawValue: try c.string("mode", default: "penalty", oneOf: modes)) ?? .penalty
            let target = try c.double("at_most", .unitOpen)
            constraint = Constraint(atMost: target, mode: mode, weight: try c.double("weight", default: 10, .positive))
            if bfgs, mode == .wilsonUpper {
                throw c.error(
                    "mode", "expected mode penalty with method bfgs (the Wilson limit counts runs, a step function)")
            }
            try c.finish()
            // With no run at all in the most replicates, the Wilson upper limit is as low as it gets.
            let floor = try? ProportionInterval.wilson(successes: 0, trials: most, confidence: confidence).upper
            if mode == .wilsonUpper, let floor, floor > target {
                throw c.error(
                    "at_most",
                    "infeasible: no point can satisfy it, since even 0 runs in \(most) replicates has a "
                        + "Wilson upper limit of \(String(format: "%.4g", floor)) > \(target); raise at_most or replicates.max"
                )
            }
        }
        let name = try r.string(
            "name", default: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        if let problem = StudySpec.badName(name) { throw r.error("name", problem) }
        if r.has("description") { _ = try r.string("description") }
        var spec = OptimizeSpec(
            name: name, scenarioPath: scenarioPath,
            seed: UInt64(try r.int("seed", default: 1, .integerAtLeast(0))), fixedOverrides: fixed,
            parameters: parameters, lambda: lambda, constraint: constraint, startReplicates: start,
            maxReplicates: most, growBelow: grow,
            maxEvaluations: try r.int("max_evaluations", default: 200, .closed(1, 100_000)),
            confidence: confidence, hash: doc.contentHash(ignoringTopLevelKeys: ["description"]), sourcePath: path)
        spec.measuredCostPerUSD = perUSD
        spec.method = method ?? .nelderMead
        spec.smoothing = smoothing
        spec.gradientStep = gradientStep
        try r.finish()
        try spec.checkBounds(nodes)
        if let base = try? Scenario.load(path: scenarioPath, overrides: spec.overrides(at: parameters.map(\.start))) {
            spec.runThreshold = base.runThreshold
            if smoothing != nil, base.runDefinition != .withdrawnFraction {
                throw o.error(
                    "smoothing",
                    "expected a scenario whose run_definition is withdrawn_fraction (the smoothed P(run) is "
                        + "centred on run_threshold of the withdrawn fraction), got \(base.runDefinition.rawValue)")
            }
        }
        return spec
    }

    static func decodeParameter(_ node: ConfigNode) throws(ConfigError) -> Parameter {
        let p = try ConfigReader(node)
        let key = try p.string("key")
        guard p.has("bounds") else {
            throw ConfigError.semantic(
                node, "parameter \(key) has no bounds: expected bounds: [lo, hi] (the search stays inside them)")
        }
        let bounds = try p.doubles("bounds")
        guard bounds.count == 2, bounds[0] < bounds[1] else {
            throw p.error("bounds", "expected [lo, hi] with lo < hi, got \(bounds)")
        }
        let start = try p.double("start", default: (bounds[0] + bounds[1]) / 2, .open(bounds[0], bounds[1]))
        let cost = try p.double("cost_per_unit", default: 0, .nonNegative)
        try p.finish()
        return Parameter(key: key, lower: bounds[0], upper: bounds[1], start: start, costPerUnit: cost)
    }

    /// Every parameter at each of its bounds (the others at their start) must be a valid scenario.
    func checkBounds(_ nodes: [ConfigNode]) throws(ConfigError) {
        let starts = parameters.map { $0.start }
        for (i, p) in parameters.enumerated() {
            for bound in [p.lower, p.upper] {
                var x = starts
                x[i] = bound
                do { _ = try Scenario.load(path: scenarioPath, overrides: overrides(at: x)) } catch {
                    let at = (try? ConfigReader(nodes[i]))?.node("bounds") ?? nodes[i]
                    throw ConfigError.semantic(at, "the scenario refuses \(p.key) = \(bound): \(error.description)")
                }
            }
        }
    }
}
