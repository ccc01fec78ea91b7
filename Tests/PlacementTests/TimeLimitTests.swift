@testable import DutchLandscape
import Foundation
import GLPK
import LinearProgramming
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Synchronization
import Testing

/// A time limit gives the best plan found, marked feasible, and that plan
/// still respects every place's capacity and every rule.
@Suite("Time limits")
struct TimeLimitTests {
    func checkFeasible(_ plan: Plan) {
        var used: [Int: Int] = [:]
        for a in plan.assignments {
            guard let c = a.candidate else { continue }
            used[c.group, default: 0] += 1
        }
        for (g, n) in used { #expect(n <= plan.problem.slotGroups[g].count, "slot group \(g) used \(n) times") }
        for (ci, a) in plan.assignments.enumerated() where a.candidate == nil {
            #expect(plan.problem.cases[ci].pinnedService == nil, "a pinned case was left unplaced")
        }
    }

    @Test("a plan stopped by its time limit is feasible and says so", arguments: [false, true])
    func stopped(_ sideConstraints: Bool) throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 3, siblingGroups: sideConstraints, conflicts: sideConstraints, pins: sideConstraints)).generate()
        let exact = try Planner(solver: GLPKSolver()).plan(input)
        #expect(exact.status == .optimal)
        checkFeasible(exact)
        do {
            let limited = try Planner(solver: GLPKSolver(), parameters: SolveParameters(timeLimit: 0.05)).plan(input)
            checkFeasible(limited)
            // whatever stopped where, the bound holds for every plan
            #expect((limited.bound ?? -.infinity) <= exact.objective + 1e-6)
            if limited.status == .feasible {
                #expect(limited.objective >= exact.objective - 1e-6)
            } else {
                #expect(abs(limited.objective - exact.objective) <= 1e-6 * exact.objective)
            }
        } catch let error as SolverError {
            // no plan at all within the limit is reported as such, never as a wrong plan
            #expect(error.description.contains("no plan was found"))
        }
    }

    /// GLPK behind a stopwatch: each solve first takes `delay` seconds and
    /// records the time limit it was given.
    final class SlowSolver: ColumnGeneratingSolver {
        let delay: Double
        let limits = Mutex<[Double?]>([])
        init(delay: Double) { self.delay = delay }
        var name: String { "slow GLPK" }
        func solve(_ model: LinearModel, parameters: SolveParameters) throws -> SolveResult {
            limits.withLock { $0.append(parameters.timeLimit) }
            Thread.sleep(forTimeInterval: delay)
            return try GLPKSolver().solve(model, parameters: parameters)
        }
        func solve(_ model: inout LinearModel, parameters: SolveParameters, price: (PricingRound) throws -> ColumnBatch) throws -> SolveResult {
            limits.withLock { $0.append(parameters.timeLimit) }
            Thread.sleep(forTimeInterval: delay)
            return try GLPKSolver().solve(&model, parameters: parameters, price: price)
        }
    }

    @Test("one time limit covers every GLPK solve of a plan: each gets only what the earlier ones left")
    func sharedLimit() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 3, siblingGroups: true, conflicts: true, pins: true)).generate()
        let solver = SlowSolver(delay: 0.4)
        var planner = Planner(solver: solver, parameters: SolveParameters(timeLimit: 5))
        planner.sideRuleNodeLimit = 1  // GLPK's turn at once
        let plan = try planner.plan(input)
        let limits = solver.limits.withLock { $0 }.map { $0 ?? .infinity }
        // the flow's optimum breaks a side rule here: the LP, then branch-and-bound
        #expect(limits.count >= 2)
        for (k, limit) in limits.enumerated() {
            #expect(limit <= 5 - 0.4 * Double(k), "solve \(k + 1) was given \(limit) s")
        }
        checkFeasible(plan)
    }

    @Test("the fallback under a limit: the flow solved again without the services that break a rule, better than leaving those children out")
    func mendedBySolvingAgain() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 3, siblingGroups: true, conflicts: true, pins: true)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        let planner = Planner(solver: GLPKSolver())
        guard case .solved(let flow) = TransportationSolver(problem: problem).solve() else {
            Issue.record("the flow found no plan")
            return
        }
        #expect(flow.certified && !planner.respectsSideConstraints(problem, flow.chosen))
        let simple = try #require(planner.withinSideConstraints(problem, flow.chosen))
        let mended = try #require(planner.solvedWithinSideConstraints(problem, flow, shouldStop: { false }))
        #expect(planner.respectsSideConstraints(problem, mended))
        var used: [Int: Int] = [:]
        for key in mended.compactMap({ $0 }) { used[Int(key.group), default: 0] += 1 }
        for (g, n) in used { #expect(n <= problem.slotGroups[g].count) }
        for (ci, c) in problem.cases.enumerated() where c.pinnedService != nil {
            #expect(mended[ci].map { problem.landscape.services[Int(problem.pairs[Int($0.pair)].serviceIndex)].id } == c.pinnedService)
        }
        let exact = try planner.plan(problem)
        let mendedCost = planner.objective(problem, mended), simpleCost = planner.objective(problem, simple)
        #expect(mendedCost < simpleCost)
        #expect(mendedCost >= exact.objective - 1e-6)
        #expect(flow.bound <= exact.objective + 1e-6)
    }

    @Test("GLPK alone, stopped while pricing: still a plan within every rule (the greedy one at worst), with a valid bound", arguments: [0.001, 0.02])
    func columnGenerationStopped(_ limit: Double) throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 3, siblingGroups: true, conflicts: true, pins: true)).generate()
        let exact = try Planner(solver: GLPKSolver()).plan(input)
        var planner = Planner(solver: GLPKSolver(), parameters: SolveParameters(timeLimit: limit))
        planner.method = .columnGeneration
        let plan = try planner.plan(input)
        checkFeasible(plan)
        func facility(_ ci: Int) -> FacilityID? { plan.assignments[ci].service?.facility }
        for group in plan.problem.siblingGroups {
            #expect(Set(group.members.compactMap(facility)).count <= 1, "siblings \(group.id) placed apart")
        }
        for pair in plan.problem.conflicts where facility(pair.a) != nil {
            #expect(facility(pair.a) != facility(pair.b), "conflicting cases in one facility")
        }
        #expect(plan.status == .feasible || plan.status == .optimal)
        #expect(plan.objective >= exact.objective - 1e-6)
        #expect((plan.bound ?? -.infinity) <= exact.objective + 1e-6)
    }

    @Test("a plan cancelled while the flow runs is the plan so far, marked feasible, with every pin kept")
    func cancelledFlow() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 3, pins: true)).generate()
        let token = CancellationToken()
        token.cancel()
        let plan = try Planner(solver: GLPKSolver(), parameters: SolveParameters(cancellation: token)).plan(input)
        #expect(plan.status == .feasible)
        // the flow's first cases, then the rest greedily: most children placed
        #expect(plan.placedCount > plan.assignments.count / 2)
        // a lower bound without capacities gives the gap
        #expect((plan.bound ?? .infinity) <= plan.objective && plan.gap != nil)
        checkFeasible(plan)
        let sum = plan.assignments.reduce(0) { $0 + $1.cost }
        #expect(abs(sum - plan.objective) <= 1e-6 * plan.objective)
    }
}
