import Foundation
@testable import GLPK
import LinearProgramming
import Testing

/// A solver configuration the conformance suite runs against. Any
/// `LinearSolver` added to `all` must pass every test here.
struct SolverUnderTest: Sendable, CustomTestStringConvertible {
    let name: String
    let solver: any LinearSolver
    /// Interior point returns no basis and may not tell unbounded from infeasible.
    var isSimplex = true
    var testDescription: String { name }

    static let all: [SolverUnderTest] = [
        SolverUnderTest(name: "GLPK defaults", solver: GLPKSolver()),
        SolverUnderTest(name: "GLPK primal simplex, no presolve", solver: {
            var p = GLPKParameters()
            p.simplexMethod = .primal
            p.presolve = false
            p.mipPresolve = false
            p.ratioTest = .harris
            return GLPKSolver(parameters: p)
        }()),
        SolverUnderTest(name: "GLPK dual simplex, long-step, presolve", solver: {
            var p = GLPKParameters()
            p.simplexMethod = .dualThenPrimal
            p.ratioTest = .longStep
            return GLPKSolver(parameters: p)
        }()),
        SolverUnderTest(name: "GLPK dual simplex, textbook pricing", solver: {
            var p = GLPKParameters()
            p.simplexMethod = .dual
            p.pricing = .textbook
            p.presolve = false
            return GLPKSolver(parameters: p)
        }()),
        SolverUnderTest(name: "GLPK interior point", solver: {
            var p = GLPKParameters()
            p.interiorPoint = true
            return GLPKSolver(parameters: p)
        }(), isSimplex: false),
    ]
}

