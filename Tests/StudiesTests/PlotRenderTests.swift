import Foundation
import Testing

@testable import Studies

extension PlotTests {
    /// Needs gnuplot (CI installs gnuplot-nox); skipped without it.
    @Suite(.enabled(if: Figures.gnuplotAvailable, "gnuplot is not installed"))
    struct Render {
        static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

        func expectImages(_ output: PlotOutput) throws {
            let png = try Data(contentsOf: try #require(output.png))
            #expect(Array(png.prefix(8)) == Self.pngSignature)
            let svg = try readText(try #require(output.svg))
            #expect(svg.contains("<svg"))
            #expect(output.note == nil, "unexpected gnuplot warnings: \(output.note ?? "")")
        }

        @Test func curves() throws {
            try expectImages(
                Figures.curves(
                    PlotExamples.curves, text: PlotExamples.curvesText, probabilityAxis: true,
                    in: plotTestDirectory("render"), name: "curves"))
        }

        @Test func heatmap() throws {
            let (x, y, values) = PlotExamples.heatmap
            try expectImages(
                Figures.heatmap(
                    x: x, y: y, values: values, text: PlotExamples.heatmapText,
                    colorLabel: "P(run)", in: plotTestDirectory("render"), name: "heat"))
        }

        @Test func fan() throws {
            let fan = PlotExamples.fan
            try expectImages(
                Figures.fan(
                    ticks: fan.ticks, median: fan.median, bands: fan.bands,
                    text: PlotExamples.fanText, in: plotTestDirectory("render"), name: "fan"))
        }

        @Test func runSeries() throws {
            let directory = try plotTestDirectory("render")
            let csv = try PlotExamples.writeSeries(in: directory)
            try expectImages(Figures.runSeries(csv: csv, title: "example run", in: directory, name: "run"))
        }

        @Test func imagesAreByteIdenticalAcrossRuns() throws {
            let first = try Figures.curves(
                PlotExamples.curves, text: PlotExamples.curvesText, probabilityAxis: true,
                in: plotTestDirectory("det"), name: "c")
            let second = try Figures.curves(
                PlotExamples.curves, text: PlotExamples.curvesText, probabilityAxis: true,
                in: plotTestDirectory("det"), name: "c")
            #expect(try Data(contentsOf: #require(first.png)) == Data(contentsOf: #require(second.png)))
            #expect(try Data(contentsOf: #require(first.svg)) == Data(contentsOf: #require(second.svg)))
        }

        /// Draws one example of each figure into the folder named by BALLAST_PLOT_EXAMPLES, to look at.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["BALLAST_PLOT_EXAMPLES"] != nil))
        func examples() throws {
            let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["BALLAST_PLOT_EXAMPLES"] ?? "")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let (x, y, values) = PlotExamples.heatmap
            let fan = PlotExamples.fan
            try expectImages(
                Figures.curves(
                    PlotExamples.curves, text: PlotExamples.curvesText, probabilityAxis: true,
                    in: directory, name: "curves"))
            try expectImages(
                Figures.curves(
                    [PlotExamples.curves[1]], text: PlotExamples.curvesText,
                    probabilityAxis: true, in: directory, name: "curve"))
            try expectImages(
                Figures.heatmap(
                    x: x, y: y, values: values, text: PlotExamples.heatmapText,
                    colorLabel: "P(run)", in: directory, name: "heatmap"))
            try expectImages(
                Figures.fan(
                    ticks: fan.ticks, median: fan.median, bands: fan.bands,
                    text: PlotExamples.fanText, in: directory, name: "fan"))
            let csv = try PlotExamples.writeSeries(in: directory)
            try expectImages(
                Figures.runSeries(
                    csv: csv, title: "Run series: 30% shock, reserve_fraction = 0.1",
                    in: directory, name: "run"))
        }
    }
}
