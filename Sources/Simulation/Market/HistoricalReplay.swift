import Stochastics

/// Replays a historical price series, one row per tick: tick t gets row t (tick 0 the first row).
///
/// With `initial_price` set, the whole series is rescaled by p0 / (first price), keeping every
/// return of the original. Draws no random numbers.
///
/// Scenario keys: `name` (the asset name), `file` (a CSV path), `column` (default `close`),
/// `initial_price` (p0 > 0, optional), `after_end` (`hold_last`, the default: keep the last price
/// once the rows run out; or `error`: `validate(tickCount:)` rejects a run longer than the series).
/// In a `MultiAssetMarket` each replayed asset is one `HistoricalReplay`; several may replay several
/// columns of one CSV, which the scenario decoder reads once.
public struct HistoricalReplay: MarketProcess, Equatable {
    /// What to do once the run is longer than the series.
    public enum AfterEnd: String, Sendable, Equatable, CaseIterable {
        /// Keep the last price for every later tick.
        case holdLast = "hold_last"
        /// Refuse, before the run starts, a run longer than the series.
        case error
    }

    public let name: String
    /// Where the series came from (the file path, or a label for an in-memory series).
    public let source: String
    public let column: String
    /// The series as replayed, after rescaling.
    public let prices: [Double]
    public let afterEnd: AfterEnd

    public var assetNames: [String] { [name] }

    /// Loads `column` of the CSV `file`.
    /// - Throws: `MarketError.unreadableFile` for a missing file, `.badCSV` (naming file, line and column)
    ///   for a missing column or a price that is not a finite number > 0, `.invalidParameter` for bad options.
    public init(
        name: String, file: String, column: String = "close", initialPrice: Double? = nil,
        afterEnd: AfterEnd = .holdLast
    ) throws(MarketError) {
        try self.init(
            name: name, series: try PriceSeriesCSV.read(file: file, column: column), source: file,
            column: column, initialPrice: initialPrice, afterEnd: afterEnd)
    }

    /// Reads `column` of CSV text in the format of a price-series file; `file` names the source in errors.
    /// - Throws: `MarketError.badCSV` as for a file (missing header or column, a bad or non-positive price).
    public static func series(csv text: String, file: String, column: String = "close") throws(MarketError) -> [Double]
    {
        try PriceSeriesCSV.parse(text, file: file, column: column)
    }

    /// Replays an in-memory series (already validated or from a test).
    public init(
        name: String, series: [Double], source: String = "inline series", column: String = "close",
        initialPrice: Double? = nil, afterEnd: AfterEnd = .holdLast
    ) throws(MarketError) {
        guard !name.isEmpty else {
            throw .invalidParameter(name: "name", value: "\"\"", expected: "a non-empty asset name")
        }
        guard !series.isEmpty else {
            throw .invalidParameter(name: "series", value: "[]", expected: "at least one price")
        }
        for (i, p) in series.enumerated() { try MarketCheck.positive("series[\(i)]", p) }
        var scaled = series
        if let p0 = initialPrice {
            try MarketCheck.positive("initial_price", p0)
            let scale = p0 / series[0]
            scaled = series.map { $0 * scale }
            scaled[0] = p0  // exact, whatever the rounding of p0 / s0 · s0
            if let i = scaled.firstIndex(where: { !($0.isFinite && $0 >= 1e-12 && $0 <= 1e12) }) {
                throw .invalidParameter(
                    name: "initial_price", value: "\(p0)",
                    expected: "a rescale that keeps every price in [1e-12, 1e12] (row \(i + 1) becomes \(scaled[i]))")
            }
        }
        self.name = name
        self.source = source
        self.column = column
        self.prices = scaled
        self.afterEnd = afterEnd
    }

    public func initialState() -> MarketState {
        MarketState(prices: [prices[0]], frozen: [false], regime: 0, variances: [0])
    }

    public func advance(_ state: inout MarketState, tick: Int, rng: inout RandomStream) {
        // Past the end `validate(tickCount:)` has already refused `.error`, so holding is the only case left.
        state.prices[0] = prices[min(max(tick, 0), prices.count - 1)]
    }

    /// - Throws: `MarketError.seriesTooShort` when `after_end` is `error` and the run has more ticks than rows.
    public func validate(tickCount: Int) throws(MarketError) {
        if afterEnd == .error, tickCount > prices.count {
            throw .seriesTooShort(file: source, rows: prices.count, ticks: tickCount)
        }
    }
}
