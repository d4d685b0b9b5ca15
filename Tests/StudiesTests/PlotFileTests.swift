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

        @Test func heatmapDataHasCellsAndIndices() throws {
            let directory = try plotTestDirectory("heat")
            // x = [0, 1, 3]: uneven levels, drawn at indices 0, 1, 2. y = [2]: a lone level at index 0.
            let output = try Figures.heatmap(
                x: [0, 1, 3], y: [2], values: [[0, 0.5, 1]], text: sampleText,
                colorLabel: "P(run)", in: directory, name: "heat", gnuplot: missingGnuplot)
            let expected = """
                # P(run) vs shock
                # One line per cell, a blank line after each row of constant y.
                # The cell is drawn at (x_index, y_index); x and y are the levels the tics name.
                # x y value x_index y_index
                0.0 2.0 0.0 0 0
                1.0 2.0 0.5 1 0
                3.0 2.0 1.0 2 0

                """
            #expect(try readText(output.data) == expected)
            let script = try readText(output.script)
            #expect(script.contains("set cbrange [0.0:1.0]"))
            #expect(script.contains("set cblabel 'P(run)'"))
            #expect(script.contains("set xrange [-0.5:2.5]"))
            #expect(script.contains("set yrange [-0.5:0.5]"))
            #expect(script.contains("set xtics ('0' 0, '1' 1, '3' 2)"))
            #expect(script.contains("set ytics ('2' 0)"))
        }

        /// Log-spaced levels (the global-games precisions 10, 100, 1000) get equal cells centred on
        /// 0, 1, 2, with the levels as tic labels and the printed values at the cell centres. Drawing
        /// cells at their values made the 10 row a sliver and ran the axis below 0.
        @Test func heatmapPlacesLogSpacedLevelsByIndex() throws {
            let directory = try plotTestDirectory("heat-log")
            let output = try Figures.heatmap(
                x: [0.3, 0.4, 0.5], y: [10, 100, 1000],
                values: [[0.9, 0.8, 0.5], [0.8, 0.7, 0.5], [0.8, 0.7, 0.4]], text: sampleText,
                colorLabel: "P(run)", in: directory, name: "heat", gnuplot: missingGnuplot)
            let script = try readText(output.script)
            #expect(script.contains("set yrange [-0.5:2.5]"))
            #expect(script.contains("set ytics ('10' 0, '100' 1, '1000' 2)"))
            #expect(script.contains("set xrange [-0.5:2.5]"))
            #expect(script.contains("set xtics ('0.3' 0, '0.4' 1, '0.5' 2)"))
            // Cells and labels both at (x_index, y_index): columns 4 and 5, half a unit either side.
            #expect(script.contains("data using 4:5:(0.5):(0.5):3 with boxxyerror fc palette"))
            #expect(script.contains("data using 4:5:(sprintf('%.2f', $3))"))
            // Nothing is placed at the level values themselves.
            #expect(!script.contains("using 1:2"))
            #expect(!script.contains("1450"))
            let rows = try readText(output.data).split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            #expect(rows.first == "0.3 10.0 0.9 0 0")
            #expect(rows.last == "0.5 1000.0 0.4 2 2")
        }

        /// Many levels: every level keeps a tic, but only every k-th is labelled (at most 15 labels).
        @Test func heatmapWithManyLevelsLabelsEveryKthTic() throws {
            let directory = try plotTestDirectory("heat-many")
            let x = (0..<40).map { Double($0) / 4 }
            let output = try Figures.heatmap(
                x: x, y: [1e-6, 1e6], values: [x.map { $0 }, x.map { -$0 }], text: sampleText,
                colorLabel: "v", in: directory, name: "heat", gnuplot: missingGnuplot)
            let script = try readText(output.script)
            // 40 levels, at most 15 labels: every third (0, 0.75, 1.5, …), the rest unlabelled minor tics.
            #expect(script.contains("set xtics ('0' 0, '' 1 1, '' 2 1, '0.75' 3, "))
            #expect(script.contains("'9.75' 39)"))
            #expect(script.contains("set xrange [-0.5:39.5]"))
            #expect(script.contains("set ytics ('1e-6' 0, '1e6' 1)"))
            // 80 cells: values still printed, at the cell centres.
            #expect(script.contains("data using 4:5:(sprintf('%.3g', $3))"))
        }

        @Test func levelLabelsAreCompact() {
            let cases: [(Double, String)] = [
                (10, "10"), (1000, "1000"), (0.005, "0.005"), (0.30000000000000004, "0.3"), (0, "0"),
                (-0.0, "0"), (-2.5, "-2.5"), (1e6, "1e6"), (2.5e-5, "2.5e-5"), (123_456_789, "1.23457e8"),
                (1e100, "1e100"), (.nan, "nan"),
            ]
            for (value, label) in cases { #expect(GnuplotText.level(value) == label) }
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
