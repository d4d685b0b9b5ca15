import Foundation
import ScenarioSchema

/// The two `sbatch` scripts of a study run on a SLURM cluster: a job array with one shard per task,
/// and a merge job to submit with `--dependency=afterok:<array job>`.
///
/// Nothing from the command line reaches a script unchecked. Values in `#SBATCH` lines (which
/// sbatch parses, not the shell) must match a strict pattern; everything in the shell body is
/// single-quoted. So no study path, override or option value can run a command.
struct SlurmScripts: Sendable {
    /// The resources each task asks for. `nil` fields are left to the cluster's defaults.
    struct Resources: Sendable {
        var partition: String?
        var time: String?
        var cpus: Int
        var mem: String?
        var account: String?
    }

    var studyName: String
    var tasks: Int
    var resources: Resources
    /// Absolute paths.
    var ballast: String
    var study: String
    var out: String
    var overrides: [String]

    var slurmFolder: String { out + "/slurm" }
    var logFolder: String { slurmFolder + "/logs" }
    var shardFolder: String { out + "/shards" }
    var arrayPath: String { slurmFolder + "/array.sbatch" }
    var mergePath: String { slurmFolder + "/merge.sbatch" }

    /// Checks every value bound for an `#SBATCH` line; returns the first problem as a one-line message.
    static func problem(resources r: Resources, out: String) -> String? {
        func check(_ option: String, _ value: String?, _ pattern: Regex<Substring>, _ expected: String) -> String? {
            guard let value else { return nil }
            guard value.utf8.count <= 200, value.wholeMatch(of: pattern) != nil else {
                return "--\(option) \(ConfigNode.echo(value)): expected \(expected)"
            }
            return nil
        }
        return check(
            "partition", r.partition, #/[A-Za-z0-9_.-]+(?:,[A-Za-z0-9_.-]+)*/#,
            "a partition name (letters, digits, '_', '.', '-'; several separated by commas)")
            ?? check(
                "time", r.time, #/UNLIMITED|INFINITE|[0-9]+(?:-[0-9]+)?(?::[0-9]+){0,2}/#,
                "a SLURM time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS")
            ?? check(
                "mem", r.mem, #/[0-9]+[KMGT]?/#, "a memory size per node: megabytes, or a number with K, M, G or T")
            ?? check("account", r.account, #/[A-Za-z0-9_.-]+/#, "an account name (letters, digits, '_', '.', '-')")
            ?? check(
                "out", out, #/\/[A-Za-z0-9_.+=@,\/-]*/#,
                "a folder whose absolute path holds only letters, digits and _ . + = @ , - / "
                    + "(sbatch's --output lines cannot quote other characters)")
    }

    /// `#SBATCH` lines every job shares.
    private var commonDirectives: [String] {
        var lines = ["#SBATCH --ntasks=1"]
        if let p = resources.partition { lines.append("#SBATCH --partition=\(p)") }
        if let t = resources.time { lines.append("#SBATCH --time=\(t)") }
        if let m = resources.mem { lines.append("#SBATCH --mem=\(m)") }
        if let a = resources.account { lines.append("#SBATCH --account=\(a)") }
        return lines
    }

    /// The study's name as far as it is safe in a comment and a job name (study names already are).
    private var safeName: String {
        String(studyName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }.prefix(60))
    }
    private var jobName: String { "ballast-" + safeName }

    /// The job array: task k runs shard k of `tasks` into `shards/shard-k`, resuming what is stored.
    var arrayScript: String {
        let q = ShellText.quote
        let sets = overrides.map { " --set " + q($0) }.joined()
        return
            ([
                "#!/bin/bash",
                "# Written by ballast slurm: study \(safeName) in \(tasks) shards, one per array task (0-based).",
                "# Task k runs shard k/\(tasks) into shards/shard-k. Re-run one task alone with",
                "#   sbatch --array=k \(arrayPath)",
                "# It resumes that shard (--resume), so a failed or preempted task loses at most its last batch.",
                "#SBATCH --job-name=\(jobName)",
                "#SBATCH --array=0-\(tasks - 1)",
                "#SBATCH --cpus-per-task=\(resources.cpus)",
                "#SBATCH --output=\(logFolder)/shard-%a-job-%A.log",
            ] + commonDirectives + [
                "set -euo pipefail",
                "shard=\"${SLURM_ARRAY_TASK_ID:?this is a SLURM array job: submit it with sbatch}\"",
                "exec \(q(ballast)) sweep \(q(study))\(sets) --shard \"$shard/\(tasks)\" --out \(q(shardFolder + "/shard-"))\"$shard\" "
                    + "--workers \(resources.cpus) --resume",
            ]).joined(separator: "\n") + "\n"
    }

    /// The merge job: combines every shard into the study folder and writes its estimates and figures.
    var mergeScript: String {
        let q = ShellText.quote
        return
            ([
                "#!/bin/bash",
                "# Written by ballast slurm: merges the \(tasks) shards of the array job into \(out).",
                "# Submit it with --dependency=afterok:<array job id>, so it starts once every task has succeeded.",
                "#SBATCH --job-name=\(jobName)-merge",
                "#SBATCH --cpus-per-task=1",
                "#SBATCH --output=\(logFolder)/merge-job-%j.log",
            ] + commonDirectives + [
                "set -euo pipefail",
                "exec \(q(ballast)) merge \(q(shardFolder)) --out \(q(out))",
            ]).joined(separator: "\n") + "\n"
    }

    /// The commands that submit both jobs, the merge after the whole array.
    var submitCommands: String {
        """
        array=$(sbatch --parsable \(ShellText.quote(arrayPath)))
        sbatch --dependency=afterok:${array%%;*} \(ShellText.quote(mergePath))
        """
    }
}

/// Text for a POSIX shell.
enum ShellText {
    /// `text` as one single-quoted shell word: nothing inside is expanded.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
