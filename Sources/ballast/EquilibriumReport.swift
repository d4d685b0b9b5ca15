import Agents
import Foundation
import Games
import Simulation

/// What `ballast equilibrium` prints: a text for people and the same numbers as JSON.
struct EquilibriumReport {
    let text: String
    let json: String

    /// One row of a `--vary` table.
    struct Row {
        let value: Double
        let index: Int
        let equilibrium: MorrisShinEquilibrium
    }

    /// JSON of one Morris–Shin equilibrium (a non-finite derivative, at a tangency, is null).
    struct MSJSON: Encodable {
        let theta: Double, signal: Double, runProbability: Double, stable: Bool
        let dThetaDCost: Double?, dThetaDSignalPrecision: Double?, dThetaDPriorMean: Double?
        init(_ e: MorrisShinEquilibrium) {
            theta = e.theta
            signal = e.signal
            runProbability = e.runProbability
            stable = e.stable
            dThetaDCost = e.dThetaDCost.isFinite ? e.dThetaDCost : nil
            dThetaDSignalPrecision = e.dThetaDSignalPrecision.isFinite ? e.dThetaDSignalPrecision : nil
            dThetaDPriorMean = e.dThetaDPriorMean.isFinite ? e.dThetaDPriorMean : nil
        }
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func morrisShin(_ game: Depositors.Game, source: String) throws -> EquilibriumReport {
        struct Doc: Encodable {
            let game = "morris_shin"
            let cost: Double, priorMean: Double, priorPrecision: Double, signalPrecision: Double
            let unique: Bool, uniquenessCondition: String, uniquenessBound: Double
            let equilibria: [MSJSON]
            let played: Int
            let levelZero: String, levelKThresholds: [Double?]
            let rationality: Double, quantalFailureThresholds: [Double]
        }
        let m = game.model
        let levels: [Double]
        let quantal: [Double]
        do {
            levels = try m.levelKThresholds(game.levelZero, upTo: 3)
            quantal = try m.quantalEquilibria(rationality: game.rationality)
        } catch {
            Terminal.error("\(error)")
            throw ExitCodeError(code: 1)
        }
        let doc = Doc(
            cost: m.cost, priorMean: m.priorMean, priorPrecision: m.priorPrecision,
            signalPrecision: m.signalPrecision, unique: m.hasUniqueEquilibrium,
            uniquenessCondition: m.uniquenessCondition, uniquenessBound: m.uniquenessBound,
            equilibria: game.equilibria.map(MSJSON.init), played: game.equilibria.count,
            levelZero: game.levelZero.rawValue, levelKThresholds: levels.map { $0.isFinite ? $0 : nil },
            rationality: game.rationality, quantalFailureThresholds: quantal)
        var lines = [
            "Morris–Shin regime-change game (\(source))",
            "  t = \(m.cost)  y = \(m.priorMean)  α = \(m.priorPrecision)  β = \(m.signalPrecision)",
            "  " + (m.hasUniqueEquilibrium ? "unique equilibrium: " : "MULTIPLE EQUILIBRIA: ") + m.uniquenessCondition,
        ]
        for (i, e) in game.equilibria.enumerated() {
            lines.append(
                "  equilibrium \(i + 1) of \(game.equilibria.count)\(e.stable ? "" : " (unstable)")"
                    + (i == game.equilibria.count - 1 ? ", played by strategy morris_shin" : "") + ":")
            lines.append("    θ* = \(e.theta)    regime fails (reserve runs out) when θ <= θ*")
            lines.append("    x* = \(e.signal)    a depositor runs when its signal is below x*")
            lines.append("    P(run) = Φ(√α (θ* − y)) = \(e.runProbability)")
            lines.append(
                "    ∂θ*/∂t = \(e.dThetaDCost)    ∂θ*/∂β = \(e.dThetaDSignalPrecision)    ∂θ*/∂y = \(e.dThetaDPriorMean)"
            )
        }
        lines.append(
            "  level-k thresholds from level 0 = \(game.levelZero.rawValue): "
                + levels.enumerated().map { "x\($0.offset) = \($0.element)" }.joined(separator: ", "))
        lines.append(
            "  quantal response (λ = \(game.rationality)): regime fails below θ_c = "
                + quantal.map { "\($0)" }.joined(separator: ", "))
        return EquilibriumReport(text: lines.joined(separator: "\n"), json: encode(doc))
    }

