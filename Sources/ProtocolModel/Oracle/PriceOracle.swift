/// A push price feed in the style of Chainlink: it publishes the source price when it deviates from the
/// last published value by at least ``deviationThreshold`` or when ``heartbeat`` ticks have passed, and
/// each publication lands ``updateDelay`` ticks after the observation it carries. It can go stale (no
/// publication for longer than the heartbeat) and it can be manipulated (a forced published value).
public struct PriceOracle: Sendable, Equatable {
    /// Last published price.
    public private(set) var price: Double
    /// Tick at which ``price`` was published.
    public private(set) var lastUpdateTick: Int
    /// Relative deviation that triggers an update, e.g. 0.005 = 0.5%.
    public let deviationThreshold: Double
    /// Maximum ticks between updates while the feed is live.
    public let heartbeat: Int
    /// Ticks between observing a source price and publishing it.
    public let updateDelay: Int
    /// An observation waiting to be published: (observed price, publish tick).
    public private(set) var pending: (price: Double, publishTick: Int)?
    /// When true the feed is halted (a stale feed): it ignores the source until resumed.
    public var halted: Bool = false

    /// Creates a feed that published `price` at `tick`.
    /// - Throws: ``ProtocolError/invalidAmount(_:)`` unless price > 0, threshold ≥ 0, heartbeat ≥ 1, delay ≥ 0.
    public init(
        price: Double, tick: Int = 0, deviationThreshold: Double = 0.005, heartbeat: Int = 24,
        updateDelay: Int = 0
    ) throws(ProtocolError) {
        try _requireAmount("price", price)
        try _requireAmount("deviationThreshold", deviationThreshold, positive: false)
        guard heartbeat >= 1 else { throw .invalidAmount("heartbeat = \(heartbeat), expected ≥ 1") }
        guard updateDelay >= 0 else { throw .invalidAmount("updateDelay = \(updateDelay), expected ≥ 0") }
        self.price = price
        self.lastUpdateTick = tick
        self.deviationThreshold = deviationThreshold
        self.heartbeat = heartbeat
        self.updateDelay = updateDelay
    }

    public static func == (l: PriceOracle, r: PriceOracle) -> Bool {
        l.price == r.price && l.lastUpdateTick == r.lastUpdateTick && l.deviationThreshold == r.deviationThreshold
            && l.heartbeat == r.heartbeat && l.updateDelay == r.updateDelay && l.halted == r.halted
            && l.pending?.price == r.pending?.price && l.pending?.publishTick == r.pending?.publishTick
    }

    /// Observes the source price at `tick`: publishes a due pending observation, then stages a new one
    /// if the deviation or heartbeat trigger fires. Returns true when a new price was published.
    @discardableResult
    public mutating func observe(sourcePrice: Double, tick: Int) -> Bool {
        guard !halted, sourcePrice > 0, sourcePrice.isFinite else { return false }
        var published = false
        if let p = pending, tick >= p.publishTick {
            price = p.price
            lastUpdateTick = tick
            pending = nil
            published = true
        }
        let reference = pending?.price ?? price
        let deviates = abs(sourcePrice / reference - 1) >= deviationThreshold
        let beat = tick - lastUpdateTick >= heartbeat
        if pending == nil, deviates || beat {
            if updateDelay == 0 {
                price = sourcePrice
                lastUpdateTick = tick
                published = true
            } else {
                pending = (sourcePrice, tick + updateDelay)
            }
        }
        return published
    }

    /// True when nothing was published for longer than the heartbeat.
    public func isStale(at tick: Int) -> Bool { tick - lastUpdateTick > heartbeat }

    /// Forces the published price (an oracle manipulation or a bad report), dropping any pending update.
    public mutating func manipulate(to forced: Double, tick: Int) {
        guard forced > 0, forced.isFinite else { return }
        price = forced
        lastUpdateTick = tick
        pending = nil
    }
}
