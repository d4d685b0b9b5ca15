import Foundation
import Stochastics
import Testing

@testable import Simulation

extension MarketTests {
    @Suite struct MarketReplayTests {
        static let blackThursday = MarketTestSupport.repositoryData("eth-usd-2020-03-black-thursday.csv")

        /// Writes `text` to a fresh temporary CSV and returns its path.
        static func tempCSV(_ text: String, _ name: String) throws -> String {
            let dir = FileManager.default.temporaryDirectory
                .appendingPathComponent("ballast-market-tests-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        @Test func blackThursdayCloses() throws {
            // From the file: 96 hourly rows, first close 202.31 (2020-03-11T00:00Z), minimum close 97.63,
            // and (data/README.md) a −51.8% fall on closes from 202.47: 97.63/202.47 − 1 = −0.5178.
            let replay = try HistoricalReplay(name: "ETH", file: Self.blackThursday)
            #expect(replay.prices.count == 96)
            #expect(replay.prices.first == 202.31)
            #expect(replay.prices.min() == 97.63)
            #expect(abs(97.63 / 202.47 - 1 - (-0.518)) < 0.001)
            var rng = RandomStream(seed: 1, purpose: "m")
            var s = replay.initialState()
            #expect(s.prices == [202.31] && s.frozen == [false] && s.variances == [0])
            var lowest = s.prices[0]
            for t in 1...120 {
                replay.advance(&s, tick: t, rng: &rng)
                lowest = min(lowest, s.prices[0])
                if t >= 95 { #expect(s.prices[0] == replay.prices[95]) }  // held after the last row
            }
            #expect(lowest == 97.63)
        }

        @Test func otherColumnAndRescaling() throws {
            // The README's minimum low is 86.62; rescaled so p0 = 2000, the minimum close is 2000·97.63/202.31.
            let lows = try HistoricalReplay(name: "ETH", file: Self.blackThursday, column: "low")
            #expect(lows.prices.min() == 86.62)
            let scaled = try HistoricalReplay(name: "ETH", file: Self.blackThursday, initialPrice: 2_000)
            #expect(scaled.prices[0] == 2_000)
            #expect(abs(scaled.prices.min()! - 2_000 * 97.63 / 202.31) < 1e-9)
        }

        @Test func afterEndPolicy() throws {
            let hold = try HistoricalReplay(name: "ETH", file: Self.blackThursday)
            try hold.validate(tickCount: 1_000)
            let strict = try HistoricalReplay(name: "ETH", file: Self.blackThursday, afterEnd: .error)
            try strict.validate(tickCount: 96)
            #expect(throws: MarketError.seriesTooShort(file: Self.blackThursday, rows: 96, ticks: 97)) {
                try strict.validate(tickCount: 97)
            }
            let wrapped = try MarketModel.with(.replay(strict), shocks: [.freezeOracle(asset: 0, from: 1, to: 2)])
            #expect(throws: MarketError.self) { try wrapped.validate(tickCount: 97) }
        }

        @Test func missingFileIsNamed() {
            let path = "/nonexistent/ballast/eth.csv"
            #expect(throws: MarketError.unreadableFile(file: path, reason: "no such file")) {
                try HistoricalReplay(name: "ETH", file: path)
            }
        }

        @Test func missingColumnNamesFileLineAndColumn() throws {
            let path = try Self.tempCSV("timestamp,open,high,low,close\nx,1,1,1,1\n", "no-price.csv")
            do {
                _ = try HistoricalReplay(name: "ETH", file: path, column: "price")
                Issue.record("expected an error")
            } catch {
                #expect(error.description.hasPrefix("\(path):1: column 'price': no such column"), "\(error)")
            }
        }

