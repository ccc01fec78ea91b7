import Foundation
@testable import GLPK
import LinearProgramming
import Synchronization
import Testing

/// GLPK's state is per thread: solves on separate threads must not interfere.
@Suite("Parallel solves")
struct ParallelSolveTests {
    /// Runs `work` on `count` separate threads at once and returns the results in order.
    func onThreads<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] {
        let results = Mutex<[Int: T]>([:])
        let group = DispatchGroup()
        for k in 0..<count {
            group.enter()
            let thread = Thread {
                let value = work(k)
                results.withLock { $0[k] = value }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return results.withLock { all in (0..<count).compactMap { all[$0] } }
    }

    @Test("8 threads solving the same LP and MIP get identical results")
    func identicalResults() throws {
        let lp = try ModelFiles.read(TestModels.path("netlib/e226.mps.gz"), format: .fixedMPS)
        let mip = try ModelFiles.read(TestModels.path("miplib3/misc03.mps.gz"), format: .freeMPS)
        let reference = try (GLPKSolver().solve(lp), GLPKSolver().solve(mip))
        let results = onThreads(8) { _ -> ([Double], Double?, [Double], Double?)? in
            guard let a = try? GLPKSolver().solve(lp), let b = try? GLPKSolver().solve(mip) else { return nil }
            return (a.values, a.objective, b.values, b.objective)
        }
        #expect(results.count == 8)
        for r in results {
            let r = try #require(r)
            #expect(r.0 == reference.0.values) // bit for bit
            #expect(r.1 == reference.0.objective)
            #expect(r.2 == reference.1.values)
            #expect(r.3 == reference.1.objective)
        }
    }

    @Test("errors caught on some threads do not disturb solves on others")
    func errorsOnOtherThreads() throws {
        let outcomes = onThreads(8) { k -> Double? in
            var last: Double?
            for _ in 0..<20 {
                if k % 2 == 0 {
                    _ = GLPKSolver.triggerFatalErrorForTesting()
                } else {
                    last = try? GLPKSolver().solve(TestModels.knapsack).objective
                }
            }
            return k % 2 == 0 ? 21 : last
        }
        #expect(outcomes == Array(repeating: 21, count: 8))
    }
}
