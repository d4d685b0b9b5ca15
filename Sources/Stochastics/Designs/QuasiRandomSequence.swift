import CGSL

/// A low-discrepancy sequence in [0, 1)^d from GSL's `gsl_qrng`.
///
/// Sobol (Antonov–Saleev variant, up to 40 dimensions) and Halton (up to 1229).
/// GSL's Sobol sequence omits the all-zero first point, so it starts at (0.5, 0.5, …).
public final class QuasiRandomSequence {
    /// Which sequence.
    public enum Kind: String, Sendable, CaseIterable {
        case sobol, halton

        var maxDimension: Int { self == .sobol ? 40 : 1229 }
    }

    public let kind: Kind
    public let dimension: Int
    private let q: UnsafeMutablePointer<gsl_qrng>

    public init(_ kind: Kind, dimension: Int) throws(StochasticsError) {
        guard dimension >= 1, dimension <= kind.maxDimension else {
            throw .invalidParameter(
                name: "dimension", value: "\(dimension)",
                expected: "an integer in 1...\(kind.maxDimension) for \(kind.rawValue)")
        }
        GSLRuntime.ensureReady()
        let type = kind == .sobol ? cgsl_qrng_sobol() : cgsl_qrng_halton()
        guard let q = gsl_qrng_alloc(type, UInt32(dimension)) else {
            throw .gsl(status: Int32(GSL_ENOMEM), reason: "allocation failed", during: "gsl_qrng_alloc")
        }
        self.kind = kind
        self.dimension = dimension
        self.q = q
    }

    deinit { gsl_qrng_free(q) }

    /// The next point of the sequence.
    public func next() -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        point.withUnsafeMutableBufferPointer { _ = gsl_qrng_get(q, $0.baseAddress) }
        return point
    }

    /// The next `count` points.
    public func points(_ count: Int) -> [[Double]] {
        (0..<max(0, count)).map { _ in next() }
    }
}
