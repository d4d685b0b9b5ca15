import Foundation

/// `ballast run --timings`: how long after the process started its first tick ended (issue: ≤ 50 ms).
enum StartupTiming {
    /// CLOCK_MONOTONIC now, seconds: comparable with a parent's reading (Python's `time.monotonic()`).
    static func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Seconds since this process started: CLOCK_BOOTTIME now minus the start time in /proc/self/stat
    /// (field 22, clock ticks since boot, so only to the clock tick: 10 ms at 100 Hz). Nil off Linux.
    static func sinceProcessStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command name in parentheses, the first field is field 3 (state): field 22 is index 19.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        var t = timespec()
        clock_gettime(CLOCK_BOOTTIME, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9 - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Writes the first-tick line to stderr.
    static func reportFirstTick() {
        let now = monotonic()
        let since = sinceProcessStart().map { String(format: "%.0f ms", $0 * 1000) } ?? "unknown"
        let line = String(
            format: "timings: first tick done %@ after the process started (/proc/self/stat, to 10 ms); "
                + "CLOCK_MONOTONIC %.6f s\n", since, now)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
