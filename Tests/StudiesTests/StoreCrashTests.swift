import Foundation
import GRDB
import Simulation
import Testing

@testable import Studies

extension StoreTests {
    /// SIGKILL a real writer process in the middle of its transactions, then check with
    /// `ResultStore` that the file is intact and every batch landed whole or not at all.
    /// The writer is Python's sqlite3 module (a second Swift executable would need its own target);
    /// it writes the store's own schema, one transaction per point, as the study runner does.
    @Suite("Result store survives SIGKILL")
    struct Crash {
        static let replicates = 40

        /// Batch b adds point b, its value b/2 and all its replicates, in one transaction,
        /// starting after the last stored point; prints "ready" after its first commit.
        static let writer = """
            import sqlite3, sys
            path, replicates = sys.argv[1], int(sys.argv[2])
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA synchronous = NORMAL")
            b = db.execute("SELECT coalesce(max(point) + 1, 0) FROM point").fetchone()[0]
            first = True
            while True:
                db.execute("BEGIN IMMEDIATE")
                db.execute("INSERT INTO point (point) VALUES (?)", (b,))
                db.execute("INSERT INTO point_value (point, position, value) VALUES (?, 0, ?)", (b, b / 2))
                for r in range(replicates):
                    db.execute("INSERT INTO outcome (point, replicate, run, worst_tick, min_lcr_tick, "
                               "max_utilisation_tick, min_eve_tick, agent_steps, bad_debt_usd) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (b, r, r % 2, b, b, b, b, r, b + r / 8))
                db.execute("COMMIT")
                if first:
                    print("ready", flush=True)
                    first = False
                b += 1
            """

        /// A `python3` on PATH whose `sqlite3` module imports; nil when absent, and the test is skipped.
        static let python: URL? = {
            let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            for dir in dirs {
                let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
                guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
                let probe = Process()
                probe.executableURL = candidate
                probe.arguments = ["-c", "import sqlite3"]
                probe.standardOutput = FileHandle.nullDevice
                probe.standardError = FileHandle.nullDevice
                guard (try? probe.run()) != nil else { continue }
                if probe.waitForExit().status == 0 { return candidate }
            }
            return nil
        }()

        @Test(.enabled(if: Crash.python != nil, "needs python3 with its sqlite3 module on PATH"))
        func killedWritersLeaveWholeBatchesOnly() throws {
            let python = try #require(Crash.python)
            let folder = StoreTests.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let manifest = StoreTests.manifest(parameters: ["x"], replicates: Crash.replicates)
            _ = try ResultStore(directory: folder, manifest: manifest)
            let path = folder.appendingPathComponent(ResultStore.fileName).path
            var previous = 0
            // Three kill-and-restart rounds, killed after different delays.
            for delay in [20_000, 60_000, 120_000] as [UInt32] {
                try killWriter(python: python, path: path, afterMicroseconds: delay)
                let store = try ResultStore(directory: folder, manifest: manifest)
                let integrity = try store.queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
                #expect(integrity == ["ok"])
                let points = try store.points()
                // Batches commit in order, so the stored points are a prefix 0..<n, each with its value.
                #expect(points.map(\.index) == Array(0..<points.count))
                #expect(points.allSatisfy { $0.values == [Double($0.index) / 2] })
                #expect(points.count > previous, "each round commits at least one batch before the kill")
                let keys = try store.completed()
                let expected = Set(
                    points.flatMap { p in (0..<Crash.replicates).map { ReplicateKey(point: p.index, replicate: $0) } })
                #expect(keys == expected)
                previous = points.count
            }
            // The store resumes normally after the crashes.
            let store = try ResultStore(directory: folder, manifest: manifest)
            try store.registerPoints([StudyPoint(index: previous, values: [0])])
            try store.record(StoreTests.rows(points: previous..<previous + 1, replicates: 0..<Crash.replicates))
            #expect(try store.replicateCount() == (previous + 1) * Crash.replicates)
        }

        /// Starts the writer, waits for its first commit, lets it run `delay` µs more, then SIGKILLs it.
        private func killWriter(python: URL, path: String, afterMicroseconds delay: UInt32) throws {
            let process = Process()
            process.executableURL = python
            process.arguments = ["-c", Crash.writer, path, String(Crash.replicates)]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("ready") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
            guard String(decoding: seen, as: UTF8.self).contains("ready") else {
                _ = process.waitForExit()
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                Issue.record("the writer stopped before its first commit: \(message)")
                return
            }
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            #expect(process.waitForExit() == ChildExit(status: SIGKILL, killedBySignal: true))
        }
    }
}
