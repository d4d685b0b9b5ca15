import Foundation
import Testing

@testable import Studies

extension PlotTests {
    @Suite struct Files {
        @Test func curvesDataIsExactText() throws {
            let directory = try plotTestDirectory("curves")
            let curves = [
                BandedCurve(
                    label: "reserve_fraction = 0.2", x: [0.1, 0.5], y: [0.25, 1], lower: [0.1, 0.75], upper: [0.5, 1]),
                BandedCurve(label: "it's\nhigh", x: [0.1], y: [.nan], lower: [0], upper: [.infinity]),
            ]
            let output = try Figures.curves(
                curves, text: sampleText, probabilityAxis: true, in: directory,
                name: "p run", gnuplot: missingGnuplot)
            // Numbers by Swift's description (1 → "1.0"); non-finite → "nan"; the label's newline → space.
            let expected = """
                # P(run) vs shock
                # One block per curve, separated by two blank lines (gnuplot: index 0, 1, ...).
                # x y lower upper
                # [0] reserve_fraction = 0.2
                0.1 0.25 0.1 0.5
                0.5 1.0 0.75 1.0


                # [1] it's high
                0.1 nan 0.0 nan

                """
            #expect(try readText(output.data) == expected)
            #expect(output.data.lastPathComponent == "p run.dat")
            let script = try readText(output.script)
            #expect(script.contains("data = 'p run.dat'"))
            #expect(script.contains("set output 'p run.'.fmt"))
            #expect(script.contains("set yrange [0:1]"))
            // The quote in the label is doubled inside gnuplot's single-quoted string.
            #expect(script.contains("title 'it''s high'"))
            #expect(script.contains("title 'shaded: 95% Wilson CI'"))
            #expect(script.contains("data index 1 using 1:3:4 with filledcurves lt 2"))
            #expect(!script.contains(directory.path))
            let names = quotedNames(in: script)
            #expect(names.contains("p run.dat") && names.contains("p run.gp"))
            #expect(names.allSatisfy { !$0.contains("/") })
        }

        @Test func curvesWithoutProbabilityAxisAutoscale() throws {
            let directory = try plotTestDirectory("auto")
            let curve = BandedCurve(label: "a", x: [1], y: [5], lower: [4], upper: [6])
            let output = try Figures.curves(
                [curve], text: sampleText, probabilityAxis: false, in: directory,
                name: "auto", gnuplot: missingGnuplot)
            let script = try readText(output.script)
            #expect(script.contains("set yrange [*:*]"))
            #expect(!script.contains("set yrange [0:1]"))
        }

        @Test func heatmapDataHasCellsAndEdges() throws {
            let directory = try plotTestDirectory("heat")
            // x = [0, 1, 3]: edges −0.5, 0.5, 2, 4 (midpoints, ends mirrored). y = [2]: lone value, edges 1.5, 2.5.
            let output = try Figures.heatmap(
                x: [0, 1, 3], y: [2], values: [[0, 0.5, 1]], text: sampleText,
                colorLabel: "P(run)", in: directory, name: "heat", gnuplot: missingGnuplot)
            let expected = """
                # P(run) vs shock
                # One line per cell, a blank line after each row of constant y.
                # x y value x_low x_high y_low y_high
                0.0 2.0 0.0 -0.5 0.5 1.5 2.5
                1.0 2.0 0.5 0.5 2.0 1.5 2.5
                3.0 2.0 1.0 2.0 4.0 1.5 2.5

                """
            #expect(try readText(output.data) == expected)
            let script = try readText(output.script)
            #expect(script.contains("set cbrange [0.0:1.0]"))
            #expect(script.contains("set cblabel 'P(run)'"))
            #expect(script.contains("set xrange [-0.5:4.0]"))
        }

