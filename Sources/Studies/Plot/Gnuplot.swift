import Foundation
import Simulation

/// Where gnuplot is, and running it on a figure's script.
///
/// By default gnuplot is looked up on `PATH` and started as `/usr/bin/env gnuplot script.gp`.
/// The environment variable `BALLAST_GNUPLOT` names a specific executable instead; pointing it at a
/// path that does not exist (e.g. `/nonexistent`) simulates a machine without gnuplot.
struct Gnuplot: Sendable {
    /// The program handed to `/usr/bin/env`: `"gnuplot"` or an explicit path. Nil: not available.
    let command: String?
    /// Why `command` is nil, for the note.
    let absence: String

    static let environmentVariable = "BALLAST_GNUPLOT"

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Gnuplot {
        if let override = environment[environmentVariable], !override.isEmpty {
            return FileManager.default.isExecutableFile(atPath: override)
                ? Gnuplot(command: override, absence: "")
                : Gnuplot(command: nil, absence: "\(environmentVariable)=\(override) is not an executable file")
        }
        let searchPath = environment["PATH"] ?? "/usr/bin:/bin"
        let found = searchPath.split(separator: ":").contains { folder in
            FileManager.default.isExecutableFile(atPath: "\(folder)/gnuplot")
        }
        return found
            ? Gnuplot(command: "gnuplot", absence: "") : Gnuplot(command: nil, absence: "gnuplot is not on PATH")
    }

    /// Draws the figure when gnuplot is available; otherwise returns the note telling how to install it.
    /// The data and script must already be written.
    func render(_ files: FigureFiles) throws -> PlotOutput {
        files.removeStaleImages()
        var output = PlotOutput(
            data: files.url(files.dataName), script: files.url(files.scriptName),
            png: nil, svg: nil, note: nil)
        guard let command else {
            output.note = """
                \(absence), so \(files.pngName) and \(files.svgName) were not drawn; \
                \(files.dataName) and \(files.scriptName) are written in \(files.directory.path). \
                Install gnuplot (Debian/Ubuntu: sudo apt-get install gnuplot-nox; macOS: brew install gnuplot), \
                then run: cd \(GnuplotText.quoted(files.directory.path)) && gnuplot \(GnuplotText.quoted(files.scriptName))
                """
            return output
        }
        let warnings = try run(command, script: files.scriptName, in: files.directory)
        guard let png = files.existingNonEmpty(files.pngName), let svg = files.existingNonEmpty(files.svgName) else {
            throw PlotError.gnuplotFailed(
                status: 0, message: "no \(files.pngName) or \(files.svgName) written. \(warnings)")
        }
        output.png = png
        output.svg = svg
        output.note = warnings.isEmpty ? nil : "gnuplot warnings for \(files.scriptName): \(warnings)"
        return output
    }

    /// Runs gnuplot on `script` with `directory` as working folder (the script uses relative names).
    /// Returns what gnuplot wrote to stderr on success; throws it on failure.
    private func run(_ command: String, script: String, in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command, script]
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw PlotError.gnuplotFailed(status: -1, message: "cannot start /usr/bin/env \(command): \(error)")
        }
        // Read before waiting: a chatty gnuplot could otherwise block on a full pipe.
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let end = process.waitForExit()
        guard !end.killedBySignal, end.status == 0 else {
            throw PlotError.gnuplotFailed(
                status: end.status,
                message: message.isEmpty ? "no message" : message)
        }
        return message
    }
}
