import BallastTestSupport
import Foundation
import Testing

/// The `BallastAllocationCounter` interposer behind `ballast bench --allocations`.
@Suite("Allocation counter")
struct AllocationCounterTests {
    static let library = BallastBinary.url.deletingLastPathComponent()
        .appendingPathComponent("libBallastAllocationCounter.so")

    /// Loaded (not preloaded) into the test process, its malloc and free count exactly the calls made to them.
    @Test func theCounterCountsEachCallToItsMallocFamily() throws {
        let handle = try #require(dlopen(Self.library.path, RTLD_NOW | RTLD_LOCAL), "\(Self.library.path)")
        defer { dlclose(handle) }
        typealias Count = @convention(c) () -> UInt64
        typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
        typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
        let allocations = unsafeBitCast(try #require(dlsym(handle, "ballast_allocations")), to: Count.self)
        let frees = unsafeBitCast(try #require(dlsym(handle, "ballast_frees")), to: Count.self)
        let malloc = unsafeBitCast(try #require(dlsym(handle, "malloc")), to: Malloc.self)
        let free = unsafeBitCast(try #require(dlsym(handle, "free")), to: Free.self)
        let (a0, f0) = (allocations(), frees())
        let blocks = (0..<37).map { malloc(16 + $0) }
        for b in blocks { free(b) }
        free(nil)
        #expect(allocations() - a0 == 37)
        #expect(frees() - f0 == 37)
    }

    /// Preloaded into `ballast bench --allocations`: it counts the run's allocations, and the count does not
    /// grow with the depositor population (the depositor phase allocates nothing per agent-step).
    @Test func theDepositorPhaseDoesNotAllocatePerAgentStep() throws {
        let r = try BallastBinary.run([
            "bench", "experiments/reference/reference.yaml", "--allocations", "--json", "--no-parallel",
            "--replicates", "1", "--set", "ticks=40", "--set", "market.shock.size=0", "--allocation-counts", "500,5000",
        ])
        // A sanitizer build (scripts/sanitizers.sh) defines malloc in the executable itself: bench refuses.
        if dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil {
            #expect(r.status == 2 && r.stderr.contains("built with a sanitizer"), "\(r.stderr)")
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let perReplicate = try #require(json["allocations_per_replicate"] as? Double)
        let perDepositorStep = try #require(json["allocations_per_depositor_step"] as? Double)
        #expect(perReplicate > 1_000, "a replicate builds its world on the heap: \(perReplicate)")
        // One allocation per depositor-step would read 1; a per-tick cost reads 0.
        #expect(abs(perDepositorStep) < 0.001, "\(perDepositorStep) allocations per depositor-step")
    }

    @Test func aSlopeNeedsTwoDifferentCounts() throws {
        for counts in ["5000", "5000,5000", "0,10"] {
            let r = try BallastBinary.run(["bench", "--allocations", "--allocation-counts", counts])
            #expect(r.status == 2 && r.stderr.contains("--allocation-counts: expected"), "\(counts): \(r.stderr)")
        }
    }
}
