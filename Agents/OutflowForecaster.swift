import Stochastics

/// The predictive treasury's forecast: net deposit outflow over the next `horizon` ticks, as a fraction of
/// D₀, from a linear model fitted by least squares (``/Stochastics/LinearLeastSquares``) over a rolling
/// window of the ticks whose outcome is known.
///
/// Its regressors at tick t are on-chain signals seen at the start of the treasury's phase: a constant,
/// the outflow of tick t − 1, the withdrawal queue, the collateral's log-return over the last tick, its
/// EWMA volatility and the USD reserve's utilisation (``Signals``). The target of tick t's row is the sum
/// of the outflows of ticks t … t + horizon − 1, known at tick t + horizon; each forecast's error
/// (forecast − outcome) is known then too.
public struct OutflowForecaster: Sendable {
    /// One tick's regressors (without the constant).
    public struct Signals: Sendable, Equatable {
        /// The outflow of the previous tick, as a fraction of D₀.
        public var lastOutflow: Double
        /// The withdrawal queue, as a fraction of D₀.
        public var queue: Double
        /// The collateral's log-return over the last tick.
        public var logReturn: Double
        /// The collateral's EWMA volatility per √year.
        public var volatility: Double
        /// The USD reserve's utilisation.
        public var utilisation: Double
        /// Creates the signals of one tick.
        public init(lastOutflow: Double, queue: Double, logReturn: Double, volatility: Double, utilisation: Double) {
            self.lastOutflow = lastOutflow
            self.queue = queue
            self.logReturn = logReturn
            self.volatility = volatility
            self.utilisation = utilisation
        }
        var row: [Double] { [1, lastOutflow, queue, logReturn, volatility, utilisation] }
    }

    /// Regressors per row: the constant and the five signals.
    public static let columns = 6
    /// Ticks ahead the forecast covers.
    public let horizon: Int
    /// Completed rows the fit uses (the most recent).
    public let window: Int
    /// Rows of regressors, the latest last (at most window + horizon kept).
    private var rows: [[Double]] = []
    /// Each row's forecast (NaN when no fit was possible), parallel to ``rows``.
    private var forecasts: [Double] = []
    /// Outflow per tick, parallel to ``rows`` (filled in one tick late).
    private var outflows: [Double] = []
    /// The latest forecast, and the error of the latest fitted forecast whose outcome is known.
    public private(set) var forecast = 0.0
    public private(set) var lastError = 0.0
    /// Σ|error| and the count of errors so far.
    public private(set) var absoluteErrorSum = 0.0
    public private(set) var errorCount = 0

    /// Creates a forecaster; `horizon` ≥ 1 and `window` ≥ 2·``columns``.
    public init(horizon: Int, window: Int) {
        self.horizon = max(1, horizon)
        self.window = max(2 * Self.columns, window)
    }

    /// Folds in tick t: its signals (whose `lastOutflow` is the outflow of tick t − 1), refits and returns
    /// the forecast of the outflow over ticks t … t + horizon − 1 (0 until the window holds enough rows;
    /// never negative).
    public mutating func observe(_ s: Signals) -> Double {
        if !rows.isEmpty { outflows.append(s.lastOutflow) }
        let completed = outflows.count - horizon + 1
        // Row k's target is Σ outflows[k ..< k + horizon]; it is known once outflows reach k + horizon.
        if completed >= 1, !forecasts[completed - 1].isNaN {
            let k = completed - 1
            lastError = forecasts[k] - outflows[k..<(k + horizon)].reduce(0, +)
            absoluteErrorSum += abs(lastError)
            errorCount += 1
        }
        rows.append(s.row)
        let n = min(window, max(0, completed))
        forecast = 0
        var fitted = false
        if n >= 2 * Self.columns,
            let f = Self.fitAndPredict(rows[(completed - n)..<completed], targets(completed - n, n), s.row)
        {
            forecast = max(0, f)
            fitted = true
        }
        // Errors are scored only for fitted forecasts, not for the zeros of the warm-up.
        forecasts.append(fitted ? forecast : .nan)
        trim()
        return forecast
    }

    /// The targets of rows `first ..< first + n`.
    private func targets(_ first: Int, _ n: Int) -> [Double] {
        (first..<(first + n)).map { k in outflows[k..<(k + horizon)].reduce(0, +) }
    }

    /// Fits `targets` on `rows` and predicts at `x`. Each signal is standardised over the window, and a
    /// signal that did not vary in it is left out (it would only repeat the constant), so the design keeps
    /// full rank and comparable scales.
    static func fitAndPredict(_ rows: ArraySlice<[Double]>, _ targets: [Double], _ x: [Double]) -> Double? {
        let n = Double(rows.count)
        var kept: [(column: Int, mean: Double, sd: Double)] = []
        for j in 1..<columns {
            let mean = rows.reduce(0) { $0 + $1[j] } / n
            let sd = (rows.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / n).squareRoot()
            if sd > 1e-9 * max(1, abs(mean)) { kept.append((j, mean, sd)) }
        }
        func standardised(_ row: [Double]) -> [Double] { [1] + kept.map { (row[$0.column] - $0.mean) / $0.sd } }
        var design: [Double] = []
        design.reserveCapacity(rows.count * (kept.count + 1))
        for row in rows { design += standardised(row) }
        guard let fit = try? LinearLeastSquares.fit(design: design, columns: kept.count + 1, response: targets)
        else { return nil }
        let f = fit.predict(standardised(x))
        return f.isFinite ? f : nil
    }

    /// Drops rows no fit or error will need again.
    private mutating func trim() {
        let keep = window + horizon + 1
        let drop = rows.count - keep
        guard drop > 64 else { return }
        rows.removeFirst(drop)
        forecasts.removeFirst(drop)
        outflows.removeFirst(min(drop, outflows.count))
    }
}
