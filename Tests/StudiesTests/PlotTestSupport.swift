import Foundation
import Testing

@testable import Studies

/// Suites for the plotting layer live under this namespace.
@Suite enum PlotTests {}

/// A fresh folder (with a space in its name, to exercise quoting) under the system temporary directory.
func plotTestDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ballast plot \(label) \(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func readText(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

/// gnuplot that is certainly absent, whatever the machine has.
let missingGnuplot = Gnuplot(command: nil, absence: "BALLAST_GNUPLOT=/nonexistent is not an executable file")

/// Every file name the script quotes must be a bare relative name (no folder), so the folder can move.
func quotedNames(in script: String) -> [String] {
    guard let pattern = try? NSRegularExpression(pattern: "'([^']*\\.(?:dat|png|svg|gp)[^']*)'") else { return [] }
    let range = NSRange(script.startIndex..., in: script)
    return pattern.matches(in: script, range: range).compactMap { match in
        Range(match.range(at: 1), in: script).map { String(script[$0]) }
    }
}

let sampleText = FigureText(
    title: "P(run) vs shock", xLabel: "shock size (% price drop)", yLabel: "P(run)",
    bandLabel: "95% Wilson CI")
