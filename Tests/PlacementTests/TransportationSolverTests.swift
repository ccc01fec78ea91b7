@testable import DutchLandscape
import GLPK
import LinearProgramming
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The min-cost flow that plans children when no sibling or conflict rule
/// applies: optimal, proven by its own duals, and a valid lower bound when
/// such rules do apply.
@Suite("Transportation solver (min-cost flow)")
struct TransportationSolverTests {
    /// Where the searches start: the auction's prices, none, or any prices at
    /// all (the plan must not depend on them).
    enum Start: String, CaseIterable, CustomTestStringConvertible {
        case auction, unpriced, randomPrices
        var testDescription: String { rawValue }

        func prices(_ problem: PlacementProblem, seed: UInt64) -> [Double]? {
            switch self {
            case .auction: return nil
            case .unpriced: return [Double](repeating: 0, count: problem.slotGroups.count)
            case .randomPrices:
                var rng = SplitMix64(seed: seed &* 7919)
                let top = problem.cases.map { problem.costModel.unplacedCost($0) }.max() ?? 1
                return problem.slotGroups.map { _ in rng.next() % 3 == 0 ? 0 : Double(rng.next() % 1000) / 500 * top }
            }
        }
    }

    @Test("proves its plan optimal and matches the brute force on 240 random instances", arguments: Start.allCases)
    func matchesBruteForce(_ start: Start) throws {
        var exact = 0, bounded = 0, pinsFail = 0
        for seed in 1...240 as ClosedRange<UInt64> {
            let input = ExhaustiveEnumerationTests.instance(seed: seed)
            let expected = ExhaustiveEnumerationTests.bruteForce(input)
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
            switch TransportationSolver(problem: problem).solve(prices: start.prices(problem, seed: seed)) {
            case .solved(let flow):
                #expect(flow.certified, "seed \(seed): the duals did not prove the plan optimal")
                let value = try #require(expected, "seed \(seed): flow found a plan, brute force none")
                if problem.hasSideConstraints {
                    // a relaxation: never above the true optimum
                    #expect(flow.bound <= value + 1e-6 * max(1, value), "seed \(seed)")
                    bounded += 1
                } else {
                    #expect(abs(flow.objective - value) <= 1e-6 * max(1, value), "seed \(seed): flow \(flow.objective) vs brute force \(value)")
                    exact += 1
                }
                // the plan respects every place's capacity and every pin
                var used: [Int32: Int] = [:]
                for (ci, key) in flow.chosen.enumerated() {
                    if let key { used[key.group, default: 0] += 1 } else { #expect(problem.cases[ci].pinnedService == nil) }
                }
                for (g, count) in used { #expect(count <= problem.slotGroups[Int(g)].count) }
            case .pinsCannotHold:
                #expect(expected == nil, "seed \(seed): flow says the pins cannot hold, brute force found \(String(describing: expected))")
                pinsFail += 1
            case .stopped(_):
                Issue.record("seed \(seed): stopped without being asked to")
            }
        }
        #expect(exact >= 120)
        #expect(bounded >= 40)
        #expect(pinsFail >= 1)
    }

    @Test("a generated landscape of 600 children: same objective as GLPK's column generation")
    func agreesWithGLPK() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 11)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        guard case .solved(let flow) = TransportationSolver(problem: problem).solve() else {
            Issue.record("no flow solution")
            return
        }
        #expect(flow.certified)
        var glpkOnly = Planner(solver: GLPKSolver())
        glpkOnly.method = .columnGeneration
        let reference = try glpkOnly.plan(problem)
        #expect(reference.status == .optimal)
        #expect(abs(flow.objective - reference.objective) <= 1e-7 * reference.objective)
        #expect(flow.chosen.contains(nil), "a realistic landscape leaves some children unplaced")
        let plan = try Planner(solver: GLPKSolver()).plan(problem)
        #expect(plan.status == .optimal && plan.gap == 0)
        #expect(plan.objective == flow.objective)
    }

    @Test("stops when asked, with the plan so far: capacities kept, the cases not yet seen unplaced")
    func stops() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 11)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        guard case .stopped(let partial) = TransportationSolver(problem: problem).solve(shouldStop: { true }) else {
            Issue.record("did not stop")
            return
        }
        let plan = try #require(partial)
        let placed = plan.compactMap { $0 }
        #expect(!placed.isEmpty && placed.count <= 15, "stopped after the first 15 cases")
        var used: [Int32: Int] = [:]
        for key in placed { used[key.group, default: 0] += 1 }
        for (g, count) in used { #expect(count <= problem.slotGroups[Int(g)].count) }
    }

    @Test("re-sorting a case's arcs by cost plus prices gives exactly the stable order, near-ties below a Float's precision included")
    func resortOrder() {
        let input = InstanceGenerator(options: .init(cases: 300, seed: 4)).generate()
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        let unplaced = problem.cases.map { problem.costModel.unplacedCost($0) }
        let chains = SlotChains(problem)
        var arcs = Arcs(problem, chains: chains, unplacedCost: unplaced, pinned: problem.cases.map { _ in false })
        var rng = SplitMix64(seed: 11)
        // prices that tie many columns exactly, and others by a hair
        let prices = (0..<chains.nodes).map { _ -> Double in
            switch rng.next() % 4 {
            case 0: return 0
            case 1: return 100
            case 2: return 100 + Double(rng.next() % 4) * 1e-11
            default: return Double(rng.next() % 100_000) / 100
            }
        }
        for c in problem.cases.indices where arcs.start[c + 1] - arcs.start[c] > 1 {
            let range = arcs.start[c]..<arcs.start[c + 1]
            let before = range.map { (key: arcs.arc[$0].end, cost: arcs.arc[$0].cost) }
            let expected = before.enumerated()
                .map { (bound: $1.cost + prices[Int($1.key.node)], position: $0, key: $1.key) }
                .sorted { ($0.bound, $0.position) < ($1.bound, $1.position) }
            arcs.resort(c) { prices[$0] }
            #expect(range.map { arcs.arc[$0].end } == expected.map(\.key), "case \(c)")
            #expect(range.map { arcs.arc[$0].bound } == expected.map(\.bound), "case \(c)")
        }
    }
}

@Suite("Auction prices")
struct AuctionPricesTests {
    /// A case's arcs sorted again mid-bid (at 20,000 children, after 4,096
    /// arcs scanned too soon) once made its bid land on whatever arc moved
    /// to the chosen position: a group with no place, and `careplace value`
    /// trapped at 20,000 children. Re-sorting at every bid shows it small.
    @Test("a bid goes to the group chosen even when the case's arcs are sorted again mid-bid; no group holds more than its places")
    func resortMidBid() throws {
        for seed in UInt64(1)...4 {
            let input = InstanceGenerator(options: .init(cases: 400, seed: seed)).generate()
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases, roomForOneMore: true)
            var flow = Flow(problem)
            let outcome = try #require(AuctionPrices.run(
                problem, chains: flow.chains, arcs: &flow.arcs, unplacedCost: flow.unplacedCost, pinned: flow.pinned,
                resortAfter: 0, shouldStop: { false }))
            #expect(outcome.holdsPlace.contains(true))
            // a group without places keeps the price above every unplaced cost
            let top = (flow.unplacedCost.max() ?? 0) + 1
            for (g, group) in problem.slotGroups.enumerated() where group.count == 0 {
                #expect(outcome.prices[g] == top, "seed \(seed), group \(g)")
            }
        }
    }
}
