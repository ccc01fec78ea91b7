@testable import DutchLandscape
import GLPK
@testable import Placement
@testable import PlacementModel
import Testing

/// What-ifs under sibling and conflict rules answered leaf by leaf from the
/// base plan's side-rule search (the demo's explanations.csv and value):
/// each answer equals planning the changed input again, cold.
@Suite("What-ifs by the leaves of the side-rule search")
struct EngineLeavesTests {
    static let planner = Planner(solver: GLPKSolver())

    /// Generated instances whose plan without the rules breaks them (so
    /// that the leaves are used), and their engines.
    static func engines() throws -> [(PlacementInput, Engine)] {
        try (UInt64(1)...12).compactMap { seed in
            let input = InstanceGenerator(options: .init(cases: 240, seed: seed, siblingGroups: true, conflicts: true, pins: false)).generate()
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases, roomForOneMore: true)
            var engine = try Engine(problem: problem, planner: planner)
            engine.prepareLeaves()
            guard let leaves = engine.leaves, !leaves.isEmpty else { return nil }
            return (input, engine)
        }
    }

    @Test("the engine's base plan, searched from its own flow without the rules, is the planner's plan child for child")
    func basePlan() throws {
        for (input, engine) in try Self.engines() {
            let problem = PlacementProblem(landscape: input.landscape, cases: input.cases, roomForOneMore: true)
            let cold = PlanTotals(try Self.planner.plan(problem))
            #expect(engine.base == cold)
        }
    }

    @Test("a placed child at another service: the leaves' answer is the cold plan with it pinned there, also with the leaves' floors raised by a short search below each")
    func pins() throws {
        var answered = 0, raised = 0
        let engines = try Self.engines()
        #expect(engines.count >= 3, "only \(engines.count) instances use the leaves")
        for (input, plain) in engines {
            var deepened = plain
            try deepened.deepenLeaves(jobs: 2)
            for leaf in deepened.leaves ?? [] where leaf.deep > leaf.bound {
                // a floor never above the leaf's best plan within the rules (searched to the end)
                raised += 1
                var search = SideRuleSearch(problem: deepened.withRules(leaf.state), planner: Self.planner, root: leaf.state.flow)
                search.pricesRules = false
                switch search.run(incumbent: nil, within: leaf.excluded, shouldStop: { false }) {
                case .optimal(_, let objective, _): #expect(leaf.deep <= objective + 1e-9 * max(1, objective), "floor \(leaf.deep) above the leaf's best \(objective)")
                case .stopped(nil, let bound, _): #expect(bound == .infinity, "the leaf's search stopped short")
                default: Issue.record("the leaf's search stopped short")
                }
            }
            for c in stride(from: 0, to: input.cases.count, by: 7) {
                // every other child asks the leaves with their floors raised
                let engine = c % 2 == 0 ? deepened : plain
                guard let own = engine.base.services[c] else { continue }
                let others = engine.problem.pairRanges[c].map { Int(engine.problem.pairs[$0].serviceIndex) }.filter { $0 != own }
                guard let s = others.first, let answer = engine.pinnedInLeaves(c, to: s) else { continue }
                var pinned = input
                pinned.cases[c].pinnedService = input.landscape.services[s].id
                let cold = try? Self.planner.plan(pinned).objective
                #expect((answer == nil) == (cold == nil), "case \(c) at \(s): a plan on one side only")
                if let answer, let cold { #expect(abs(answer.objective - cold) <= 1e-6 * max(1, cold), "case \(c) at \(s): \(answer.objective) vs cold \(cold)") }
                answered += 1
            }
        }
        #expect(answered >= 40, "the leaves answered \(answered) what-ifs")
        #expect(raised >= 1, "the short searches raised \(raised) leaves' floors")
    }

    @Test("a sibling pinned away from its siblings' facility: the plan moved there breaks the rule, the leaf's own search gives the cold plan")
    func siblingPinnedApart() throws {
        var answered = 0
        for (input, engine) in try Self.engines() {
            let problem = engine.problem
            for group in problem.siblingGroups.prefix(6) {
                guard let c = group.members.first, let own = engine.base.services[c] else { continue }
                let ownFacility = input.landscape.services[own].facility
                // a service at another facility: the relaxed plan with c there mostly parts the siblings
                let elsewhere = problem.pairRanges[c].map { Int(problem.pairs[$0].serviceIndex) }
                    .filter { $0 != own && input.landscape.services[$0].facility != nil && input.landscape.services[$0].facility != ownFacility }
                guard let s = elsewhere.first, let answer = engine.pinnedInLeaves(c, to: s) else { continue }
                var pinned = input
                pinned.cases[c].pinnedService = input.landscape.services[s].id
                let cold = try? Self.planner.plan(pinned).objective
                #expect((answer == nil) == (cold == nil), "case \(c) at \(s): a plan on one side only")
                if let answer, let cold {
                    #expect(abs(answer.objective - cold) <= 1e-6 * max(1, cold), "case \(c) at \(s): \(answer.objective) vs cold \(cold)")
                    // the cost alone is the same answer
                    let alone = try #require(engine.pinnedInLeaves(c, to: s, totals: false))
                    #expect(abs((alone?.objective ?? .infinity) - cold) <= 1e-6 * max(1, cold))
                }
                answered += 1
            }
        }
        #expect(answered >= 10, "the leaves answered \(answered) what-ifs")
    }

    @Test("one place more or fewer at a service: the leaves' answer is the cold plan with the capacity changed")
    func capacities() throws {
        var answered = 0
        for (input, plain) in try Self.engines() {
            // each leaf's search from the sink answers one place more along it
            var withTrees = plain
            try withTrees.searchFromSink()
            #expect(withTrees.leaves?.contains { $0.tree != nil } == true)
            for s in stride(from: 0, to: input.landscape.services.count, by: 5) {
                for delta in [1, -1] where delta == 1 || SlotRule.freePlaces(input.landscape.services[s]) > 0 {
                    let engine = delta == 1 && s % 10 == 0 ? withTrees : plain
                    guard let answer = engine.changedInLeaves(s, by: delta) else { continue }
                    var changed = input
                    changed.landscape.services[s].capacity += delta
                    let cold = try? Self.planner.plan(changed).objective
                    #expect((answer == nil) == (cold == nil), "service \(s) \(delta): a plan on one side only")
                    if let answer, let cold { #expect(abs(answer.objective - cold) <= 1e-6 * max(1, cold), "service \(s) \(delta): \(answer.objective) vs cold \(cold)") }
                    answered += 1
                }
            }
        }
        #expect(answered >= 40, "the leaves answered \(answered) what-ifs")
    }
}
