import Dispatch
import Foundation
import Reports
import Simulation
import Studies

/// What `sweep` and `curve` share: open the store, run what is missing, report.
enum StudyExecution {
    /// Runs the study, or only `shard`'s pairs of it: a shard stores its replicates and reports how
    /// many, but writes no estimates or figures (they come after `ballast merge`).
    static func run(
        _ spec: StudySpec, out: String, workers: Int, batch: Int, resume: Bool, quiet: Bool,
        command: String, shard: StudyShard? = nil
    ) async throws {
        let term = Terminal(quiet: quiet)
        let directory = URL(fileURLWithPath: out)
        let storePath = directory.appendingPathComponent(ResultStore.fileName).path
        if FileManager.default.fileExists(atPath: storePath) && !resume {
            Terminal.error(
                "\(out) already holds a study's results; pass --resume to finish it, or choose another --out")
            throw ExitCodes.usage
        }
        var runner = StudyRunner(spec: spec, workers: workers, flushEvery: batch)
        if let shard {
            do { runner = try StudyRunner(spec: spec, workers: workers, flushEvery: batch, shard: shard) } catch {
                Terminal.error("--shard: \(error.message)")
                throw ExitCodes.usage
            }
        }
        let scenarios: [Scenario]
        do {
            scenarios = try runner.scenarios(for: spec.points())
        } catch {
            Terminal.error(error.description)
            throw ExitCodes.usage
        }
        do { try OutputFolder.ensureWritable(directory) } catch {
            Terminal.error(error.description)
            throw ExitCodes.usage
        }
        let manifest = StudyManifest(
            studyName: spec.name, studyHash: spec.hash, ballastVersion: RunWriter.version,
            scenarioPath: spec.scenarioPath, seed: spec.seed, parameterNames: spec.parameters.map(\.key),
            replicatesPerPoint: spec.adaptive?.maxReplicates ?? spec.replicates, command: command,
            confidence: spec.confidence)
        let store: ResultStore
        do { store = try ResultStore(directory: directory, manifest: manifest, shard: shard) } catch {
            Terminal.error("\(error)")
            throw ExitCodes.usage
        }
        // What the study asked for, beside its results, for the report (the store keeps the outcomes).
        do {
            try StudyRecord(spec: spec, points: scenarios.count, gitCommit: GitCommit.describe(near: spec.sourcePath))
                .write(to: directory)
        } catch {
            Terminal.error("\(error)")
            throw ExitCodes.usage
        }
        let stop = StopSignal()
        let interrupt = Interrupts.install { stop.stop() }
        defer { interrupt.cancel() }
        let finished: Bool
        do {
            finished = try await runner.run(store: store, validated: scenarios, stop: stop) { p in term.studyProgress(p)
            }
        } catch let error as StoreError {
            // Refused before any replicate ran (another scenario, version or seed): an input error.
            Terminal.error(error.description)
            throw ExitCodes.usage
        } catch {
            Terminal.error("study failed: \(error); \((try? store.replicateCount()) ?? 0) replicates are saved")
            throw ExitCodes.failure
        }
        if let shard {
            if !finished {
                Terminal.error(
                    "stopped; \(try store.replicateCount()) replicates are saved. Run again with --resume to finish.")
                throw ExitCodes.interrupted
            }
            print(
                "shard \(shard): \(try store.replicateCount()) replicates in \(out)/\(ResultStore.fileName); "
                    + "when every shard is done, combine them with: ballast merge FOLDER...")
            return
        }
        let report = try StudyReport(store: store, confidence: spec.confidence)
        try report.write(to: directory, store: store)
        let figures = try StudyFigures.draw(report, in: directory.appendingPathComponent("figures"))
        let page: URL
        do { page = try ReportFile.write(for: directory) } catch {
            Terminal.error("the study's results are saved in \(out), but its report is not: \(error)")
            throw ExitCodes.failure
        }
        if !finished {
            Terminal.error(
                "stopped; \(try store.replicateCount()) replicates are saved. Run again with --resume to finish.")
            throw ExitCodes.interrupted
        }
        print(report.table(outcomes: spec.outcomes))
        print("\nresults: \(out)/\(ResultStore.fileName), estimates.csv, replicates.csv")
        for line in figures { print(line) }
        print("report: \(Report.shown(page, given: out))")
    }
}

/// Exit codes: 1 for a run or study that failed, 2 for bad input, 130 for an interrupted study.
enum ExitCodes {
    static let failure = ExitCodeError(code: 1)
    static let usage = ExitCodeError(code: 2)
    static let interrupted = ExitCodeError(code: 130)
}

struct ExitCodeError: Error { let code: Int32 }

/// SIGINT asks the study to stop after the replicates in flight; a second one quits at once.
enum Interrupts {
    static func install(_ onInterrupt: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Count()
        source.setEventHandler {
            if count.increment() > 1 { exit(130) }
            FileHandle.standardError.write(
                Data("\ninterrupt: finishing the replicates in flight (Ctrl-C again to quit now)\n".utf8))
            onInterrupt()
        }
        source.resume()
        return source
    }

    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            n += 1
            return n
        }
    }
}
