@testable import DutchLandscape
import Foundation
import GLPK
import LinearProgramming
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// Sibling and conflict rules by branch-and-bound on the flow (issue 16):
/// each node re-solved from the root's flow equals a cold solve without the
/// same pairs, and the plan equals GLPK's optimum and the brute force.
@Suite("Side rules by branch-and-bound on the flow")
struct SideRuleSearchTests {
    static func rootFlow(_ problem: PlacementProblem) throws -> Flow {
        let (outcome, flow) = TransportationSolver(problem: problem).solveKeepingFlow()
        guard case .solved(let solution) = outcome, solution.certified else {
            Issue.record("no certified root flow")
            throw CancellationError()
        }
        return flow
    }

    @Test("a node re-solved from the root's flow (cases released, pairs taken away) has a cold solve's objective")
    func nodeEqualsColdSolve() throws {
        let input = InstanceGenerator(options: .init(cases: 400, seed: 11, pins: true)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        let search = SideRuleSearch(problem: problem, planner: Planner(solver: GLPKSolver()), root: try Self.rootFlow(problem))
        var rng = SplitMix64(seed: 5)
        var compared = 0
        for _ in 0..<25 {
            // 1 to 6 cases each lose a random half of their pairs
            var excluded: SideRuleSearch.Exclusions = [:]
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let c = Int(rng.next() % UInt64(problem.cases.count))
                for p in problem.pairRanges[c] where rng.next() % 2 == 0 { excluded[c, default: []].insert(Int32(p)) }
            }
            if Self.agrees(search.evaluate(excluded).0, problem, excluded, "") { compared += 1 }
        }
        #expect(compared >= 15)
    }