        @Test func heatmapOutsideUnitIntervalSpansTheData() throws {
            let directory = try plotTestDirectory("heat2")
            let output = try Figures.heatmap(
                x: [0, 1], y: [0, 1], values: [[-2, 0], [1, 8]], text: sampleText,
                colorLabel: "bad debt (USD millions)", in: directory, name: "h",
                gnuplot: missingGnuplot)
            #expect(try readText(output.script).contains("set cbrange [-2.0:8.0]"))
        }

        @Test func fanDataHasMedianThenBands() throws {
            let directory = try plotTestDirectory("fan")
            let output = try Figures.fan(
                ticks: [0, 1], median: [10, 11],
                bands: [
                    (label: "25–75%", lower: [9, 10], upper: [11, 12]),
                    (label: "5–95%", lower: [8, 7], upper: [12, 15]),
                ],
                text: sampleText, in: directory, name: "fan", gnuplot: missingGnuplot)
            let expected = """
                # P(run) vs shock
                # band 1: 25–75%
                # band 2: 5–95%
                # tick median lower_1 upper_1 lower_2 upper_2
                0.0 10.0 9.0 11.0 8.0 12.0
                1.0 11.0 10.0 12.0 7.0 15.0

                """
            #expect(try readText(output.data) == expected)
            // Band 2 is wider (mean width 6 vs 2), so it is drawn first: columns 5:6 before 3:4.
            let script = try readText(output.script)
            let wide = try #require(script.range(of: "using 1:5:6"))
            let narrow = try #require(script.range(of: "using 1:3:4"))
            #expect(wide.lowerBound < narrow.lowerBound)
        }

        @Test func runSeriesPicksColumnsByName() throws {
            let directory = try plotTestDirectory("series")
            let csv = directory.appendingPathComponent("series.csv")
            // Columns reordered and one extra: the data file still follows the canonical order.
            let text = """
                extra,p_amm,tick,p_ext,reserve_usd,queue_usd,withdrawn_fraction,theta,liquidated_usd,bad_debt_usd,lp_share_in_pool
                9,1999.5,0,2000.0,33.0,0.0,0.0,0.05,0.0,0.0,1.0
                9,1900,1,1950.5,30.0,1.5,0.25,-0.01,2500000.0,1000.0,0.75

                """
            try text.write(to: csv, atomically: true, encoding: .utf8)
            let output = try Figures.runSeries(
                csv: csv, title: "run 0", in: directory, name: "run", gnuplot: missingGnuplot)
            let expected = """
                # run 0
                # From series.csv; USD columns in dollars, the script scales them.
                # tick p_ext p_amm reserve_usd queue_usd withdrawn_fraction theta liquidated_usd bad_debt_usd lp_share_in_pool
                0.0 2000.0 1999.5 33.0 0.0 0.0 0.05 0.0 0.0 1.0
                1.0 1950.5 1900.0 30.0 1.5 0.25 -0.01 2500000.0 1000.0 0.75

                """
            #expect(try readText(output.data) == expected)
            let script = try readText(output.script)
            #expect(script.contains("set xrange [0.0:1.0]"))
            #expect(script.contains("set xlabel 'tick (hours)'"))
            #expect(script.contains("set multiplot layout 4,1"))
        }

        @Test func sameInputGivesIdenticalFiles() throws {
            let first = try plotTestDirectory("det1")
            let second = try plotTestDirectory("det2")
            let curve = BandedCurve(label: "a", x: [0, 1], y: [0.5, 0.6], lower: [0.4, 0.5], upper: [0.6, 0.7])
            let a = try Figures.curves(
                [curve], text: sampleText, probabilityAxis: true, in: first, name: "c", gnuplot: missingGnuplot)
            let b = try Figures.curves(
                [curve], text: sampleText, probabilityAxis: true, in: second, name: "c", gnuplot: missingGnuplot)
            #expect(try Data(contentsOf: a.data) == Data(contentsOf: b.data))
            #expect(try Data(contentsOf: a.script) == Data(contentsOf: b.script))
            // Atomic writes leave no temporary files behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: first.path).sorted() == ["c.dat", "c.gp"])
        }
    }
}
