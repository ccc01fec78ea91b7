import Foundation
@testable import GLPK
import LinearProgramming
import Testing

/// GLPK calls abort() on misuse; the shim's guard must turn that into a
/// Swift error and leave the process, and the thread's GLPK, usable.
@Suite("GLPK guard")
struct GuardTests {
    @Test("a fatal GLPK error comes back as a message; the process goes on")
    func fatalErrorIsCaught() throws {
        let message = try #require(GLPKSolver.triggerFatalErrorForTesting())
        #expect(message.contains("glp_set_row_bnds"))
        #expect(message.contains("out of range"))
        // the same thread solves normally afterwards (its environment was rebuilt)
        let r = try GLPKSolver().solve(TestModels.wyndor)
        #expect(close(r.objective, 36))
    }

    @Test("misuse that skips Swift validation becomes SolverError.solverFailure")
    func unvalidatedMisuse() throws {
        // duplicate (row, column) entries: glp_load_matrix raises a fatal error
        var duplicate = TestModels.wyndor
        duplicate.setCoefficient(7, row: Constraint(index: 0), variable: Variable(index: 0))
        // bounds with lower > upper on a double-bounded column
        var badBounds = TestModels.wyndor
        badBounds.setBounds(Variable(index: 1), lower: 3, upper: 1)
        // a row index past the end
        var outOfRange = TestModels.wyndor
        outOfRange.setCoefficient(1, row: Constraint(index: 99), variable: Variable(index: 0))

        for (model, expected) in [(duplicate, "duplicate"), (badBounds, "bounds"), (outOfRange, "out of range")] {
            #expect(!model.validate().isEmpty) // Swift validation catches all three first
            do {
                _ = try GLPKSolver().run(model, SolveParameters(), pricing: nil)
                Issue.record("expected a solver failure for \(expected)")
            } catch let SolverError.solverFailure(message) {
                #expect(message.lowercased().contains(expected), "\(message)")
            }
        }
        #expect(close(try GLPKSolver().solve(TestModels.wyndor).objective, 36))
    }

    @Test("hundreds of caught errors in a row leave GLPK working")
    func repeatedErrors() throws {
        for _ in 0..<300 {
            #expect(GLPKSolver.triggerFatalErrorForTesting() != nil)
        }
        #expect(close(try GLPKSolver().solve(TestModels.knapsack).objective, 21))
    }

    @Test("GLPK's terminal output is captured into the log, not printed")
    func logIsCaptured() throws {
        let r = try GLPKSolver().solve(TestModels.wyndor)
        #expect(r.log.contains("OPTIMAL LP SOLUTION FOUND"))
    }

    @Test("a cancelled LP and a cancelled MIP stop with limit .cancelled")
    func cancellation() throws {
        let token = CancellationToken()
        token.cancel()
        let lp = try GLPKSolver().solve(TestModels.assignment(60, seed: 1), parameters: SolveParameters(cancellation: token))
        #expect(lp.termination == .limitReached)
        #expect(lp.limit == .cancelled)
        let mip = try ModelFiles.read(TestModels.path("miplib3/pk1.mps.gz"), format: .freeMPS)
        let r = try GLPKSolver().solve(mip, parameters: SolveParameters(cancellation: token))
        #expect(r.termination == .limitReached)
        #expect(r.limit == .cancelled)
        #expect(r.bestBound.map { abs($0) < 1e300 } ?? true) // never GLPK's "no bound yet" sentinel
        // with GLPK's output turned off the request is still noticed
        var quiet = GLPKParameters()
        quiet.messageLevel = .off
        let silent = try GLPKSolver(parameters: quiet).solve(TestModels.assignment(60, seed: 1), parameters: SolveParameters(cancellation: token))
        #expect(silent.limit == .cancelled)
        // a fresh solve on the same thread is unaffected
        #expect(close(try GLPKSolver().solve(TestModels.wyndor).objective, 36))
    }

    @Test("cancelling from another thread stops a long MIP")
    func cancellationFromAnotherThread() throws {
        let mip = try ModelFiles.read(TestModels.path("miplib3/pk1.mps.gz"), format: .freeMPS)
        let token = CancellationToken()
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            token.cancel()
        }
        canceller.start()
        let r = try GLPKSolver().solve(mip, parameters: SolveParameters(timeLimit: 120, cancellation: token))
        #expect(r.termination == .limitReached)
        #expect(r.limit == .cancelled)
        #expect(r.seconds < 60)
    }

    @Test("a solve started inside a pricing callback is refused, not a crash")
    func nestedSolve() throws {
        var model = LinearModel()
        let row = model.addConstraint(lower: 1, upper: 1)
        model.addVariable(objective: 10, coefficients: [(row, 1)])
        var nestedError: (any Error)?
        let r = try GLPKSolver().solve(&model, parameters: SolveParameters()) { _ in
            do { _ = try GLPKSolver().solve(TestModels.wyndor) } catch { nestedError = error }
            return ColumnBatch()
        }
        #expect(close(r.objective, 10))
        let error = try #require(nestedError as? SolverError)
        #expect(error.description.contains("already in use on this thread"))
    }

    @Test("the linked GLPK is a supported version")
    func version() {
        #expect(GLPKSolver.isSupportedVersion)
        #expect(GLPKSolver().name.hasPrefix("GLPK "))
    }
}
