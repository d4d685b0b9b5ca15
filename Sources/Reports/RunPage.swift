import Foundation
import Simulation
import Studies

/// The report of a run folder: the four-panel series figure, the outcome, the ALM metrics at the
/// worst tick (lowest solvency margin θ) and the manifest.
public enum RunPage {
    /// Builds the page for the run in `directory`; draws `series.svg` first when it is missing and
    /// gnuplot is available.
    public static func make(directory: URL) throws -> ReportPage {
        let outcome: Outcome = try decode(directory.appendingPathComponent("outcome.json"))
        let manifest: RunWriter.Manifest = try decode(directory.appendingPathComponent("manifest.json"))
        guard let series = try CSVTable.read(directory.appendingPathComponent("series.csv")) else {
            throw ReportError("\(directory.path) holds no series.csv")
        }
        let svg = directory.appendingPathComponent("series.svg")
        if !FileManager.default.fileExists(atPath: svg.path) {
            _ = try? Figures.runSeries(
                csv: directory.appendingPathComponent("series.csv"), title: runTitle(manifest),
                in: directory, name: "series")
        }
        let name = ((manifest.scenario as NSString).lastPathComponent as NSString).deletingPathExtension
        let worst = series.rows.first { Int($0.first ?? "") == outcome.worstTick }
        func at(_ column: String, _ style: NumberText) -> String {
            worst.flatMap { series.number($0, column) }.map(style.text) ?? "not in series.csv"
        }
        let figure = ReportFigure(
            svg: svg, anchor: "figure-1", caption: "Figure 1. \(runTitle(manifest)): the run tick by tick",
            textAlternative:
                "Four stacked panels over \(series.rows.count) hourly ticks: (1) the external and AMM prices in USD; "
                + "(2) the withdrawn fraction of initial deposits, with the solvency margin θ on the right axis; (3) cumulative "
                + "liquidations and bad debt in USD millions; (4) the LP share in the pool. "
                + (outcome.run ? "A run starts at tick \(outcome.runTick.map { "\($0)" } ?? "?"). " : "No run. ")
                + "The AMM price falls to \(NumberText.price.text(outcome.minAMMPrice)) USD; bad debt ends at \(NumberText.usd.text(outcome.badDebtUSD)) USD."
        )
        let outcomeFacts: [(term: String, detail: String)] = [
            ("Run", outcome.run ? "yes, at tick \(outcome.runTick.map { "\($0)" } ?? "?")" : "no"),
            ("Final withdrawn fraction", NumberText.probability.text(outcome.finalWithdrawnFraction)),
            ("Liquidated (USD)", NumberText.usd.text(outcome.liquidatedUSD)),
            ("Bad debt (USD)", NumberText.usd.text(outcome.badDebtUSD)),
            ("Final withdrawal queue (USD)", NumberText.usd.text(outcome.finalQueueUSD)),
            ("Min AMM price (USD)", NumberText.price.text(outcome.minAMMPrice)),
            ("Min external price (USD)", NumberText.price.text(outcome.minExternalPrice)),
            ("Max LP exit", String(format: "%.0f%% of LPs at once", outcome.lpExitFractionMax * 100)),
            ("Agent-steps", NumberText.usd.text(Double(outcome.agentSteps))),
        ]
        let almFacts: [(term: String, detail: String)] = [
            ("Worst tick (lowest θ)", "\(outcome.worstTick)"),
            ("Solvency margin θ", NumberText.ratio.text(outcome.worstTheta)),
            ("Liquidity coverage (LCR)", at("lcr", .ratio)),
            ("Utilisation", at("utilisation", .probability)),
            ("Liquid reserve (USD)", NumberText.usd.text(outcome.worstReserveUSD)),
            ("Withdrawal queue (USD)", NumberText.usd.text(outcome.worstQueueUSD)),
            ("Withdrawn fraction", at("withdrawn_fraction", .probability)),
            ("Cumulative liquidations (USD)", at("liquidated_usd", .usd)),
            ("Cumulative bad debt (USD)", at("bad_debt_usd", .usd)),
            ("External / AMM price (USD)", "\(at("p_ext", .price)) / \(at("p_amm", .price))"),
            ("LP share in pool", at("lp_share_in_pool", .probability)),
        ]
        let extremes: [(term: String, detail: String)] = [
            (
                "Lowest LCR",
                "\(NumberText.ratio.text(outcome.minLiquidityCoverage)) at tick \(outcome.minLiquidityCoverageTick)"
            ),
            (
                "Highest utilisation",
                "\(NumberText.probability.text(outcome.maxUtilisation)) at tick \(outcome.maxUtilisationTick)"
            ),
        ]
        let manifestFacts: [(term: String, detail: String)] = [
            ("Ballast version", manifest.ballastVersion),
            ("Scenario", manifest.scenario),
            ("Scenario hash", manifest.scenarioHash),
            ("Seed", "\(manifest.seed)"),
            ("Replicate", "\(manifest.replicate)"),
            ("Overrides", manifest.overrides.isEmpty ? "none" : manifest.overrides.joined(separator: ", ")),
            ("Git commit", manifest.gitCommit ?? "unknown"),
            ("Agents × ticks", "\(manifest.agents) × \(manifest.ticks)"),
        ]
        let command =
            ([
                "ballast", "run", manifest.scenario, "--seed", "\(manifest.seed)", "--replicate",
                "\(manifest.replicate)",
            ]
            + manifest.overrides.flatMap { ["--set", $0] } + ["--out", directory.relativePath]).joined(separator: " ")
        return ReportPage(
            kind: "Run report", title: "\(name): seed \(manifest.seed), replicate \(manifest.replicate)",
            sections: [
                ReportSection(anchor: "series", heading: "Series", blocks: [.figure(figure)]),
                ReportSection(anchor: "outcome", heading: "Outcome", blocks: [.facts(outcomeFacts)]),
                ReportSection(
                    anchor: "alm", heading: "ALM metrics at the worst tick",
                    blocks: [
                        .facts(almFacts),
                        .subheading("Over the whole run"),
                        .facts(extremes),
                        .paragraph(
                            "A run folder records these ALM metrics: θ, the liquid reserve and the withdrawal queue at the worst "
                                + "tick, and the lowest LCR and highest utilisation with their ticks (outcome.json); every series column "
                                + "at that tick, among them the LCR (reserve ÷ stressed outflows, capped at 1,000) and utilisation "
                                + "(debt ÷ (reserve + debt)) (series.csv). The insurance fund and the balance sheet's items are not "
                                + "recorded in a run folder."),
                    ]),
                ReportSection(anchor: "manifest", heading: "Manifest", blocks: [.facts(manifestFacts)]),
                ReportSection(
                    anchor: "reproduce", heading: "Reproduce",
                    blocks: [
                        .paragraph("From the repository root, with the same Ballast version:"), .code(command),
                    ]),
            ], footer: ReportProvenance.footer())
    }

    static func runTitle(_ m: RunWriter.Manifest) -> String {
        let name = ((m.scenario as NSString).lastPathComponent as NSString).deletingPathExtension
        return "\(name): seed \(m.seed), replicate \(m.replicate)"
            + (m.overrides.isEmpty ? "" : " (" + m.overrides.joined(separator: ", ") + ")")
    }

    static func decode<T: Decodable>(_ url: URL) throws -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ReportError("\(url.path) is missing")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(T.self, from: data) } catch {
            throw ReportError("\(url.path) cannot be read: \(error.localizedDescription)")
        }
    }
}