@Suite("LinearSolver conformance")
struct SolverConformanceTests {
    @Test("textbook LP: optimum, point, duals, reduced costs, activities", arguments: SolverUnderTest.all)
    func textbookLP(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(TestModels.wyndor)
        #expect(r.termination == .optimal)
        #expect(r.pointStatus == .optimal)
        #expect(r.isSolvedAndFeasible)
        #expect(close(r.objective, 36))
        #expect(close(r.bestBound, 36))
        #expect(r.relativeGap == 0)
        #expect(close(r.values[0], 2) && close(r.values[1], 6))
        let duals = try #require(r.rowDuals)
        #expect(close(duals[0], 0, relative: 1e-5) && close(duals[1], 1.5, relative: 1e-5) && close(duals[2], 1, relative: 1e-5))
        let reduced = try #require(r.reducedCosts)
        #expect(reduced.allSatisfy { abs($0) < 1e-6 })
        #expect(close(r.rowActivities[0], 2) && close(r.rowActivities[1], 12) && close(r.rowActivities[2], 18))
        if s.isSimplex { #expect(r.basis != nil) }
    }

    @Test("minimisation with equality, range row, free variables and an offset", arguments: SolverUnderTest.all)
    func rangedMinimisation(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(TestModels.rangedMinimisation)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 13.5))
        #expect(close(r.values[0], 2.5) && close(r.values[1], 0.5))
        let duals = try #require(r.rowDuals)
        #expect(close(duals[0], 1.5, relative: 1e-5) && close(duals[1], -0.5, relative: 1e-5))
    }

    @Test("infeasible LP is reported, with no feasible point", arguments: SolverUnderTest.all)
    func infeasible(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(TestModels.infeasible)
        if s.isSimplex {
            #expect(r.termination == .infeasible)
        } else {
            #expect([.infeasible, .infeasibleOrUnbounded].contains(r.termination))
        }
        #expect(!r.hasFeasiblePoint)
        #expect(!r.isSolvedAndFeasible)
    }

    @Test("unbounded LP is reported as unbounded", arguments: SolverUnderTest.all)
    func unbounded(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(TestModels.unbounded)
        if s.isSimplex {
            #expect(r.termination == .unbounded)
        } else {
            #expect([.unbounded, .infeasibleOrUnbounded, .numericalError].contains(r.termination))
        }
        #expect(!r.isSolvedAndFeasible)
    }

    @Test("MIP: integer optimum below the LP relaxation", arguments: SolverUnderTest.all)
    func knapsack(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(TestModels.knapsack)
        #expect(r.termination == .optimal)
        #expect(r.pointStatus == .optimal)
        #expect(close(r.objective, 21))
        #expect(close(r.bestBound, 21))
        #expect(r.values.map { $0.rounded() } == [0, 1, 1, 1])
        #expect(r.rowDuals == nil)
        let relaxed = try s.solver.solve(TestModels.knapsack, parameters: SolveParameters(relaxIntegrality: true))
        #expect(close(relaxed.objective, 22))
    }

    @Test("infeasible MIP is reported", arguments: SolverUnderTest.all)
    func infeasibleMIP(_ s: SolverUnderTest) throws {
        var m = LinearModel()
        let x = m.addVariable(lower: 0, upper: 10, objective: 1, integer: true)
        m.addConstraint([(x, 2)], lower: 3, upper: 3) // 2x = 3 has no integer solution
        let r = try s.solver.solve(m)
        #expect([.infeasible, .infeasibleOrUnbounded].contains(r.termination))
        #expect(!r.hasFeasiblePoint)
    }

    @Test("empty model: the objective is its constant", arguments: SolverUnderTest.all)
    func emptyModel(_ s: SolverUnderTest) throws {
        let r = try s.solver.solve(LinearModel(objectiveOffset: 7))
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 7))
        #expect(r.values.isEmpty)
    }

    @Test("columns without rows sit at their best bound", arguments: SolverUnderTest.all)
    func noRows(_ s: SolverUnderTest) throws {
        var m = LinearModel()
        m.addVariable(lower: 1, upper: 4, objective: 2)
        m.addVariable(lower: -3, upper: 5, objective: -1)
        let r = try s.solver.solve(m)
        #expect(r.termination == .optimal)
        #expect(close(r.objective, 2 - 5))
    }

    @Test("time limit: a hard MIP stops at the limit and says so", arguments: SolverUnderTest.all.prefix(1))
    func timeLimit(_ s: SolverUnderTest) throws {
        let model = try ModelFiles.read(TestModels.path("miplib3/pk1.mps.gz"), format: .freeMPS)
        let r = try s.solver.solve(model, parameters: SolveParameters(timeLimit: 0.5))
        #expect(r.termination == .limitReached)
        #expect(r.limit == .time)
        #expect(!r.isSolvedAndFeasible)
        if r.hasFeasiblePoint {
            #expect(r.statusName == "feasible")
            let gap = try #require(r.relativeGap)
            #expect(gap > 0)
            #expect(try #require(r.objective) >= 11 - 1e-9) // pk1's optimum is 11
        } else {
            #expect(r.statusName == "no-solution")
        }
        #expect(r.seconds < 30) // a sanity bound, not a speed test
    }

    @Test("relative gap: a MIP stops once within the requested gap", arguments: SolverUnderTest.all.prefix(2))
    func relativeGap(_ s: SolverUnderTest) throws {
        let model = try ModelFiles.read(TestModels.path("miplib3/mod008.mps.gz"), format: .freeMPS)
        let loose = try s.solver.solve(model, parameters: SolveParameters(relativeGap: 0.2))
        #expect(loose.termination == .optimal)
        let objective = try #require(loose.objective)
        #expect(objective >= 307 - 1e-6 && objective <= 307 * 1.25)
        #expect(try #require(loose.relativeGap) <= 0.2 + 1e-9)
        let exact = try s.solver.solve(model)
        #expect(close(exact.objective, 307))
        #expect(exact.nodes >= loose.nodes)
    }

    @Test("invalid models are rejected before reaching the solver", arguments: SolverUnderTest.all)
    func invalidModel(_ s: SolverUnderTest) throws {
        var m = TestModels.wyndor
        m.setBounds(Variable(index: 0), lower: 5, upper: 1)
        #expect(throws: SolverError.self) { try s.solver.solve(m) }
        #expect(throws: SolverError.self) {
            try s.solver.solve(TestModels.wyndor, parameters: SolveParameters(timeLimit: -1))
        }
    }
}
