import Foundation
import Stochastics
import Testing

@testable import Simulation

/// The bytes of a few reference outcomes and one series, pinned: an optimisation must leave them exactly as
/// they are (ARCHITECTURE.md's determinism contract). A change that means to move them — a model change, a
/// new stream — re-pins them in the same commit and says why, with the cross-check
/// (`experiments/reference/crosscheck/`) showing the outcome distribution unchanged where it should be.
@Suite("Pinned reference outcomes")
struct PinnedOutcomeTests {
    /// The reference scenario cut to 320 ticks (the 30% shock at tick 200 stays in).
    static let pins: [(replicate: UInt64, outcome: String, series: String)] = [
        (0, "8a6d140a8585e9bb", "375ae9f34a1eccb"),
        (1, "b8d4734baf382488", "45eab1360cb65a6d"),
        (2, "ba1bd6df85d4b460", "23e4c63abe7a9af9"),
    ]

    static func hex(_ data: Data) -> String {
        String(stableHash(String(decoding: data, as: UTF8.self)), radix: 16)
    }

    @Test func outcomesAndSeriesKeepTheirBytes() async throws {
        let s = try TestSupport.scenario(ticks: 320)
        for pin in Self.pins {
            let r = try await Engine(scenario: s).run(seed: s.seed, replicate: pin.replicate)
            let outcome = Self.hex(try RunWriter.encode(r.outcome))
            let series = Self.hex(Data(r.series.map(\.csvLine).joined(separator: "\n").utf8))
            #expect(outcome == pin.outcome, "replicate \(pin.replicate): outcome.json hash")
            #expect(series == pin.series, "replicate \(pin.replicate): series hash")
        }
    }
}
