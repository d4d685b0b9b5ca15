import Foundation
import GRDB
import Simulation
import Testing

@testable import Studies

/// A real `ballast sweep` is killed with SIGKILL twenty times at pseudo-random moments and resumed
/// with `--resume` after each kill until the study completes. The result must be the one of an
/// uninterrupted run with another worker count: every (point, replicate) stored exactly once, and
/// byte-identical `replicates.csv` and `estimates.csv`.
///
/// The kill moments come from a fixed seed. Most wait until the store holds a drawn number of rows,
/// so they land mid-study however busy the machine is: a slow child only makes the wait longer.
/// The rest kill a drawn number of milliseconds after the launch, so some land while the child
/// starts or opens the store. Each attempt also draws its `--batch`. `BALLAST_KILL_LOG=1` prints
/// every attempt: its moment, the rows before and after, and how the child ended.
@Suite("Kill a study repeatedly and resume it")
struct RepeatedKillTests {
    static let kills = 20
    static let points = 3
    static let replicates = 80
    static var total: Int { points * replicates }

    /// When an attempt's SIGKILL is sent.
    enum Moment: CustomStringConvertible {
        /// This many milliseconds after the launch, whatever the child is doing.
        case afterLaunch(milliseconds: Int)
        /// Once the store holds `rows` replicates, and at least one more than at the launch,
        /// then `jitter` milliseconds later (so not always right after a commit).
        case afterRows(Int, jitter: Int)

        var description: String {
            switch self {
            case .afterLaunch(let ms): "\(ms) ms after launch"
            case .afterRows(let n, let jitter): "\(n) rows + \(jitter) ms"
            }
        }
    }

    /// SplitMix64, so the schedule is a function of the seed alone.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The attempts' kill moments and batch sizes. Row targets are sorted and stop at 85% of the
    /// study, leaving room for the rows committed between the target and the kill.
    static func schedule(seed: UInt64) -> [(moment: Moment, batch: Int)] {
        var rng = SplitMix64(state: seed)
        let targets = (0..<kills).map { _ in Int.random(in: 1...(total * 17 / 20), using: &rng) }.sorted()
        return targets.map { target in
            let batch = [1, 1, 2, 3][Int.random(in: 0..<4, using: &rng)]
            if Int.random(in: 0..<5, using: &rng) == 0 {
                return (.afterLaunch(milliseconds: Int.random(in: 0...150, using: &rng)), batch)
            }
            return (.afterRows(target, jitter: Int.random(in: 0...20, using: &rng)), batch)
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func twentyKillsThenResumeGiveTheUninterruptedResult() async throws {
        // Few ticks, many replicates: many short commits to land in.
        let (tmp, study) = try SweepChild.makeStudy(
            "repeated-kill", shocks: "0.2, 0.3, 0.4", replicates: Self.replicates,
            overrides: [
                "ticks=60", "market.shock.tick=30", "depositors.count=200", "depositors.shards=1",
                "borrowers.count=100",
            ])
        defer { try? FileManager.default.removeItem(at: tmp) }
        let killed = tmp.appendingPathComponent("killed")
        let clean = tmp.appendingPathComponent("clean")

        var landed = 0
        var afterLastReplicate = 0
        var finished = 0
        var log: [String] = []
        for (attempt, (moment, batch)) in Self.schedule(seed: 20_260_101).enumerated() {
            let before = SweepChild.storedRows(in: killed)
            let child = SweepChild.process(
                [
                    "sweep", study.path, "--out", killed.path, "--workers", "2",
                    "--batch", "\(batch)", "--quiet",
                ] + (attempt == 0 ? [] : ["--resume"]))
            try child.run()
            let seen =
                switch moment {
                case .afterLaunch(let ms):
                    await SweepChild.signal(child, onceRows: nil, in: killed, delay: .milliseconds(ms))
                case .afterRows(let target, let jitter):
                    await SweepChild.signal(
                        child, onceRows: max(target, before + 1), in: killed, delay: .milliseconds(jitter))
                }
            let end = child.waitForExit()
            let after = SweepChild.storedRows(in: killed)
            let wasKilled = end.killedBySignal && end.status == SIGKILL
            if wasKilled && after < Self.total {
                landed += 1
            } else if wasKilled {
                afterLastReplicate += 1
            } else {
                finished += 1
                #expect(end.status == 0, "attempt \(attempt) exited with \(end.status)")
            }
            log.append(
                "\(attempt): \(moment), batch \(batch): \(before)→\(after) rows, "
                    + (wasKilled ? "killed" : "exited \(end.status)"))
            // A commit the probe saw before the kill survives it.
            #expect(after >= seen, "attempt \(attempt): \(seen) rows seen before the kill, \(after) after")
        }

        // Resume until the study completes: a resumed run is not killed, so once is enough.
        #expect(
            try SweepChild.runToEnd([
                "sweep", study.path, "--out", killed.path, "--resume", "--workers", "2", "--quiet",
            ]) == 0)
        print(
            "RepeatedKillTests: \(landed) of \(Self.kills) kills landed mid-study, \(afterLastReplicate) after the last "
                + "replicate, \(finished) after the study finished (\(Self.total) replicates)")
        if ProcessInfo.processInfo.environment["BALLAST_KILL_LOG"] == "1" { print(log.joined(separator: "\n")) }
        #expect(landed >= 15, "only \(landed) of \(Self.kills) kills landed mid-study:\n\(log.joined(separator: "\n"))")

        let store = try ResultStore.open(directory: killed)
        let keys = try store.allOutcomes().map(\.key)
        let expected = (0..<Self.points).flatMap { p in
            (0..<Self.replicates).map { ReplicateKey(point: p, replicate: $0) }
        }
        #expect(keys.count == Self.total, "every replicate stored exactly once")
        #expect(Set(keys) == Set(expected))
        let integrity = try await store.queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])

        // The uninterrupted reference, with another worker count and the default batch.
        #expect(try SweepChild.runToEnd(["sweep", study.path, "--out", clean.path, "--workers", "1", "--quiet"]) == 0)
        for file in ["replicates.csv", "estimates.csv"] {
            let a = try Data(contentsOf: killed.appendingPathComponent(file))
            let b = try Data(contentsOf: clean.appendingPathComponent(file))
            #expect(a == b, "\(file) differs from the uninterrupted run's")
        }
    }
}
