import Foundation
import ScenarioSchema
import Simulation
import Studies

// libFuzzer entry point for Ballast's three text decoders.
//
// One binary serves all three; the environment variable BALLAST_FUZZ_TARGET picks the decoder
// (`scenario`, `study` or `csv`) once per process. Keeping the choice out of the input means that
// every corpus file and every saved crash is a plain YAML or CSV file that can be replayed through
// the normal API (or `ballast run`) as it is.
//
// A thrown error is the expected, clean refusal of a bad input. A failure is a crash, a trap, a
// hang (libFuzzer's -timeout), a sanitizer report, or an error whose description is not one line
// of at most `maxErrorBytes` bytes: the harness traps on the latter so that libFuzzer keeps the input.

/// The decoders this harness can drive.
enum Target: String, CaseIterable {
    case scenario, study, csv
}

/// Longest error description accepted, in UTF-8 bytes.
let maxErrorBytes = 500

/// The decoder chosen for this process (read once).
let target: Target = {
    let name = ProcessInfo.processInfo.environment["BALLAST_FUZZ_TARGET"] ?? ""
    guard let chosen = Target(rawValue: name) else {
        let names = Target.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(
            Data("ballast-fuzz: set BALLAST_FUZZ_TARGET to one of \(names) (got \"\(name)\")\n".utf8))
        exit(2)
    }
    return chosen
}()

/// A scratch folder holding the files that fuzzed documents may name by a relative path:
/// `prices.csv` (for `market: {model: replay, file: prices.csv}`) and `scenario.yaml` (for a
/// study's `scenario:` key, which must name an existing file).
let sandbox: String = {
    let folder = NSTemporaryDirectory() + "ballast-fuzz-\(getpid())"
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csv = "timestamp,open,high,low,close\n1,2000,2010,1990,2000\n2,2000,2005,1900,1950\n3,1950,1960,1500,1600\n"
        try csv.write(toFile: folder + "/prices.csv", atomically: true, encoding: .utf8)
        let scenario = "ticks: 10\nmarket: {model: gbm, initial_price: 2000, sigma: 0.01}\n"
        try scenario.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("ballast-fuzz: cannot prepare \(folder): \(error)\n".utf8))
        exit(2)
    }
    return folder
}()

/// With BALLAST_FUZZ_VERBOSE=1, each input's outcome is printed (for triage of a saved input).
let verbose = ProcessInfo.processInfo.environment["BALLAST_FUZZ_VERBOSE"] == "1"

func report(_ outcome: String) {
    if verbose { print("ballast-fuzz: \(target.rawValue): \(outcome)") }
}

/// Traps unless `description` is one line (no line feed or carriage return) of at most `maxErrorBytes` bytes.
func requireOneLine(_ description: String) {
    report("refused: \(description)")
    let bytes = description.utf8
    let breaksLine = bytes.contains(UInt8(ascii: "\n")) || bytes.contains(UInt8(ascii: "\r"))
    guard !breaksLine, bytes.count <= maxErrorBytes else {
        let problem = breaksLine ? "spans several lines" : "is \(bytes.count) bytes long (limit \(maxErrorBytes))"
        FileHandle.standardError.write(Data("ballast-fuzz: error description \(problem):\n\(description)\n".utf8))
        fatalError("error description is not one line of at most \(maxErrorBytes) bytes")
    }
}

func fuzzScenario(_ text: String) {
    do throws(ConfigError) {
        let document = try ConfigDocument.parse(text, file: "fuzz.yaml")
        let scenario = try Scenario.decode(document, directory: sandbox)
        report("accepted, \(scenario.ticks) ticks, \(scenario.agentCount) agents")
    } catch {
        requireOneLine(error.description)
    }
}

func fuzzStudy(_ text: String) {
    do throws(ConfigError) {
        let document = try ConfigDocument.parse(text, file: "fuzz-study.yaml")
        let study = try StudySpec.decode(document, folder: sandbox)
        report("accepted, \(study.parameters.count) parameters, \(study.replicates) replicates")
    } catch {
        requireOneLine(error.description)
    }
}

func fuzzCSV(_ text: String) {
    do throws(MarketError) {
        let series = try HistoricalReplay.series(csv: text, file: "fuzz.csv", column: "close")
        let replay = try HistoricalReplay(name: "ETH", series: series, source: "fuzz.csv", initialPrice: 1_000)
        report("accepted, \(replay.prices.count) prices")
    } catch {
        requireOneLine(error.description)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The loaders refuse text that is not UTF-8 before any decoding, so such inputs stop here too.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        report("skipped: not UTF-8")
        return 0
    }
    switch target {
    case .scenario: fuzzScenario(text)
    case .study: fuzzStudy(text)
    case .csv: fuzzCSV(text)
    }
    return 0
}