        @Test func badValuesNameTheLine() throws {
            // Line 1 is the header; the bad cells sit on lines 3, 4 and 5 (a blank line 4 is skipped in the third file).
            let text = "timestamp,open,high,low,close,volume\n"
            let nonNumeric = try Self.tempCSV(text + "a,1,1,1,202.31,5\nb,1,1,1,abc,5\n", "nan.csv")
            #expect(
                throws: MarketError.badCSV(file: nonNumeric, line: 3, column: "close", problem: "not a number: 'abc'")
            ) {
                try HistoricalReplay(name: "ETH", file: nonNumeric)
            }
            let zero = try Self.tempCSV(text + "a,1,1,1,2,5\nb,1,1,1,3,5\nc,1,1,1,0,5\n", "zero.csv")
            #expect(
                throws: MarketError.badCSV(
                    file: zero, line: 4, column: "close",
                    problem: "a price must be a finite number > 0, got 0")
            ) {
                try HistoricalReplay(name: "ETH", file: zero)
            }
            let short = try Self.tempCSV(text + "a,1,1,1,2,5\r\nb,1,1,1,3,5\r\n\r\nc,1,1\r\n", "short.csv")
            do {
                _ = try HistoricalReplay(name: "ETH", file: short)
                Issue.record("expected an error")
            } catch {
                #expect(error.description == "\(short):5: column 'close': the row has 3 fields but the header has 6")
            }
            let ok = try HistoricalReplay(
                name: "ETH", file: try Self.tempCSV(text + "a,1,1,1,2,5\r\nb,1,1,1,3,5\r\n", "ok.csv"))
            #expect(ok.prices == [2, 3])
        }

        @Test func aLongHeaderGivesAOneLineError() throws {
            // Found by the fuzzer (Fuzz/Regressions/csv/long-header-in-error.csv): the message lists the
            // header, which made it as long as the header; it is now clipped in the middle to 500 bytes.
            let header = "timestamp," + (0..<200).map { "open\($0)" }.joined(separator: ",")
            let path = try Self.tempCSV(header + "\n1,2\n", "long-header.csv")
            do {
                _ = try HistoricalReplay(name: "ETH", file: path)
                Issue.record("expected an error")
            } catch {
                #expect(error.description.utf8.count <= 500, "\(error.description.utf8.count) bytes")
                #expect(
                    error.description.hasPrefix(
                        "\(path):1: column 'close': no such column in the header (it has: timestamp, open0,"))
                #expect(error.description.hasSuffix(", open199)") && error.description.contains(" … "))
            }
        }

        @Test func seriesFromTextReadsLikeAFile() throws {
            let text = "timestamp,close\r\n1,10\r\n\r\n2, 11 \r\n"
            #expect(try HistoricalReplay.series(csv: text, file: "t.csv") == [10, 11])
            #expect(try HistoricalReplay(name: "ETH", file: try Self.tempCSV(text, "crlf.csv")).prices == [10, 11])
            #expect(
                throws: MarketError.badCSV(
                    file: "t.csv", line: 1, column: "price",
                    problem: "no such column in the header (it has: timestamp, close)")
            ) {
                try HistoricalReplay.series(csv: text, file: "t.csv", column: "price")
            }
        }

        @Test func emptyFiles() throws {
            let empty = try Self.tempCSV("", "empty.csv")
            #expect(throws: MarketError.self) { try HistoricalReplay(name: "ETH", file: empty) }
            let headerOnly = try Self.tempCSV("timestamp,close\n", "header.csv")
            #expect(
                throws: MarketError.badCSV(
                    file: headerOnly, line: 2, column: "close",
                    problem: "the file has a header but no data rows")
            ) {
                try HistoricalReplay(name: "ETH", file: headerOnly)
            }
        }
    }
}

/// The replayed data is part of the scenario: its hash (recorded in run manifests and study stores)
/// changes when the CSV changes, even if the YAML does not.
@Suite struct ReplayHashTests {
    @Test func editingTheDataFileChangesTheScenarioHash() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-replay-hash-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("s.yaml")
        let base = try String(
            contentsOf: TestSupport.root.appendingPathComponent("Tests/SimulationTests/Fixtures/good-tiny.yaml"),
            encoding: .utf8
        )
        .replacingOccurrences(
            of: "  model: gbm\n  initial_price: 2000\n  sigma: 0.01\n",
            with: "  model: replay\n  file: prices.csv\n")
        try Data(base.utf8).write(to: yaml)
        func hash(_ prices: [String]) throws -> String {
            try Data(
                ("timestamp,close\n" + prices.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n"))
                    .utf8
            )
            .write(to: dir.appendingPathComponent("prices.csv"))
            return try Scenario.load(path: yaml.path).contentHash
        }
        let a = try hash(["2000", "1990", "1985"])
        let b = try hash(["2000", "1990", "1984"])
        let c = try hash(["2000", "1990", "1985"])
        #expect(a != b && a == c)
    }
}
