import ArgumentParser
import Foundation
import ScenarioSchema
import Simulation
import Studies

/// `ballast stress`: the matrix of policies × stresses, or (with `--reverse`) the reverse stress test.
struct Stress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario under named stresses and policies: P(run), P(insolvency), bad-debt VaR, worst LCR.",
        discussion: """
            Stresses are fragments in experiments/stresses (a name, name:param=value:…, or a file); policies are \
            fragment files of scenario keys. Each cell is stored resumably like a sweep. With --reverse \
            STRESS.PARAM, finds instead the smallest PARAM in --range at which P(run) reaches --target \
            (GSL Brent on common-random-numbers estimates, with an interval from the Wilson band).
            """)

    @Argument(help: "The scenario file (YAML).") var scenario: String
    @Option(help: "Comma-separated stresses (names in experiments/stresses, or files).") var stresses: String
    @Option(help: "Comma-separated policy files (columns after the baseline).") var policies: String?
    @Option(help: "Replicates per cell (per size with --reverse).") var replicates: Int
    @Option(help: "The seed (default: the scenario's `seed`).") var seed: UInt64?
    @Option(help: "The output folder (default: out/stress).") var out: String?
    @Option(help: "Replicates run at once (default: the number of cores). Results do not depend on it.")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Continue a matrix whose folder already holds results.") var resume = false
    @Option(help: "Reverse stress test: the STRESS.PARAM to search (e.g. flash_crash.size).") var reverse: String?
    @Option(help: "With --reverse: the search range LOW,HIGH.") var range: String?
    @Option(help: "With --reverse: the P(run) to reach.") var target: Double = 0.5
    @Option(help: "With --reverse: the precision of the size.") var tolerance: Double = 0.005
    @Flag(help: "No progress output.") var quiet = false

    func run() async throws {
        try CommandChecks.workers(workers)
        guard replicates >= 1 else {
            throw CommandChecks.refusal("--replicates: expected an integer >= 1, got \(replicates)")
        }
        let stressList = stresses.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !stressList.isEmpty, !stressList.contains(where: \.isEmpty) else {
            throw CommandChecks.refusal(
                "--stresses: expected comma-separated stress names, got \(ConfigNode.echo(stresses))")
        }
        let policyList = (policies ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        for p in policyList where !FileManager.default.fileExists(atPath: p) {
            throw CommandChecks.refusal("--policies \(ConfigNode.echo(p)): file not found")
        }
        let base: Scenario
        do { base = try Scenario.load(path: scenario) } catch { throw CommandChecks.refusal(error.description) }
        let seed = self.seed ?? base.seed
        if let reverse {
            try await StressReverse(
                scenario: scenario, stresses: stressList, policies: policyList, parameter: reverse, range: range,
                target: target, tolerance: tolerance, replicates: replicates, seed: seed, workers: workers,
                out: out ?? "out/stress-reverse", quiet: quiet
            ).run()
            return
        }
        let matrix = StressMatrix(stresses: stressList, policies: policyList)
        let spec = matrix.spec(scenarioPath: scenario, replicates: replicates, seed: seed, overrides: [])
        var cells: [Scenario] = []
        for point in try spec.points() {
            do { cells.append(try Scenario.load(path: scenario, overrides: spec.overrides(for: point))) } catch {
                throw CommandChecks.refusal(error.description)
            }
        }
        try await run(spec, matrix: matrix, cells: cells, folder: out ?? "out/stress")
    }

    func run(_ spec: StudySpec, matrix: StressMatrix, cells: [Scenario], folder: String) async throws {
        let term = Terminal(quiet: quiet)
        let directory = URL(fileURLWithPath: folder)
        let storePath = directory.appendingPathComponent(ResultStore.fileName).path
        if FileManager.default.fileExists(atPath: storePath) && !resume {
            throw CommandChecks.refusal(
                "\(folder) already holds results; pass --resume to finish them, or choose another --out")
        }
        do { try OutputFolder.ensureWritable(directory) } catch { throw CommandChecks.refusal(error.description) }
        let manifest = StudyManifest(
            studyName: spec.name, studyHash: spec.hash, ballastVersion: RunWriter.version,
            scenarioPath: spec.scenarioPath, seed: spec.seed, parameterNames: spec.parameters.map(\.key),
            replicatesPerPoint: spec.replicates,
            command: (["ballast"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            confidence: spec.confidence)
        let store: ResultStore
        do { store = try ResultStore(directory: directory, manifest: manifest) } catch {
            throw CommandChecks.refusal("\(error)")
        }
        let stop = StopSignal()
        let interrupt = Interrupts.install { stop.stop() }
        defer { interrupt.cancel() }
        let runner = StudyRunner(spec: spec, workers: workers)
        let finished: Bool
        do {
            finished = try await runner.run(store: store, validated: cells, stop: stop) { term.studyProgress($0) }
        } catch let error as StoreError {
            throw CommandChecks.refusal(error.description)
        } catch {
            Terminal.error("stress matrix failed: \(error); \((try? store.replicateCount()) ?? 0) replicates are saved")
            throw ExitCode(1)
        }
        guard finished else {
            Terminal.error(
                "stopped; \(try store.replicateCount()) replicates are saved. Run again with --resume to finish.")
            throw ExitCode(130)
        }
        let report = try StressMatrixReport(matrix: matrix, store: store, confidence: spec.confidence, seed: spec.seed)
        let written = try report.write(to: directory)
        print(report.table)
        print(
            "\nP(insolvency): bad debt > 0 or θ < 0 at some tick; VaR95: 95th percentile of bad debt; "
                + "worst LCR: 5th percentile of each run's minimum LCR; [95% intervals]")
        if report.estimates.contains(where: { !$0.yieldGivenUp.value.isNaN }) {
            print(
                "yield given up: mean over replicates of the income the treasury's cash and supply claim forgo "
                    + "against its menu's weighted rate, plus early-exit penalties; invested share: mean share of "
                    + "its capital in instruments")
        }
        print("results: \(folder)/\(ResultStore.fileName)")
        for line in written {
            let parts = line.split(separator: " ", maxSplits: 1)
            print(parts.count == 2 ? "\(parts[0]) \(folder)/\(parts[1])" : line)
        }
    }
}
