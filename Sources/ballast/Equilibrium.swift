import Agents
import ArgumentParser
import Foundation
import Games
import ScenarioSchema
import Simulation

/// `ballast equilibrium`: the equilibria of the depositors' game, from a scenario or a game file.
struct Equilibrium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the equilibrium threshold(s) of the depositors' game, P(run) and comparative statics.",
        discussion: """
            A scenario with a depositors.game section gives the Morris–Shin equilibria (θ*, x*), P(run) = Φ(√α(θ* − y)), \
            ∂θ*/∂t and ∂θ*/∂β; every threshold is listed, with a warning naming the condition, when β < α²/(2π). \
            A scenario whose depositors play balance_sheet gives the game of the world of --replicate at the end of \
            --tick (0: as it opens): its inputs, the Nash threshold x*, the failure threshold θ*, what each bounded-rationality \
            response plays, and ∂x*/∂c, ∂x*/∂δ, ∂x*/∂f, ∂x*/∂β.
            A file with a top-level diamond_dybvig section gives the optimal deposit contract and both equilibria.
            """)

    @Argument(help: "A scenario (YAML) with depositors.game, or a diamond_dybvig game file.") var scenario: String
    @Option(name: .customLong("set"), help: "Override a key: --set path.to.key=value (repeatable).")
    var overrides: [String] = []
    @Option(help: "Tabulate the equilibria against one key: key=from:to:steps (Morris–Shin).") var vary: String?
    @Option(help: "balance_sheet: the replicate whose world gives the game.") var replicate: UInt64 = 0
    @Option(help: "balance_sheet: solve the game of the world at the end of this tick (0: as it opens).") var tick = 0
    @Flag(help: "Machine-readable JSON on stdout.") var json = false

    func run() async throws {
        let doc: ConfigDocument
        do { doc = try ConfigDocument.load(path: scenario) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if DiamondDybvigFile.isGameFile(doc) {
            if vary != nil {
                Terminal.error(
                    "--vary: expected a scenario with depositors.game; \(scenario) is a diamond_dybvig game file")
                throw ExitCode(2)
            }
            let file: DiamondDybvigFile
            do { file = try DiamondDybvigFile.load(path: scenario, overrides: overrides) } catch {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
            try emit(EquilibriumReport.diamondDybvig(file))
            return
        }
        let loaded = try Self.load(scenario, overrides)
        if let report = try await balanceSheetReport(loaded) {
            try emit(report)
            return
        }
        if let vary {
            try tabulate(vary)
            return
        }
        let game = try Self.game(loaded, path: scenario)
        if !game.model.hasUniqueEquilibrium {
            FileHandle.standardError.write(
                Data(
                    ("warning: multiple equilibria (\(game.equilibria.count)): "
                        + game.model.uniquenessCondition + "; every threshold is listed\n").utf8))
        }
        try emit(try EquilibriumReport.morrisShin(game, source: scenario))
    }

    /// The scenario at `path` with `overrides`, or exit 2 with its located one-line error.
    static func load(_ path: String, _ overrides: [String]) throws -> Scenario {
        do { return try Scenario.load(path: path, overrides: overrides) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The depositors' game of a scenario loaded from `path`, or exit 2 with a located one-line error.
    static func game(_ scenario: Scenario, path: String) throws -> Depositors.Game {
        guard let section = scenario.agentSections.first(where: { $0.key == Depositors.key }),
            let game = section.config(as: Depositors.self)?.game
        else {
            Terminal.error(
                "\(path): depositors.game: expected a game section (cost, prior_mean, prior_precision, "
                    + "signal_precision), or a diamond_dybvig game file")
            throw ExitCode(2)
        }
        return game
    }

    /// The report of a `balance_sheet` scenario's game at `--tick`, nil for any other scenario; exit 2 with a
    /// located error.
    private func balanceSheetReport(_ loaded: Scenario) async throws -> EquilibriumReport? {
        guard let config = loaded.agentSections.first(where: { $0.key == Depositors.key })?.config(as: Depositors.self),
            config.strategy == .balanceSheet
        else { return nil }
        if vary != nil {
            Terminal.error("--vary: expected a morris_shin scenario; \(scenario) has balance_sheet depositors")
            throw ExitCode(2)
        }
        guard (0...loaded.ticks).contains(tick) else {
            Terminal.error("--tick \(tick): expected a tick in [0, \(loaded.ticks)], the scenario's ticks")
            throw ExitCode(2)
        }
        let snapshot: Snapshot
        do {
            snapshot = try await Engine(scenario: loaded).snapshot(
                atTick: tick, seed: loaded.seed, replicate: replicate)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        guard let view = Depositors.balanceSheetView(snapshot, config, config.balanceSheet, market: 0) else {
            Terminal.error("\(scenario): no deposits are left after tick \(tick), so there is no game to solve")
            throw ExitCode(2)
        }
        return try EquilibriumReport.balanceSheet(
            view, config.balanceSheet, source: scenario, replicate: replicate, tick: tick)
    }

    private func emit(_ report: EquilibriumReport) throws {
        if json {
            print(report.json)
        } else {
            print(report.text)
        }
    }

    /// One row per (value, equilibrium): the key's value, the equilibrium's index, θ*, x*, P(run).
    private func tabulate(_ spec: String) throws {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        let range = parts.count == 2 ? parts[1].split(separator: ":").map(String.init) : []
        guard parts.count == 2, !parts[0].isEmpty, range.count == 3, let from = Double(range[0]),
            let to = Double(range[1]),
            let steps = Int(range[2]), (1...100_000).contains(steps), from.isFinite, to.isFinite
        else {
            Terminal.error(
                "--vary \(ConfigNode.echo(spec)): expected key=from:to:steps with 1 <= steps <= 100000, "
                    + "e.g. depositors.game.prior_mean=0.3:0.9:61")
            throw ExitCode(2)
        }
        var rows: [EquilibriumReport.Row] = []
        for k in 0..<steps {
            let value = steps == 1 ? from : from + (to - from) * Double(k) / Double(steps - 1)
            let game = try Self.game(try Self.load(scenario, overrides + ["\(parts[0])=\(value)"]), path: scenario)
            for (i, e) in game.equilibria.enumerated() {
                rows.append(.init(value: value, index: i + 1, equilibrium: e))
            }
        }
        let report = EquilibriumReport.table(key: parts[0], rows: rows)
        print(json ? report.json : report.text)
    }
}
