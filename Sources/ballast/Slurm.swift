import ArgumentParser
import Foundation
import Simulation
import Studies

/// `ballast slurm`: write the sbatch scripts that run a study as a SLURM job array and merge it.
struct Slurm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write sbatch scripts that run a study as a SLURM job array (one shard per task) and merge the shards.",
        discussion: """
            Writes OUT/slurm/array.sbatch (task k runs 'ballast sweep --shard k/N --resume' into OUT/shards/shard-k, \
            with --workers equal to --cpus), OUT/slurm/merge.sbatch ('ballast merge' into OUT), and the folder \
            OUT/slurm/logs for one log per task. Prints the commands that submit both. Paths are absolute: \
            this ballast binary, the study and OUT must be visible from the compute nodes.
            """)

    @Argument(help: "The study file (YAML).") var study: String
    @Option(help: "Array tasks, one shard of the study each.") var tasks: Int
    @Option(help: "The SLURM partition (passed to sbatch as is; sbatch refuses an unknown one).") var partition: String?
    @Option(help: "Time limit per task, in a SLURM format (e.g. 30, 2:00:00, 1-12).") var time: String?
    @Option(help: "CPUs per task; each task runs this many replicates at once.") var cpus = 1
    @Option(help: "Memory per task's node, e.g. 4G.") var mem: String?
    @Option(help: "The SLURM account to charge.") var account: String?
    @Option(help: "The study's folder (default: out/<study name>).") var out: String?
    @Option(name: .customLong("set"), help: "Override a study-file key (repeatable).") var overrides: [String] = []

    func run() async throws {
        guard (1...StudyShard.maxCount).contains(tasks) else {
            Terminal.error("--tasks: expected an integer in [1, \(StudyShard.maxCount)], got \(tasks)")
            throw ExitCode(2)
        }
        guard (1...CommandChecks.maxWorkers).contains(cpus) else {
            Terminal.error("--cpus: expected an integer in [1, \(CommandChecks.maxWorkers)], got \(cpus)")
            throw ExitCode(2)
        }
        let spec: StudySpec
        do {
            spec = try StudySpec.load(path: study, overrides: overrides)
            try spec.checkSize()
            try StudyShard.check(spec)
            // Every point's scenario is checked here, not on the cluster an hour from now.
            _ = try StudyRunner(spec: spec, workers: 1).scenarios(for: spec.points())
        } catch let error as ShardError {
            Terminal.error(error.message)
            throw ExitCode(2)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        let outFolder = URL(fileURLWithPath: out ?? "out/\(spec.name)").standardizedFileURL
        let resources = SlurmScripts.Resources(partition: partition, time: time, cpus: cpus, mem: mem, account: account)
        if let problem = SlurmScripts.problem(resources: resources, out: outFolder.path) {
            Terminal.error(problem)
            throw ExitCode(2)
        }
        // Tasks resume the shards already there, so those must be this study's, split the same way.
        if let problem = StoreMerge.resumeProblem(
            in: outFolder.appendingPathComponent("shards"), studyHash: spec.hash,
            count: tasks)
        {
            Terminal.error(problem)
            throw ExitCode(2)
        }
        let scripts = SlurmScripts(
            studyName: spec.name, tasks: tasks, resources: resources,
            ballast: Self.executablePath(), study: URL(fileURLWithPath: study).standardizedFileURL.path,
            out: outFolder.path, overrides: overrides)
        do {
            let logs = URL(fileURLWithPath: scripts.logFolder)
            try OutputFolder.ensureWritable(logs)
            try AtomicFile.write(scripts.arrayScript, to: URL(fileURLWithPath: scripts.arrayPath))
            try AtomicFile.write(scripts.mergeScript, to: URL(fileURLWithPath: scripts.mergePath))
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        let pairs = try spec.points().count * spec.replicates
        print(
            """
            \(scripts.arrayPath): \(tasks) array tasks, about \(pairs / tasks) of the study's \(pairs) replicates each, \
            \(cpus) CPU\(cpus == 1 ? "" : "s") per task
            \(scripts.mergePath): merges the shards into \(outFolder.path)
            logs: \(scripts.logFolder)/
            submit both, the merge after every task has succeeded:
            \(scripts.submitCommands)
            """)
    }

    /// This executable's absolute path, which the scripts call.
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
