import ArgumentParser
import Foundation
import Simulation

/// `ballast bench --scale`: the same measurement at several depositor counts, each in a child process so
/// that each peak RSS is that population's alone; a table on the terminal, `scale.csv`, and a log-log
/// figure (`scale.png`/`.svg`, drawn by `scale.gp` when gnuplot is on PATH).
struct BenchScale {
    let scenario: String
    let overrides: [String]
    let counts: [Int]
    let out: String
    let replicates: Int

    /// One depositor count's measurement.
    struct Row: Codable {
        var depositors: Int
        var report: BenchReport
        /// Marginal resident bytes per depositor from the previous count (nil for the first).
        var bytesPerDepositor: Double?

        enum CodingKeys: String, CodingKey {
            case depositors, report
            case bytesPerDepositor = "bytes_per_depositor"
        }
    }

    static func parse(_ text: String, flag: String = "--counts") throws -> [Int] {
        let counts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 10_000_000 }) else {
            Terminal.error("\(flag): expected depositor counts in [1, 10000000] separated by commas, got \(text)")
            throw ExitCode(2)
        }
        return counts.compactMap { $0 }.sorted()
    }

    func run(json: Bool) async throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            Terminal.error("cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        var rows: [Row] = []
        for n in counts {
            FileHandle.standardError.write(Data("bench --scale: \(n) depositors…\n".utf8))
            // Large populations take long per replicate: one replicate there is enough for a rate.
            let k = n >= 100_000 ? 1 : replicates
            let report = try measureInChild(depositors: n, replicates: k)
            var row = Row(depositors: n, report: report)
            if let last = rows.last, n > last.depositors {
                row.bytesPerDepositor =
                    Double(report.peakRSSBytes - last.report.peakRSSBytes) / Double(n - last.depositors)
            }
            rows.append(row)
        }
        try write(rows, to: directory)
        if json {
            print(String(decoding: try RunWriter.encode(rows), as: UTF8.self), terminator: "")
        } else {
            print(table(rows))
            print(
                "written to: \(directory.path)/scale.csv, scale.gp\(drawn(directory) ? ", scale.png, scale.svg" : "")")
        }
    }

    /// Runs `ballast bench --json --no-parallel` on the scenario with `depositors.count=n` and reads its report.
    private func measureInChild(depositors n: Int, replicates k: Int) throws -> BenchReport {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments =
            ["bench", scenario, "--json", "--no-parallel", "--replicates", String(k)]
            + overrides.flatMap { ["--set", $0] } + ["--set", "depositors.count=\(n)"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let exit = p.waitForExit()
        guard exit.status == 0, !exit.killedBySignal, let r = try? JSONDecoder().decode(BenchReport.self, from: data)
        else {
            Terminal.error("bench --scale: the measurement at \(n) depositors failed (exit \(exit.status))")
            throw ExitCode(1)
        }
        return r
    }

    private func table(_ rows: [Row]) -> String {
        var lines = ["depositors  agent-steps   CPU/replicate  ns/agent-step  peak RSS  bytes/depositor"]
        for r in rows {
            let ns = r.report.cpuMedian / Double(max(1, r.report.agentStepsPerReplicate)) * 1e9
            let b = r.bytesPerDepositor.map { String(format: "%.0f", $0) } ?? "–"
            let numbers = String(
                format: "%10d  %11d  %12.3f s  %13.1f  %5d MiB", r.depositors, r.report.agentStepsPerReplicate,
                r.report.cpuMedian, ns, r.report.peakRSSBytes >> 20)
            lines.append(numbers + String(repeating: " ", count: max(2, 17 - b.count)) + b)
        }
        return lines.joined(separator: "\n")
    }

    private func write(_ rows: [Row], to directory: URL) throws {
        var csv = "depositors,agent_steps,cpu_s,ns_per_agent_step,peak_rss_bytes,bytes_per_depositor\n"
        for r in rows {
            let ns = r.report.cpuMedian / Double(max(1, r.report.agentStepsPerReplicate)) * 1e9
            csv += "\(r.depositors),\(r.report.agentStepsPerReplicate),\(r.report.cpuMedian),\(ns),"
            csv += "\(r.report.peakRSSBytes),\(r.bytesPerDepositor.map { String($0) } ?? "")\n"
        }
        try RunWriter.atomicWrite(Data(csv.utf8), to: directory.appendingPathComponent("scale.csv"))
        let script = """
            # Written by ballast bench --scale. Redraw from this folder with: gnuplot scale.gp
            set datafile separator ","
            set logscale xy
            set grid
            set key top left
            set xlabel "depositors"
            set ylabel "CPU seconds per replicate / peak RSS (MiB)"
            set title "Cost against population (\(scenario.replacingOccurrences(of: "\"", with: "")))"
            do for [t in "pngcairo svg"] {
                set terminal t size 800,500
                set output (t eq "svg" ? "scale.svg" : "scale.png")
                plot "scale.csv" every ::1 using 1:3 with linespoints lw 2 pt 7 title "CPU per replicate (s)", \\
                     "scale.csv" every ::1 using 1:($5/1048576) with linespoints lw 2 pt 5 title "peak RSS (MiB)"
            }

            """
        try RunWriter.atomicWrite(Data(script.utf8), to: directory.appendingPathComponent("scale.gp"))
    }

    /// Draws the figure when gnuplot is on PATH; true when it did.
    private func drawn(_ directory: URL) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gnuplot", "scale.gp"]
        p.currentDirectoryURL = directory
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        return p.waitForExit().status == 0
    }
}