    static func table(key: String, rows: [Row]) -> EquilibriumReport {
        struct Line: Encodable {
            let value: Double, equilibrium: Int, theta: Double, signal: Double, runProbability: Double
        }
        let lines = rows.map {
            Line(
                value: $0.value, equilibrium: $0.index, theta: $0.equilibrium.theta,
                signal: $0.equilibrium.signal, runProbability: $0.equilibrium.runProbability)
        }
        var text = ["# \(key) equilibrium theta signal run_probability"]
        text += lines.map { "\($0.value) \($0.equilibrium) \($0.theta) \($0.signal) \($0.runProbability)" }
        return EquilibriumReport(text: text.joined(separator: "\n"), json: encode(lines))
    }

    static func diamondDybvig(_ file: DiamondDybvigFile) throws -> EquilibriumReport {
        struct EqJSON: Encodable {
            let kind: String, withdrawnFraction: Double, servedFraction: Double
            let impatientConsumption: Double, patientConsumption: Double
        }
        struct Doc: Encodable {
            let game = "diamond_dybvig"
            let `return`: Double, riskAversion: Double, impatientFraction: Double, liquidationValue: Double
            let sunspotProbability: Double, gate: Double
            let c1: Double, c2: Double, c1ClosedForm: Double, tippingFraction: Double
            let equilibria: [EqJSON]
            let runProbability: Double
        }
        let g = file.game
        let contract: DepositContract
        do { contract = try g.optimalContract() } catch {
            Terminal.error("\(error)")
            throw ExitCodeError(code: 1)
        }
        let closed = 1 / (g.impatientFraction + (1 - g.impatientFraction) * pow(g.longReturn, 1 / g.riskAversion - 1))
        let eqs = g.equilibria(contract, gate: file.gate)
        let hasRun = eqs.contains { $0.kind == .run }
        let pRun = hasRun ? file.sunspotProbability : 0
        let doc = Doc(
            return: g.longReturn, riskAversion: g.riskAversion, impatientFraction: g.impatientFraction,
            liquidationValue: g.liquidationValue, sunspotProbability: file.sunspotProbability, gate: file.gate,
            c1: contract.c1, c2: contract.c2, c1ClosedForm: closed, tippingFraction: g.tippingFraction(contract),
            equilibria: eqs.map {
                EqJSON(
                    kind: $0.kind.rawValue, withdrawnFraction: $0.withdrawnFraction,
                    servedFraction: $0.servedFraction,
                    impatientConsumption: $0.impatientConsumption,
                    patientConsumption: $0.patientConsumption)
            },
            runProbability: pRun)
        var lines = [
            "Diamond–Dybvig bank: R = \(g.longReturn)  γ = \(g.riskAversion)  π = \(g.impatientFraction)  ℓ = \(g.liquidationValue)",
            "  optimal contract: c1 = \(contract.c1)  c2 = \(contract.c2)  (closed form c1 = \(closed))",
            "  tipping fraction f̂ = \(g.tippingFraction(contract)): patient depositors run once more than this withdraws",
            "  gate: at most \(file.gate) of deposits paid at date 1" + (file.gate >= 1 ? " (no gate)" : ""),
        ]
        for e in eqs {
            lines.append(
                "  \(e.kind.rawValue): withdrawn \(e.withdrawnFraction), served \(e.servedFraction), "
                    + "E[c | impatient] = \(e.impatientConsumption), E[c | patient] = \(e.patientConsumption)")
        }
        if !hasRun {
            lines.append("  no run equilibrium" + (file.gate < 1 ? ": the gate removes it (gate <= f̂)" : ": c1 <= ℓ"))
        }
        lines.append(
            "  sunspot: P(run) = \(pRun) (sunspot_probability \(file.sunspotProbability)"
                + (hasRun ? ")" : ", but there is no run equilibrium to select)"))
        return EquilibriumReport(text: lines.joined(separator: "\n"), json: encode(doc))
    }
}
