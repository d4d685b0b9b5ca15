import Foundation
import Stochastics
import Testing

/// `ballast equilibrium` on the command line, against closed forms.
@Suite("ballast equilibrium")
struct EquilibriumCommandTests {
    static let scenario = "experiments/global-games/global-games.yaml"

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CommandLineTests.ballast(["equilibrium", scenario, "--json"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    static func equilibria(_ doc: [String: Any]) throws -> [[String: Double]] {
        let list = try #require(doc["equilibria"] as? [[String: Any]])
        return list.map { $0.compactMapValues { ($0 as? NSNumber)?.doubleValue } }
    }

    /// With y = ½ − √(1 + α/β) Φ⁻¹(t) √β/α the equation's root is θ* = ½, x* = ½, P(run) = Φ(√α (½ − y)).
    @Test func agreesWithTheClosedFormThroughSet() throws {
        let t = 0.2
        let alpha = 4.0
        let beta = 250.0
        let y = 0.5 - (1 + alpha / beta).squareRoot() * (try StandardNormal.quantile(t)) * beta.squareRoot() / alpha
        let doc = try Self.json([
            "--set", "depositors.game.cost=\(t)", "--set", "depositors.game.signal_precision=\(beta)",
            "--set", "depositors.game.prior_mean=\(y)",
        ])
        let e = try #require(try Self.equilibria(doc).first)
        let theta = try #require(e["theta"])
        let signal = try #require(e["signal"])
        let p = try #require(e["run_probability"])
        #expect(abs(theta - 0.5) < 1e-6 && abs(signal - 0.5) < 1e-6)
        #expect(abs(p - StandardNormal.cdf(alpha.squareRoot() * (0.5 - y))) < 1e-6)
        #expect(doc["unique"] as? Bool == true)
        #expect(e["d_theta_d_cost"] != nil && e["d_theta_d_signal_precision"] != nil)
    }

    @Test func multipleEquilibriaAreWarnedAboutAndAllListed() throws {
        let r = try CommandLineTests.ballast([
            "equilibrium", Self.scenario, "--set", "depositors.game.signal_precision=1",
            "--set", "depositors.game.prior_precision=10", "--set", "depositors.game.cost=0.5",
            "--set", "depositors.game.prior_mean=0.5",
        ])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("warning: multiple equilibria (3): signal_precision < prior_precision^2/(2 pi)"))
        #expect(r.stdout.contains("equilibrium 3 of 3"))
    }

    @Test func badGameParametersAreLocatedInputErrors() throws {
        let r = try CommandLineTests.ballast([
            "equilibrium", Self.scenario, "--set", "depositors.game.signal_precision=0",
        ])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "error: --set depositors.game.signal_precision=0: depositors.game.signal_precision: expected a finite number > 0, got 0\n"
        )
        let dd = try CommandLineTests.ballast([
            "equilibrium", "experiments/diamond-dybvig/textbook.yaml",
            "--set", "diamond_dybvig.risk_aversion=-1",
        ])
        #expect(
            dd.status == 2 && dd.stderr.contains("diamond_dybvig.risk_aversion: expected a finite number > 0, got -1"))
    }

    @Test func diamondDybvigTextbook() throws {
        let r = try CommandLineTests.ballast(["equilibrium", "experiments/diamond-dybvig/textbook.yaml", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(abs(((doc["c1"] as? NSNumber)?.doubleValue ?? 0) - 1.2815) < 1e-4)
        #expect(abs(((doc["c2"] as? NSNumber)?.doubleValue ?? 0) - 1.8123) < 1e-4)
        #expect((doc["equilibria"] as? [Any])?.count == 2)
    }

    /// The balance-sheet game of a world mid-run: Brent's x* against the closed form, the failure threshold and
    /// the level-k thresholds ordered around x*, and a tick outside the run refused.
    @Test func balanceSheetGameOfATick() throws {
        let path = "experiments/balance-sheet-game/balance-sheet.yaml"
        let r = try CommandLineTests.ballast([
            "equilibrium", path, "--tick", "205", "--json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let x = try #require(doc["threshold"] as? Double)
        let closed = try #require(doc["threshold_closed_form"] as? Double)
        let theta = try #require(doc["failure_threshold"] as? Double)
        let t = try #require(doc["cost"] as? Double)
        let beta = try #require(doc["signal_precision"] as? Double)
        #expect(abs(x - closed) < 1e-9 && t > 0 && t < 1)
        // The marginal depositor's posterior failure probability is t.
        #expect(abs(StandardNormal.cdf(beta.squareRoot() * (theta - x)) - t) < 1e-9)
        let levels = try #require(doc["level_k_thresholds"] as? [Any])
        let finite = levels.compactMap { $0 as? Double }
        #expect(finite.count == 3 && finite.allSatisfy { $0 > x } && finite[0] > finite[1] && finite[1] > finite[2])
        #expect(try #require(doc["d_threshold_d_cash"] as? Double) < 0)
        #expect(try #require(doc["d_threshold_d_fire_sale_loss"] as? Double) > 0)
        let bad = try CommandLineTests.ballast(["equilibrium", path, "--tick", "401"])
        #expect(
            bad.status == 2 && bad.stderr == "error: --tick 401: expected a tick in [0, 400], the scenario's ticks\n")
    }
}
