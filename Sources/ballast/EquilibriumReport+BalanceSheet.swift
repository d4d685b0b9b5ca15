import Agents
import Foundation
import Games
import Stochastics

extension EquilibriumReport {
    /// The `balance_sheet` game of one tick: its inputs read from the world, the Nash threshold and
    /// what every bounded-rationality response plays, and the comparative statics of x* by central differences.
    static func balanceSheet(
        _ view: Depositors.BalanceSheetView, _ b: Depositors.BalanceSheetSettings, source: String, replicate: UInt64,
        tick: Int
    ) throws -> EquilibriumReport {
        struct Doc: Encodable {
            let game = "balance_sheet"
            let tick: Int
            let replicate: UInt64
            let queue: Double, cash: Double, fee: Double, gate: Double, fireSaleLoss: Double, stayGain: Double
            let recovery: Double, socialised: Bool, signalPrecision: Double, solvencyMargin: Double, cost: Double
            let threshold: Double?, thresholdClosedForm: Double?, failureThreshold: Double?
            let shareBelowThreshold: Double, fails: Bool
            let dThresholdDCash: Double?, dThresholdDFireSaleLoss: Double?, dThresholdDFee: Double?
            let dThresholdDSignalPrecision: Double?
            let levelZero: String, levelKThresholds: [Double?]
            let rationality: Double, quantalFailureThreshold: Double
            let episode: Int, fictitiousPlayThreshold: Double?
        }
        let g = view.game
        let finite = { (x: Double) -> Double? in x.isFinite ? x : nil }
        let star: Double
        let levels: [Double]
        let learned: Double
        do {
            star = try g.threshold()
        } catch {
            // The engine falls back to the closed form here too, so the report says what the depositors play.
            FileHandle.standardError.write(Data("warning: \(error); x* is the closed form\n".utf8))
            star = g.closedFormThreshold
        }
        do {
            levels = try g.levelKThresholds(b.levelZero, upTo: 3)
            learned =
                try g.fictitiousPlay(start: g.levelZeroThreshold(b.levelZero), episodes: b.episode + 1).last ?? .nan
        } catch {
            Terminal.error("\(error)")
            throw ExitCodeError(code: 1)
        }
        let thetaStar = star.isFinite ? ((try? g.failureThreshold(forThreshold: star)) ?? .nan) : .nan
        let share = StandardNormal.cdf(g.precision.squareRoot() * (star - view.theta))
        let fails = star.isFinite ? view.theta < thetaStar : star == .infinity
        let statics = [
            derivative(g, 1e-6) { $0.cash += $1 }, derivative(g, 1e-6) { $0.fireSaleLoss += $1 },
            derivative(g, 1e-6) { $0.fee += $1 }, derivative(g, g.precision * 1e-6) { $0.precision += $1 },
        ]
        let quantal = g.quantalFailureThreshold(rationality: b.rationality)
        let doc = Doc(
            tick: tick, replicate: replicate, queue: g.queue, cash: g.cash, fee: g.fee, gate: g.gate,
            fireSaleLoss: g.fireSaleLoss, stayGain: g.stayGain, recovery: g.recovery, socialised: g.socialised,
            signalPrecision: g.precision, solvencyMargin: view.theta, cost: g.cost, threshold: finite(star),
            thresholdClosedForm: finite(g.closedFormThreshold), failureThreshold: finite(thetaStar),
            shareBelowThreshold: share, fails: fails, dThresholdDCash: finite(statics[0]),
            dThresholdDFireSaleLoss: finite(statics[1]), dThresholdDFee: finite(statics[2]),
            dThresholdDSignalPrecision: finite(statics[3]), levelZero: b.levelZero.rawValue,
            levelKThresholds: levels.map(finite), rationality: b.rationality, quantalFailureThreshold: quantal,
            episode: b.episode, fictitiousPlayThreshold: finite(learned))
        let lines = [
            "Balance-sheet run game after tick \(tick) (\(source), replicate \(replicate)), per dollar of deposits:",
            "  queue q = \(g.queue)  cash c = \(g.cash)  fee f = \(g.fee)  gate g = \(g.gate)",
            "  fire-sale loss δ = \(g.fireSaleLoss)  stay gain G = \(g.stayGain)  recovery r = \(g.recovery)"
                + "  socialised: \(g.socialised)  β = \(g.precision)",
            "  solvency margin θ = \(view.theta);  withdraw when P(failure | x) > t = \(g.cost)",
            "  Nash: x* = \(star) (closed form \(g.closedFormThreshold)), the pool fails below θ* = \(thetaStar)",
            "    share of depositors whose signal is below x*: Φ(√β (x* − θ)) = \(share)",
            "    " + (fails ? "θ < θ*: the pool fails in equilibrium" : "θ ≥ θ*: the pool survives in equilibrium"),
            "    ∂x*/∂c = \(statics[0])  ∂x*/∂δ = \(statics[1])  ∂x*/∂f = \(statics[2])  ∂x*/∂β = \(statics[3])",
            "  level-k thresholds from level 0 = \(b.levelZero.rawValue): "
                + levels.enumerated().map { "x\($0.offset) = \($0.element)" }.joined(separator: ", "),
            "  quantal response (λ = \(b.rationality)): the pool fails below θ_c = \(quantal)",
            "  fictitious play, episode \(b.episode): x = \(learned)",
        ]
        return EquilibriumReport(text: lines.joined(separator: "\n"), json: encode(doc))
    }

    /// ∂x*/∂p by a central difference of step h, `shift` moving p; NaN when x* is not finite nearby.
    private static func derivative(
        _ g: BalanceSheetGame, _ h: Double, _ shift: (inout BalanceSheetGame, Double) -> Void
    ) -> Double {
        var up = g
        var down = g
        shift(&up, h)
        shift(&down, -h)
        guard let a = try? up.threshold(), let b = try? down.threshold(), a.isFinite, b.isFinite else { return .nan }
        return (a - b) / (2 * h)
    }
}
