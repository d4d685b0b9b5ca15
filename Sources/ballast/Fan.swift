import ArgumentParser
import Foundation
import ScenarioSchema
import Simulation
import Studies

/// `ballast fan`: median and quantile bands of one series column across replicates.
struct Fan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Run replicates of a scenario and draw a time-series fan (median, 25–75% and 5–95% bands) of one column.")

    @Argument(help: "The scenario file.") var scenario: String
    @Option(help: "The series column: \(SeriesFan.columns.keys.sorted().joined(separator: ", ")).") var column =
        "withdrawn_fraction"
    @Option(help: "Replicates.") var replicates = 50
    @Option(help: "The seed (default: the scenario's).") var seed: UInt64?
    @Option(name: .customLong("set"), help: "Override a scenario key (repeatable).") var overrides: [String] = []
    @Option(help: "The output folder.") var out = "out/fan"
    @Option(help: "Replicates run at once.") var workers = ProcessInfo.processInfo.activeProcessorCount

    func run() async throws {
        guard replicates >= 2 else {
            Terminal.error("--replicates: expected at least 2 for quantiles, got \(replicates)")
            throw ExitCode(2)
        }
        try CommandChecks.workers(workers)
        guard SeriesFan.columns[column] != nil else {
            Terminal.error(
                "--column \(column): expected one of \(SeriesFan.columns.keys.sorted().joined(separator: ", "))")
            throw ExitCode(2)
        }
        let s: Scenario
        do { s = try Scenario.load(path: scenario, overrides: overrides) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        // The fan keeps one column of every replicate's series in memory until the quantiles are taken.
        let bytes = Double(replicates) * Double(s.ticks) * 8
        guard bytes <= CommandChecks.fanMemoryLimit else {
            Terminal.error(
                "--replicates \(replicates) × \(s.ticks) ticks would keep about \(ByteCount.text(bytes)) of series in memory; "
                    + "at most \(ByteCount.text(CommandChecks.fanMemoryLimit)) is allowed (use fewer replicates or ticks)"
            )
            throw ExitCode(2)
        }
        let seed = self.seed ?? s.seed
        let fan = try await SeriesFan.compute(
            scenario: s, column: column, replicates: replicates, seed: seed, workers: workers)
        let o = try fan.draw(
            title: "\(s.name): \(column), \(replicates) replicates (seed \(seed))", in: URL(fileURLWithPath: out))
        print("figure: " + [o.png, o.svg].compactMap { $0?.path }.joined(separator: ", "))
        if let note = o.note { print(note) }
    }
}
