import BallastTestSupport
import Foundation
import Simulation
import Testing

@testable import Studies

/// `sweep --shard`, `merge` and `slurm` driven as a user would. The generated sbatch scripts are run
/// here by bash with `SLURM_ARRAY_TASK_ID` set, as SLURM would run them; `scripts/slurm-test.sh`
/// submits them to a real SLURM cluster.
@Suite("Shards, merge and SLURM scripts on the command line")
struct ShardCommandTests {
    typealias Result = ChildResult

    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:]) throws -> Result {
        try ChildCommand.run(URL(fileURLWithPath: executable), args, in: SweepChild.root, environment: environment)
    }

    static func ballast(_ args: [String]) throws -> Result { try run(SweepChild.binary.path, args) }

    static func text(_ folder: URL, _ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func badInputIsOneLineAndWritesNothing() throws {
        let (tmp, study) = try SweepChild.makeStudy("shard-errors", shocks: "0.2, 0.4", replicates: 2)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let adaptive = tmp.appendingPathComponent("adaptive.yaml")
        try
            (try String(contentsOf: study, encoding: .utf8)
            + "\nadaptive: {target_half_width: 0.1, max_replicates: 8, batch: 2}\n").write(
                to: adaptive, atomically: true, encoding: .utf8)
        let empty = tmp.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let out = tmp.appendingPathComponent("out").path
        let cases: [([String], String)] = [
            (["sweep", study.path, "--shard", "0/0", "--out", out], "--shard 0/0: expected i/N with 1 ≤ N"),
            (["sweep", study.path, "--shard", "5/3", "--out", out], "0 ≤ i < N (0-based, like SLURM_ARRAY_TASK_ID"),
            (["sweep", study.path, "--shard", "one/3", "--out", out], "--shard one/3: expected i/N"),
            (["sweep", adaptive.path, "--shard", "0/2", "--out", out], "adaptive studies cannot be sharded"),
            (
                ["slurm", study.path, "--tasks", "0", "--out", out],
                "--tasks: expected an integer in [1, 1000000], got 0"
            ),
            (["slurm", adaptive.path, "--tasks", "2", "--out", out], "adaptive studies cannot be sharded"),
            (
                ["slurm", study.path, "--tasks", "2", "--partition", "debug; rm -rf ~", "--out", out],
                "--partition debug; rm -rf ~: expected"
            ),
            (
                ["slurm", study.path, "--tasks", "2", "--time", "$(reboot)", "--out", out],
                "--time $(reboot): expected a SLURM time"
            ),
            (["slurm", study.path, "--tasks", "2", "--mem", "4G\n#SBATCH --x", "--out", out], "--mem "),
            (["slurm", study.path, "--tasks", "2", "--account", "a b", "--out", out], "--account a b: expected"),
            (
                ["slurm", study.path, "--tasks", "2", "--out", out + "/has space"],
                "sbatch's --output lines cannot quote"
            ),
            (
                ["slurm", study.path, "--tasks", "2", "--cpus", "0", "--out", out],
                "--cpus: expected an integer in [1, 1024]"
            ),
            (
                ["merge", empty.path, "--out", out],
                "holds no study store (no results.sqlite in it or in its subfolders)"
            ),
            (["merge", tmp.appendingPathComponent("nowhere").path, "--out", out], "is not a folder"),
        ]
        for (args, message) in cases {
            let r = try Self.ballast(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("error: ") && r.stderr.filter { $0 == "\n" }.count == 1, "one line: \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: out), "\(args) wrote nothing")
        }
    }

    /// The generated scripts, run as SLURM would run them, give the estimates of one local process;
    /// a missing task is named by the merge, and running it alone then completes the study.
    /// The study sits in a folder whose name a shell would expand, to show that it is quoted.
    @Test func slurmScriptsGiveTheResultsOfOneProcess() throws {
        let (tmp, made) = try SweepChild.makeStudy("shard-scripts", shocks: "0.2, 0.35, 0.5", replicates: 7)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let odd = tmp.appendingPathComponent("it's $(touch pwned) `x`")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        let study = odd.appendingPathComponent("study.yaml")
        try FileManager.default.moveItem(at: made, to: study)
        let cluster = tmp.appendingPathComponent("cluster")
        let generated = try Self.ballast([
            "slurm", study.path, "--tasks", "3", "--cpus", "2", "--time", "0:10:00",
            "--out", cluster.path,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(
            generated.stdout.contains("sbatch --dependency=afterok:${array%%;*} '\(cluster.path)/slurm/merge.sbatch'"))
        let array = try Self.text(cluster, "slurm/array.sbatch")
        for line in [
            "#SBATCH --array=0-2", "#SBATCH --cpus-per-task=2", "#SBATCH --time=0:10:00",
            "#SBATCH --output=\(cluster.path)/slurm/logs/shard-%a-job-%A.log", "--workers 2 --resume",
        ] {
            #expect(array.contains(line), "\(line)")
        }
        #expect(FileManager.default.fileExists(atPath: cluster.appendingPathComponent("slurm/logs").path))

        func task(_ k: Int) throws -> Result {
            try Self.run(
                "/bin/bash", [cluster.appendingPathComponent("slurm/array.sbatch").path],
                environment: ["SLURM_ARRAY_TASK_ID": "\(k)"])
        }
        let merge = { try Self.run("/bin/bash", [cluster.appendingPathComponent("slurm/merge.sbatch").path]) }
        for k in [0, 1] { #expect(try task(k).status == 0) }
        let early = try merge()
        #expect(early.status == 2 && early.stderr.contains("1 of 3 shards missing: 2"), "\(early.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cluster.appendingPathComponent(ResultStore.fileName).path))
        let late = try task(2)
        #expect(late.status == 0 && late.stdout.contains("shard 2/3: 7 replicates"), "\(late.stderr)")
        #expect(try task(1).status == 0, "a task run again resumes its shard, which is complete")
        let merged = try merge()
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged 3 shards of shard-scripts: 3 points, 21 replicates (21 new)"))
        #expect(try merge().stdout.contains("(0 new)"), "merging again changes nothing")
        let regenerated = try Self.ballast(["slurm", study.path, "--tasks", "3", "--out", cluster.path])
        #expect(regenerated.status == 0, "the same split may be written again: \(regenerated.stderr)")
        let resplit = try Self.ballast(["slurm", study.path, "--tasks", "4", "--out", cluster.path])
        #expect(resplit.status == 2 && resplit.stderr.contains("of a split into 3, not 4"), "\(resplit.stderr)")
        #expect(!FileManager.default.fileExists(atPath: SweepChild.root.appendingPathComponent("pwned").path))
        #expect(!FileManager.default.fileExists(atPath: odd.appendingPathComponent("pwned").path))

        for workers in ["1", "3"] {
            let local = tmp.appendingPathComponent("local-\(workers)")
            let r = try Self.ballast(["sweep", study.path, "--out", local.path, "--workers", workers, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            for folder in [local, cluster] { #expect(try Self.ballast(["export", folder.path]).status == 0) }
            for file in ["estimates.csv", "replicates.csv"] {
                #expect(try Self.text(local, file) == Self.text(cluster, file), "\(file), --workers \(workers)")
            }
        }
    }

    /// An unknown partition is a safe name, so it is written as it is; sbatch refuses it on the cluster
    /// (`scripts/slurm-test.sh` checks that part).
    @Test func aPartitionNameIsPassedThroughToSbatch() throws {
        let (tmp, study) = try SweepChild.makeStudy("shard-partition", shocks: "0.3", replicates: 2)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("out")
        let r = try Self.ballast([
            "slurm", study.path, "--tasks", "5", "--partition", "nosuch", "--account", "lab-1",
            "--mem", "4G", "--out", out.path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        for file in ["slurm/array.sbatch", "slurm/merge.sbatch"] {
            let script = try Self.text(out, file)
            for line in ["#SBATCH --partition=nosuch\n", "#SBATCH --account=lab-1\n", "#SBATCH --mem=4G\n"] {
                #expect(script.contains(line), "\(file): \(line)")
            }
        }
        #expect(try Self.text(out, "slurm/array.sbatch").contains("#SBATCH --array=0-4\n"))
    }

    /// A shard's folder resumes only as that shard, and a whole study's folder never as a shard.
    @Test func aShardFolderResumesOnlyAsItsShard() throws {
        let (tmp, study) = try SweepChild.makeStudy("shard-resume", shocks: "0.3", replicates: 4)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("shard").path
        #expect(try Self.ballast(["sweep", study.path, "--shard", "1/2", "--out", out, "--quiet"]).status == 0)
        let other = try Self.ballast(["sweep", study.path, "--shard", "0/2", "--out", out, "--resume", "--quiet"])
        #expect(
            other.status == 2 && other.stderr.contains("holds shard 1/2 of the study, but this run asks for shard 0/2"),
            "\(other.stderr)")
        let whole = try Self.ballast(["sweep", study.path, "--out", out, "--resume", "--quiet"])
        #expect(whole.status == 2 && whole.stderr.contains("but this run asks for the whole study"), "\(whole.stderr)")
        #expect(try ResultStore.open(directory: URL(fileURLWithPath: out)).replicateCount() == 2)
    }
}
