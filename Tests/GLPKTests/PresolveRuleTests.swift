import Foundation
@testable import GLPK
import LinearProgramming
import Testing

/// GLPK's LP presolver is quadratic in a long row and checks no time limit:
/// careplace skips it where it would stall (issue 14).
@Suite("GLPK presolve on long rows")
struct PresolveRuleTests {
    /// One row over `columns` bounded columns, as in the report: 1 x 100,000.
    static func longRow(_ columns: Int) -> LinearModel {
        var m = LinearModel(name: "longrow")
        let row = m.addConstraint(upper: Double(columns) / 20)
        for j in 0..<columns {
            m.addVariable(upper: 1, objective: -Double(1 + (j * 37) % 100), coefficients: [(row, Double(1 + (j * 53) % 100))])
        }
        return m
    }

    @Test("presolve is skipped for a row of 100,000 entries, and under a short time limit for 10,000; kept for usual models")
    func rule() {
        #expect(GLPKSolver.presolveMayStall(Self.longRow(100_000), timeLimit: 0))
        #expect(!GLPKSolver.presolveMayStall(Self.longRow(10_000), timeLimit: 0))
        #expect(GLPKSolver.presolveMayStall(Self.longRow(10_000), timeLimit: 1))
        #expect(!GLPKSolver.presolveMayStall(Self.longRow(10_000), timeLimit: 10))
        #expect(!GLPKSolver.presolveMayStall(TestModels.wyndor, timeLimit: 1))
    }

    @Test("1 x 100,000 under a 1 s limit comes back with a finite plan instead of a minute in the presolver")
    func timeLimitHolds() throws {
        let result = try GLPKSolver().solve(Self.longRow(100_000), parameters: SolveParameters(timeLimit: 1))
        #expect(result.termination == .optimal || result.limit == .time, "\(result.termination)")
        let objective = try #require(result.objective)
        #expect(objective.isFinite && objective < 0)
    }
}
