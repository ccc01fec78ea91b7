import LinearProgramming
import Testing

@Suite("SolveResult")
struct SolveResultTests {
    @Test("the status word follows termination and point", arguments: [
        (TerminationReason.optimal, PointStatus.optimal, "optimal"),
        (.optimal, .feasible, "optimal"),
        (.limitReached, .feasible, "feasible"),
        (.limitReached, .none, "no-solution"),
        (.infeasible, .none, "infeasible"),
        (.unbounded, .feasible, "unbounded"),
        (.infeasibleOrUnbounded, .none, "infeasible-or-unbounded"),
        (.numericalError, .none, "numerical-error"),
    ])
    func statusName(_ t: TerminationReason, _ p: PointStatus, _ name: String) {
        #expect(SolveResult(termination: t, pointStatus: p).statusName == name)
    }

    @Test("a time-limited feasible answer is not 'solved'")
    func limitIsNotSolved() {
        let r = SolveResult(termination: .limitReached, limit: .time, pointStatus: .feasible, objective: 10, bestBound: 8)
        #expect(!r.isSolvedAndFeasible)
        #expect(r.hasFeasiblePoint)
        #expect(r.relativeGap == 0.2)
    }

    @Test("the gap needs a feasible point and a bound")
    func gap() {
        #expect(SolveResult(termination: .optimal, pointStatus: .optimal, objective: 5, bestBound: 5).relativeGap == 0)
        #expect(SolveResult(termination: .limitReached, pointStatus: .none, bestBound: 5).relativeGap == nil)
        #expect(SolveResult(termination: .limitReached, pointStatus: .feasible, objective: 5).relativeGap == nil)
    }
}
