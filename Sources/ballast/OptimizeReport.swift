import Foundation
import Stochastics
import Studies

/// The outputs of `ballast optimize`: `path.csv` (every evaluation), `optimum.json` (the optimum
/// with intervals and its paired difference from the start), and the figure of the objective
/// along the search. All are rewritten whole from the store, so a resumed search writes the same bytes.
struct OptimizeReport {
    var spec: OptimizeSpec
    var result: NoisySimplexSearch.Result
    var best: OptimizeJournal.Entry
    var start: OptimizeJournal.Entry
    var journal: OptimizeJournal

    func runs(_ e: OptimizeJournal.Entry) -> Int { e.runs.filter { $0 }.count }

    func wilson(_ e: OptimizeJournal.Entry) -> (lower: Double, upper: Double) {
        let w = try? ProportionInterval.wilson(
            successes: runs(e), trials: max(1, e.runs.count), confidence: spec.confidence)
        return (w?.lower ?? 0, w?.upper ?? 1)
    }

    /// Whether the optimum meets the constraint (true without one).
    var feasible: Bool {
        guard let c = spec.constraint else { return true }
        let p = Double(runs(best)) / Double(best.runs.count)
        return (c.mode == .penalty ? p : wilson(best).upper) <= c.atMost
    }

    /// P(run | optimum) − P(run | start) on the same replicates: mean of d_r ∈ {−1, 0, 1}, with a
    /// normal-approximation interval mean ± z · sd(d)/√n (paired, so the common noise cancels).
    var pairedDifference: (mean: Double, lower: Double, upper: Double) {
        let n = min(best.runs.count, start.runs.count)
        return normalInterval((0..<n).map { r in (best.runs[r] ? 1.0 : 0) - (start.runs[r] ? 1.0 : 0) })
    }

    /// The mean of `xs` with the normal-approximation interval mean ± z · sd/√n at the study's confidence.
    func normalInterval(_ xs: [Double]) -> (mean: Double, lower: Double, upper: Double) {
        let n = xs.count
        let mean = xs.reduce(0, +) / Double(max(1, n))
        let variance = n > 1 ? xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1) : 0
        let z = (try? StandardNormal.quantile(1 - (1 - spec.confidence) / 2)) ?? 1.96
        let half = z * (variance / Double(max(1, n))).squareRoot()
        return (mean, mean - half, mean + half)
    }

    func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }

    func write(to folder: URL) throws {
        var csv = "evaluation," + spec.parameters.map { $0.key }.joined(separator: ",")
        csv += ",replicates,runs,p_run,p_run_lower,p_run_upper,cost,objective\n"
        for (i, step) in result.path.enumerated() {
            guard let e = journal.entry(step.point, replicates: step.replicates) else { continue }
            let w = wilson(e)
            let cells = [
                "\(i + 1)", step.point.map { "\($0)" }.joined(separator: ","), "\(step.replicates)", "\(runs(e))",
                "\(Double(runs(e)) / Double(step.replicates))", "\(w.lower)", "\(w.upper)",
                "\(spec.cost(at: step.point, measuredUSD: e.meanCost))", "\(step.value)",
            ]
            csv += cells.joined(separator: ",") + "\n"
        }
        try AtomicFile.write(csv, to: folder.appendingPathComponent("path.csv"))
        try AtomicFile.write(json, to: folder.appendingPathComponent("optimum.json"))
        let figure = try Figures.searchPath(
            result.path.map { ($0.replicates, $0.value) }, title: "\(spec.name): objective along the search",
            in: folder, name: "objective")
        if let note = figure.note { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    }

    func pointJSON(_ e: OptimizeJournal.Entry) -> String {
        let w = wilson(e)
        let n = e.runs.count
        let values = zip(spec.parameters, e.point).map { "\"\($0.key)\": \(number($1))" }.joined(separator: ", ")
        let objective =
            (try? spec.objective(
                runs: runs(e), replicates: n, at: e.point, measuredUSD: e.meanCost, withdrawn: e.withdrawn)) ?? .nan
        // The measured incentive cost's mean and a normal interval over the replicates (absent when not measured).
        var measured = ""
        if !e.costs.isEmpty {
            let c = normalInterval(e.costs)
            measured =
                ", \"incentive_cost_usd\": {\"mean\": \(number(c.mean)), \"lower\": \(number(c.lower)), "
                + "\"upper\": \(number(c.upper))}"
        }
        // The smoothed P(run) the objective used (absent without smoothing).
        if let h = spec.smoothing {
            measured += ", \"smoothed_p_run\": \(number(spec.smoothedRunProbability(e.withdrawn, bandwidth: h)))"
        }
        return """
            {"parameters": {\(values)}, "replicates": \(n), "runs": \(runs(e)), \
            "p_run": \(number(Double(runs(e)) / Double(n))), "p_run_lower": \(number(w.lower)), \
            "p_run_upper": \(number(w.upper)), "cost": \(number(spec.cost(at: e.point, measuredUSD: e.meanCost))), \
            "objective": \(number(objective))\(measured)}
            """
    }

    var json: String {
        let d = pairedDifference
        let costChange =
            spec.cost(at: best.point, measuredUSD: best.meanCost)
            - spec.cost(at: start.point, measuredUSD: start.meanCost)
        return """
            {
              "study": "\(spec.name)",
              "seed": \(spec.seed),
              "confidence": \(spec.confidence),
              "lambda": \(spec.lambda),
              "method": "\(spec.method.rawValue)",
              "stop": "\(result.stop.rawValue)",
              "evaluations": \(result.path.count),
              "feasible": \(feasible),
              "optimum": \(pointJSON(best)),
              "start": \(pointJSON(start)),
              "paired_difference_p_run": {"mean": \(number(d.mean)), "lower": \(number(d.lower)), \
            "upper": \(number(d.upper))},
              "cost_difference": \(number(costChange))
            }

            """
    }

    var summary: String {
        let d = pairedDifference
        let w = wilson(best)
        let point = zip(spec.parameters, best.point).map { "\($0.key)=\(String(format: "%.4g", $1))" }
        let f = { (v: Double) in String(format: "%.4f", v) }
        return "optimum: \(point.joined(separator: " ")): P(run) \(f(Double(runs(best)) / Double(best.runs.count))) "
            + "[\(f(w.lower)), \(f(w.upper))], "
            + "cost \(String(format: "%.4g", spec.cost(at: best.point, measuredUSD: best.meanCost))), "
            + "on \(best.runs.count) replicates; P(run) optimum - start \(f(d.mean)) [\(f(d.lower)), \(f(d.upper))] "
            + "(paired, \(Int(spec.confidence * 100))%)"
    }
}
