import BallastTestSupport
import Foundation
import GRDB
import Simulation

@testable import Studies

/// Runs the real `ballast` executable as a child process and watches the study folder it writes:
/// shared by the tests that kill a `ballast sweep` and resume it.
enum SweepChild {
    /// The package root: scenarios are named relative to it, and children run in it.
    static let root = BallastBinary.repositoryRoot
    static let binary = BallastBinary.url

    /// A `ballast` child with the given arguments, not yet started; its output is discarded.
    static func process(_ args: [String]) -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    /// Runs `ballast` to its end; returns its exit status.
    static func runToEnd(_ args: [String]) throws -> Int32 {
        let p = process(args)
        try p.run()
        return p.waitForExit().status
    }

    /// The scenario keys of the studies below: the reference model, made small.
    static let smallReference = ["ticks=210", "depositors.count=500", "depositors.shards=1", "borrowers.count=200"]

    /// A fresh folder holding `study.yaml`: a small study on the reference model over the shock sizes `shocks`.
    static func makeStudy(
        _ name: String, shocks: String, replicates: Int,
        overrides: [String] = smallReference
    ) throws -> (folder: URL, study: URL) {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let study = tmp.appendingPathComponent("study.yaml")
        try """
        name: \(name)
        scenario: \(root.appendingPathComponent("experiments/reference/reference.yaml").path)
        seed: 2
        overrides: [\(overrides.map { "\"\($0)\"" }.joined(separator: ", "))]
        parameters: [{key: market.shock.size, values: [\(shocks)]}]
        replicates: \(replicates)
        """.write(to: study, atomically: true, encoding: .utf8)
        return (tmp, study)
    }

    /// Sends `signal` to `child` once its store in `folder` holds at least `rows` replicates (at once
    /// when nil), then `delay` later; not at all when the child has exited by then. Returns the rows
    /// seen before the signal (0 when none were).
    ///
    /// The watching and the kill run on a thread of their own, not on the Swift concurrency pool,
    /// whose threads (one per core) the other tests running in parallel can hold for seconds: a
    /// watcher waiting there for a free thread would kill the child long after its moment.
    @discardableResult
    static func signal(
        _ child: Process, onceRows rows: Int?, in folder: URL, delay: Duration = .zero,
        signal: Int32 = SIGKILL, timeout: Duration = .seconds(300)
    ) async -> Int {
        await withCheckedContinuation { (done: CheckedContinuation<Int, Never>) in
            Thread.detachNewThread {
                let seen = rows.map { waitForRows($0, in: folder, child: child, timeout: timeout) } ?? 0
                if delay > .zero { Thread.sleep(forTimeInterval: seconds(delay)) }
                if child.isRunning { kill(child.processIdentifier, signal) }
                done.resume(returning: seen)
            }
        }
    }

    /// Polls the store in `folder` until it holds at least `count` replicates, the child exits, or
    /// `timeout` passes; blocks the calling thread. Returns the last count seen (0 when none).
    static func waitForRows(_ count: Int, in folder: URL, child: Process, timeout: Duration) -> Int {
        let probe = StoreProbe(folder: folder)
        let deadline = ContinuousClock.now + timeout
        var seen = 0
        while child.isRunning && ContinuousClock.now < deadline {
            if let n = probe.rows() {
                seen = n
                if n >= count { return n }
            }
            usleep(3_000)
        }
        return seen
    }

    /// The replicates stored in `folder` while no child is running: 0 when there is no store yet.
    /// Retries for up to a second, since a read can find the store busy for a moment.
    static func storedRows(in folder: URL) -> Int {
        let probe = StoreProbe(folder: folder)
        guard FileManager.default.fileExists(atPath: probe.path) else { return 0 }
        for _ in 0..<200 {
            if let n = probe.rows() { return n }
            usleep(5_000)
        }
        return 0
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Counts a store's replicate rows through a read-only SQLite connection. Unlike `ResultStore`, it
/// never writes the database: it neither sets the journal mode nor checkpoints the WAL on close,
/// so after a kill, folding the WAL back into the database is left to the next `ballast`, as it
/// would be for a user.
final class StoreProbe {
    let path: String
    private var queue: DatabaseQueue?

    init(folder: URL) { path = folder.appendingPathComponent(ResultStore.fileName).path }

    /// The number of stored replicates, or nil while the store does not exist or has no tables yet.
    func rows() -> Int? {
        if queue == nil {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            var config = Configuration()
            config.readonly = true
            queue = try? DatabaseQueue(path: path, configuration: config)
        }
        guard let queue else { return nil }
        return try? queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome") ?? 0 }
    }
}
