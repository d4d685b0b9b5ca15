import ArgumentParser
import Foundation
import ScenarioSchema
import Studies

/// `ballast sweep`: run a study file.
struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a study: parameter points × replicates, stored resumably, with estimates and figures.")

    @Argument(help: "The study file (YAML).") var study: String
    @Option(help: "The output folder.") var out: String?
    @Option(help: "Replicates run at once (default: the number of cores). Results do not depend on it.")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Continue a study whose folder already holds results.") var resume = false
    @Option(help: "Commit results to the store every N replicates (smaller: less recomputed after a crash).")
    var batch: Int = 32
    @Option(name: .customLong("set"), help: "Override a study-file key (repeatable).") var overrides: [String] = []
    @Option(
        help: ArgumentHelp(
            "Run only slice i of N of the (point, replicate) pairs, 0-based (0 <= i < N), into its own store; "
                + "combine the slices with 'ballast merge'. Adaptive studies cannot be sharded.",
            valueName: "i/N"))
    var shard: String?
    @Flag(help: "No progress output.") var quiet = false

    func run() async throws {
        try CommandChecks.workers(workers)
        var slice: StudyShard?
        if let shard {
            do { slice = try StudyShard(parsing: shard) } catch {
                Terminal.error("--shard \(ConfigNode.echo(shard)): \(error.message)")
                throw ExitCode(2)
            }
        }
        let spec: StudySpec
        do { spec = try StudySpec.load(path: study, overrides: overrides) } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        do {
            guard batch >= 1 else {
                Terminal.error("--batch: expected an integer >= 1, got \(batch)")
                throw ExitCode(2)
            }
            let folder = out ?? (slice.map { "out/\(spec.name)/shards/shard-\($0.index)" } ?? "out/\(spec.name)")
            try await StudyExecution.run(
                spec, out: folder, workers: workers, batch: batch, resume: resume, quiet: quiet,
                command: (["ballast"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                shard: slice)
        } catch let e as ExitCodeError {
            throw ExitCode(e.code)
        }
    }
}
