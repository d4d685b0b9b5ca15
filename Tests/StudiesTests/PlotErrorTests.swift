import Foundation
import Testing

@testable import Studies

extension PlotTests {
    @Suite struct Errors {
        @Test func mismatchedCurveArrayIsNamed() throws {
            let directory = try plotTestDirectory("err")
            let curves = [
                BandedCurve(label: "ok", x: [0], y: [0], lower: [0], upper: [0]),
                BandedCurve(label: "bad", x: [0, 1], y: [0, 1], lower: [0], upper: [0, 1]),
            ]
            #expect(throws: PlotError.lengthMismatch(array: "curves[1].lower", expected: 2, actual: 1)) {
                try Figures.curves(
                    curves, text: sampleText, probabilityAxis: true, in: directory, name: "c",
                    gnuplot: missingGnuplot)
            }
            #expect(throws: PlotError.empty(array: "curves")) {
                try Figures.curves(
                    [], text: sampleText, probabilityAxis: true, in: directory, name: "c",
                    gnuplot: missingGnuplot)
            }
        }

        @Test func mismatchedHeatmapArraysAreNamed() throws {
            let directory = try plotTestDirectory("err")
            #expect(throws: PlotError.lengthMismatch(array: "values[1]", expected: 2, actual: 3)) {
                try Figures.heatmap(
                    x: [0, 1], y: [0, 1], values: [[0, 0], [0, 0, 0]], text: sampleText,
                    colorLabel: "P", in: directory, name: "h", gnuplot: missingGnuplot)
            }
            #expect(throws: PlotError.lengthMismatch(array: "values", expected: 2, actual: 1)) {
                try Figures.heatmap(
                    x: [0, 1], y: [0, 1], values: [[0, 0]], text: sampleText,
                    colorLabel: "P", in: directory, name: "h", gnuplot: missingGnuplot)
            }
            #expect(
                throws: PlotError.invalidValue(array: "y", index: 1, reason: "is not greater than the value before it")
            ) {
                try Figures.heatmap(
                    x: [0, 1], y: [1, 1], values: [[0, 0], [0, 0]], text: sampleText,
                    colorLabel: "P", in: directory, name: "h", gnuplot: missingGnuplot)
            }
        }

        @Test func mismatchedFanArraysAreNamed() throws {
            let directory = try plotTestDirectory("err")
            #expect(throws: PlotError.lengthMismatch(array: "median", expected: 2, actual: 1)) {
                try Figures.fan(
                    ticks: [0, 1], median: [0], bands: [], text: sampleText, in: directory, name: "f",
                    gnuplot: missingGnuplot)
            }
            #expect(throws: PlotError.lengthMismatch(array: "bands[0].upper", expected: 2, actual: 3)) {
                try Figures.fan(
                    ticks: [0, 1], median: [0, 0], bands: [(label: "b", lower: [0, 0], upper: [0, 0, 0])],
                    text: sampleText, in: directory, name: "f", gnuplot: missingGnuplot)
            }
        }

        @Test func malformedSeriesNamesLineAndColumn() throws {
            let directory = try plotTestDirectory("err")
            let csv = directory.appendingPathComponent("series.csv")
            try "tick,p_ext\n0,1\n".write(to: csv, atomically: true, encoding: .utf8)
            #expect(throws: PlotError.malformedSeries(file: "series.csv", line: 1, reason: "missing column 'p_amm'")) {
                try Figures.runSeries(csv: csv, title: "t", in: directory, name: "r", gnuplot: missingGnuplot)
            }
            let header = Figures.seriesColumns.joined(separator: ",")
            try "\(header)\n0,1,2,3,4,5,6,7,8,9\n1,x,2,3,4,5,6,7,8,9\n".write(
                to: csv, atomically: true, encoding: .utf8)
            #expect(
                throws: PlotError.malformedSeries(file: "series.csv", line: 3, reason: "'p_ext' is not a number: 'x'")
            ) {
                try Figures.runSeries(csv: csv, title: "t", in: directory, name: "r", gnuplot: missingGnuplot)
            }
        }

        @Test func badNameIsRejected() throws {
            let directory = try plotTestDirectory("err")
            let curve = BandedCurve(label: "a", x: [0], y: [0], lower: [0], upper: [0])
            #expect(throws: PlotError.invalidName("../x")) {
                try Figures.curves(
                    [curve], text: sampleText, probabilityAxis: true, in: directory, name: "../x",
                    gnuplot: missingGnuplot)
            }
        }

        @Test func missingGnuplotWritesDataAndScriptAndSaysHowToInstall() throws {
            let directory = try plotTestDirectory("missing")
            // The environment route the CLI uses: BALLAST_GNUPLOT names a path that does not exist.
            let gnuplot = Gnuplot.fromEnvironment(["BALLAST_GNUPLOT": "/nonexistent", "PATH": "/usr/bin"])
            #expect(gnuplot.command == nil)
            let curve = BandedCurve(label: "a", x: [0], y: [0], lower: [0], upper: [0])
            let output = try Figures.curves(
                [curve], text: sampleText, probabilityAxis: true, in: directory,
                name: "m", gnuplot: gnuplot)
            #expect(FileManager.default.fileExists(atPath: output.data.path))
            #expect(FileManager.default.fileExists(atPath: output.script.path))
            #expect(output.png == nil && output.svg == nil)
            let note = try #require(output.note)
            #expect(note.contains("apt-get install gnuplot-nox"))
            #expect(note.contains("BALLAST_GNUPLOT=/nonexistent"))
        }

        @Test func gnuplotFailureIsThrownWithItsMessage() throws {
            // A stand-in gnuplot that complains on stderr and exits 1, as gnuplot does on a script error.
            let directory = try plotTestDirectory("fail")
            let fake = directory.appendingPathComponent("fake gnuplot")
            try "#!/bin/sh\necho 'line 3: undefined variable: boom' >&2\nexit 1\n".write(
                to: fake, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
            let gnuplot = Gnuplot.fromEnvironment(["BALLAST_GNUPLOT": fake.path])
            let curve = BandedCurve(label: "a", x: [0], y: [0], lower: [0], upper: [0])
            #expect(throws: PlotError.gnuplotFailed(status: 1, message: "line 3: undefined variable: boom")) {
                try Figures.curves(
                    [curve], text: sampleText, probabilityAxis: true, in: directory, name: "f",
                    gnuplot: gnuplot)
            }
        }
    }
}