    @Test("generated instances with siblings, conflicts and pins: the search's plan is GLPK's optimum, proven, within every rule", arguments: 1...4)
    func equalsGLPK(_ seed: UInt64) throws {
        let input = InstanceGenerator(options: .init(cases: 250, seed: seed, siblingGroups: true, conflicts: true, pins: true)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        let plan = try Planner(solver: GLPKSolver()).plan(problem)
        var glpkOnly = Planner(solver: GLPKSolver())
        glpkOnly.method = .columnGeneration
        let reference = try glpkOnly.plan(problem)
        #expect(plan.status == .optimal && reference.status == .optimal)
        #expect(abs(plan.objective - reference.objective) <= 1e-6 * reference.objective, "search \(plan.objective) vs GLPK \(reference.objective)")
        #expect(plan.gap == 0)
        // within every rule: siblings share one facility, conflicting cases never do
        func facility(_ ci: Int) -> FacilityID? { plan.assignments[ci].service?.facility }
        for group in problem.siblingGroups { #expect(Set(group.members.compactMap(facility)).count <= 1) }
        for pair in problem.conflicts where facility(pair.a) != nil { #expect(facility(pair.a) != facility(pair.b)) }
    }

    @Test("the search branches where the flow breaks a rule: more than one node on some instances, each plan optimal")
    func searches() throws {
        var searched = 0
        for seed in 1...6 as ClosedRange<UInt64> {
            let input = InstanceGenerator(options: .init(cases: 300, seed: seed, siblingGroups: true, conflicts: true, pins: true)).generate()
            let plan = try Planner(solver: GLPKSolver()).plan(input)
            #expect(plan.status == .optimal && plan.byFlow, "seed \(seed)")
            if plan.searchNodes > 1 { searched += 1 }
        }
        #expect(searched >= 3, "the flow's optimum breaks a rule on most of these instances")
    }

    @Test("priced rules (Lagrange multipliers): the search's optimum is the unpriced search's, and the priced root bound lies between the flow's and the optimum")
    func pricedEqualsUnpriced() throws {
        let planner = Planner(solver: GLPKSolver())
        var priced = 0
        for seed in 21...28 as ClosedRange<UInt64> {
            let input = InstanceGenerator(options: .init(cases: 600, seed: seed, siblingGroups: true, conflicts: true, pins: true)).generate()
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
            let root = try Self.rootFlow(problem)
            var withPrices = SideRuleSearch(problem: problem, planner: planner, root: root)
            var without = withPrices
            without.pricesRules = false
            let a = withPrices.run(incumbent: nil, shouldStop: { false })
            let b = without.run(incumbent: nil, shouldStop: { false })
            guard case .optimal(let chosen, let x, _) = a, case .optimal(_, let y, _) = b else {
                Issue.record("seed \(seed): \(a) and \(b)")
                continue
            }
            #expect(abs(x - y) <= 1e-9 * y, "seed \(seed): priced \(x) vs unpriced \(y)")
            #expect(planner.respectsSideConstraints(problem, chosen))
            #expect(abs(planner.objective(problem, chosen) - x) <= 1e-9 * x)
            guard let prices = withPrices.prices else { continue }
            priced += 1
            #expect(prices.price.contains { $0 > 0 })
            guard case .solved(_, let bound) = withPrices.evaluate([:]).0 else {
                Issue.record("seed \(seed): the priced root has no proven optimum")
                continue
            }
            let flowBound = root.objective()
            #expect(bound > flowBound + 1e-9 * flowBound, "seed \(seed): prices that do not raise the bound are left off")
            #expect(bound <= x + 1e-9 * x, "seed \(seed): the priced bound \(bound) is above the optimum \(x)")
        }
        #expect(priced >= 3, "the flow's optimum breaks a rule, and prices help, on several of these instances")
    }

    @Test("a priced node, re-solved from a priced parent (cases whose column stays keep it), has a cold solve's objective with the prices in the costs, less their sum")
    func pricedNodeEqualsColdSolve() throws {
        let planner = Planner(solver: GLPKSolver())
        var compared = 0
        for seed in 21...24 as ClosedRange<UInt64> {
            let input = InstanceGenerator(options: .init(cases: 600, seed: seed, siblingGroups: true, conflicts: true, pins: true)).generate()
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
            var search = SideRuleSearch(problem: problem, planner: planner, root: try Self.rootFlow(problem))
            var best: (chosen: [ColumnKey?], objective: Double)?
            search.findPrices(best: &best, shouldStop: { false })
            guard let prices = search.prices else { continue }
            var rng = SplitMix64(seed: seed)
            guard case (.solved, let parentFlow?) = search.evaluate([:]) else {
                Issue.record("seed \(seed): no priced root")
                continue
            }
            for _ in 0..<6 {
                // a priced row's cases lose their pairs at its facilities now and then (the row stops counting)
                var excluded: SideRuleSearch.Exclusions = [:]
                let row = prices.rows[Int(rng.next() % UInt64(prices.rows.count))]
                for (c, f) in [(row.a, row.fa), (row.b, row.fb)] where rng.next() % 2 == 0 {
                    excluded[c, default: []].formUnion(prices.pairs(of: c, at: f, problem, without: nil))
                }
                let c = Int(rng.next() % UInt64(problem.cases.count))
                for p in problem.pairRanges[c] where rng.next() % 3 == 0 { excluded[c, default: []].insert(Int32(p)) }
                let warm = search.evaluate(excluded, changing: excluded.keys.sorted(), from: parentFlow).0
                // cold: the prices written into the pairs' costs
                let (penalty, sum) = prices.penalty(excluded, problem)
                var priced = problem
                for (c, extra) in penalty {
                    for p in problem.pairRanges[c] { priced.pairs[p].baseCost += extra[problem.pairs[p].serviceIndex] ?? 0 }
                }
                if Self.agrees(warm, priced, excluded, less: sum, "seed \(seed): ") { compared += 1 }
            }
        }
        #expect(compared >= 12)
    }
    /// A node's warm evaluation against a cold solve of `problem` without
    /// the pairs `excluded` takes away, its optimum less `less` (the prices
    /// written into the costs): true when both solved (and agree).
    static func agrees(
        _ warm: SideRuleSearch.Evaluation, _ problem: PlacementProblem, _ excluded: SideRuleSearch.Exclusions, less: Double = 0, _ context: String
    ) -> Bool {
        var cold = TransportationSolver(problem: problem)
        cold.excludedPairs = excluded.values.reduce(into: Set<Int32>()) { $0.formUnion($1) }
        switch (warm, cold.solve()) {
        case (.solved(_, let value), .solved(let solution)):
            #expect(solution.certified)
            let expected = solution.objective - less
            #expect(abs(value - expected) <= 1e-9 * expected, "\(context)warm \(value) vs cold \(expected)")
            return true
        case (.infeasible, .pinsCannotHold):
            return false
        case (let warm, let cold):
            Issue.record("\(context)warm \(warm) vs cold \(cold)")
            return false
        }
    }
}
