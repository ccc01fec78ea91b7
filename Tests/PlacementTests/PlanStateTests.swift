@testable import DutchLandscape
@testable import Placement
@testable import PlacementModel
import PlacementTestSupport
import Testing

/// The plan kept warm: one more or one fewer place, or a child pinned to a
/// service, answered from the optimal flow, must give exactly the objective
/// of planning the changed input from scratch.
@Suite("Plan state (warm re-solves)")
struct PlanStateTests {
    /// One change, and the same change made to the input for a cold plan.
    enum Change: CustomStringConvertible {
        case capacity(service: Int, delta: Int)
        case pin(case: Int, service: Int)

        var description: String {
            switch self {
            case .capacity(let s, let d): return "capacity of service \(s) \(d > 0 ? "+" : "")\(d)"
            case .pin(let c, let s): return "case \(c) pinned to service \(s)"
            }
        }

        func apply(to state: inout PlanState) throws(PlanState.Failure) {
            switch self {
            case .capacity(let s, let d): try state.changeCapacity(ofService: s, by: d)
            case .pin(let c, let s): try state.pin(case: c, toService: s)
            }
        }

        /// The failure, nil when the change was made.
        func attempt(on state: inout PlanState) -> PlanState.Failure? {
            do throws(PlanState.Failure) {
                try apply(to: &state)
                return nil
            } catch {
                return error
            }
        }

        func apply(to input: inout PlacementInput) {
            switch self {
            case .capacity(let s, let d): input.landscape.services[s].capacity += d
            case .pin(let c, let s): input.cases[c].pinnedService = input.landscape.services[s].id
            }
        }
    }

    /// A random change: mostly capacities (more often up than down), sometimes a pin
    /// to one of the case's compatible services.
    static func randomChange(_ state: PlanState, _ rng: inout SplitMix64) -> Change? {
        let problem = state.problem
        let services = problem.landscape.services.count
        if rng.chance(0.35), !problem.cases.isEmpty {
            let c = rng.int(0...(problem.cases.count - 1))
            let compatible = problem.pairRanges[c].map { Int(problem.pairs[$0].serviceIndex) }
            guard !compatible.isEmpty else { return nil }
            return .pin(case: c, service: compatible[rng.int(0...(compatible.count - 1))])
        }
        guard services > 0 else { return nil }
        let s = rng.int(0...(services - 1))
        let delta = rng.chance(0.6) ? 1 : -1
        guard problem.landscape.services[s].capacity + delta >= 0 else { return nil }
        return .capacity(service: s, delta: delta)
    }

    /// The plan is a plan of the state's problem: places within counts, pins kept,
    /// and the objective its cost.
    static func checkPlan(_ state: PlanState, _ context: String) {
        let problem = state.problem
        var used: [Int32: Int] = [:]
        var total = 0.0
        for (c, key) in state.assignments.enumerated() {
            if let key {
                used[key.group, default: 0] += 1
                #expect(Int(problem.pairs[Int(key.pair)].caseIndex) == c, "\(context)")
                if let pin = problem.cases[c].pinnedService {
                    #expect(problem.landscape.services[Int(problem.pairs[Int(key.pair)].serviceIndex)].id == pin, "\(context)")
                }
                total += problem.cost(key)
            } else {
                #expect(problem.cases[c].pinnedService == nil, "\(context): a pinned case is unplaced")
                total += problem.costModel.unplacedCost(problem.cases[c])
            }
        }
        for (g, count) in used { #expect(count <= problem.slotGroups[Int(g)].count, "\(context): group \(g) over its count") }
        #expect(abs(total - state.objective) <= 1e-9 * max(1, total), "\(context)")
    }

    @Test("eight changes in a row on 300 small random instances: each objective equals the brute force's")
    func smallInstancesAgainstBruteForce() throws {
        var checked = 0, failedPins = 0
        for seed in 1...300 as ClosedRange<UInt64> {
            var input = ExhaustiveEnumerationTests.instance(seed: seed)
            for c in input.cases.indices {
                input.cases[c].siblingGroup = nil
                input.cases[c].conflictsWith = []
            }
            guard var state = try? PlanState(input) else {
                #expect(ExhaustiveEnumerationTests.bruteForce(input) == nil, "seed \(seed): no state, yet a plan exists")
                continue
            }
            var rng = SplitMix64(seed: seed &* 31)
            for step in 0..<8 {
                guard let change = Self.randomChange(state, &rng) else { continue }
                var changed = input
                change.apply(to: &changed)
                let expected = ExhaustiveEnumerationTests.bruteForce(changed)
                let context = "seed \(seed), step \(step), \(change)"
                if let failure = change.attempt(on: &state) {
                    #expect(failure == .pinsCannotHold && expected == nil, "\(context): \(failure), brute force \(String(describing: expected))")
                    failedPins += 1
                    continue
                }
                input = changed
                let value = try #require(expected, "\(context): warm plan \(state.objective), brute force none")
                #expect(abs(state.objective - value) <= 1e-6 * max(1, value), "\(context): warm \(state.objective) vs brute force \(value)")
                #expect(state.certified(), "\(context): the duals no longer prove the plan")
                Self.checkPlan(state, context)
                checked += 1
            }
        }
        #expect(checked >= 1_000)
        #expect(failedPins >= 1)
    }

    @Test("40 changes in a row on a generated 600-child landscape: each objective equals a cold plan's")
    func generatedAgainstColdPlans() throws {
        var input = InstanceGenerator(options: .init(cases: 600, seed: 5)).generate()
        var state = try PlanState(input)
        let cold = try #require(Self.coldObjective(input))
        #expect(abs(state.objective - cold) <= 1e-9 * cold)
        var rng = SplitMix64(seed: 99)
        var moved = 0, refused = 0
        for step in 0..<40 {
            guard let change = Self.randomChange(state, &rng) else { continue }
            let before = state.objective
            var changed = input
            change.apply(to: &changed)
            if let failure = change.attempt(on: &state) {
                #expect(failure == .pinsCannotHold && Self.coldObjective(changed) == nil, "step \(step), \(change): \(failure)")
                refused += 1
                continue
            }
            input = changed
            let expected = try #require(Self.coldObjective(input), "step \(step)")
            #expect(abs(state.objective - expected) <= 1e-9 * expected, "step \(step), \(change): warm \(state.objective) vs cold \(expected)")
            if state.objective != before { moved += 1 }
        }
        #expect(state.certified())
        Self.checkPlan(state, "after 40 changes")
        // the state's problem is the changed input's, pins and all
        let fresh = PlacementProblem(landscape: input.landscape, cases: input.cases, roomForOneMore: true)
        #expect(state.problem.pairs == fresh.pairs && state.problem.pairRanges == fresh.pairRanges)
        #expect(state.problem.slotGroups == fresh.slotGroups)
        #expect(abs(try PlanState(state.problem).objective - state.objective) <= 1e-9 * state.objective)
        #expect(moved >= 10, "most changes move the objective")
        #expect(refused <= 5)
    }

    @Test("moving a child elsewhere: the bound before the search never exceeds what pinning it there costs, and the cost read off the path is that cost")
    func movingBoundAndPathCost() throws {
        var checked = 0, forced = 0
        for seed in UInt64(5)...UInt64(7) {
            let input = InstanceGenerator(options: .init(cases: 400, seed: seed)).generate()
            let state = try PlanState(input)
            let base = state.objective
            let own = state.totals.services
            for c in stride(from: 0, to: input.cases.count, by: 3) {
                let services = state.problem.pairRanges[c].map { Int(state.problem.pairs[$0].serviceIndex) }.filter { $0 != own[c] }
                for s in services.prefix(4) {
                    var pinned = state
                    guard (try? pinned.pin(case: c, toService: s)) != nil else { continue }
                    let extra = pinned.objective - base
                    let bound = state.flow.costOfMoving(case: c, toService: s) ?? 0
                    #expect(bound <= extra + 1e-6 * max(1, base), "case \(c) to \(s): bound \(bound) above the cost \(extra)")
                    checked += 1
                    // the warm move on a copy sharing the arcs, its cost from the path
                    var flow = state.flow
                    let released = flow.cost(ofCase: c)
                    flow.release(case: c)
                    guard flow.force(case: c, toService: s), let path = flow.augmentCosting(from: c) else { continue }
                    #expect(abs(path - released - extra) <= 1e-6 * max(1, base), "case \(c) to \(s): path \(path - released) vs \(extra)")
                    forced += 1
                }
            }
        }
        #expect(checked >= 300 && forced >= 100, "\(checked) moves bounded, \(forced) read off the path")
    }

    @Test("one place fewer wanted only below a limit: made as without it when the plan's cost rises by less, refused when by more")
    func placeFewerBelowALimit() throws {
        var searched = 0
        for seed in UInt64(5)...UInt64(7) {
            let input = InstanceGenerator(options: .init(cases: 400, seed: seed)).generate()
            let state = try PlanState(input)
            for s in state.problem.landscape.services.indices {
                let service = state.problem.landscape.services[s]
                guard service.capacity > service.occupied.count else { continue }
                var fewer = state
                guard (try? fewer.changeCapacity(ofService: s, by: -1)) != nil else { continue }
                let rise = fewer.flow.costChange - state.flow.costChange
                // a used place taken away: a child moves (a search); a free one costs nothing
                guard rise > 0.01 else { continue }
                searched += 1
                var under = state
                try under.changeCapacity(ofService: s, by: -1, risingLessThan: rise + 0.01)
                #expect(abs(under.objective - fewer.objective) <= 1e-9 * max(1, fewer.objective), "service \(s): \(under.objective) vs \(fewer.objective)")
                var over = state
                #expect(throws: PlanState.Failure.pinsCannotHold, "service \(s): a rise of \(rise) allowed below \(rise - 0.01)") {
                    try over.changeCapacity(ofService: s, by: -1, risingLessThan: rise - 0.01)
                }
            }
        }
        #expect(searched >= 20, "only \(searched) places fewer moved a child")
    }

    @Test("one more place where children wait lowers the objective; one fewer where it was used raises it")
    func directionOfChanges() throws {
        let input = InstanceGenerator(options: .init(cases: 600, seed: 5)).generate()
        let state = try PlanState(input)
        let problem = state.problem
        let used = Set(state.assignments.compactMap { $0.map { Int(problem.pairs[Int($0.pair)].serviceIndex) } })
        var gains = 0
        for s in used.sorted().prefix(25) {
            var more = state
            try more.changeCapacity(ofService: s, by: 1)
            #expect(more.objective <= state.objective + 1e-9)
            if more.objective < state.objective - 1e-9 { gains += 1 }
            let service = problem.landscape.services[s]
            guard service.capacity > service.occupied.count else { continue }
            var fewer = state
            try fewer.changeCapacity(ofService: s, by: -1)
            #expect(fewer.objective >= state.objective - 1e-9)
        }
        #expect(gains >= 5, "a realistic landscape has services where one more place helps")
    }

    @Test("a failed change leaves the state as it was; side rules and rules that exclude are refused")
    func failures() throws {
        let a = Fixture.service("A", capacity: 1)
        var pinned = Fixture.child("c1")
        pinned.pinnedService = "A"
        let other = Fixture.child("c2")
        var state = try PlanState(landscape: Fixture.landscape([a]), cases: [pinned, other])
        let before = state.objective
        #expect(throws: PlanState.Failure.pinsCannotHold) { try state.changeCapacity(ofService: 0, by: -1) }
        #expect(throws: PlanState.Failure.pinsCannotHold) { try state.pin(case: 1, toService: 0) }
        #expect(state.objective == before)
        #expect(state.problem.landscape.services[0].capacity == 1)
        #expect(throws: PlanState.Failure.negativeCapacity(service: "A", capacity: -1)) { try state.changeCapacity(ofService: 0, by: -2) }

        // a pin is final: pinned to A, the case has no pair at B any more
        let b = Fixture.service("B", facility: "F2", capacity: 1)
        var twice = try PlanState(landscape: Fixture.landscape([a, b]), cases: [other])
        try twice.pin(case: 0, toService: 1)
        #expect(throws: PlanState.Failure.notCompatible(case: "c2", service: "A")) { try twice.pin(case: 0, toService: 0) }
        #expect(twice.certified())

        var far = Fixture.child("c3", at: Fixture.enschede)
        far.maxDistanceKm = 10
        var excluded = try PlanState(landscape: Fixture.landscape([a]), cases: [far])
        #expect(throws: PlanState.Failure.notCompatible(case: "c3", service: "A")) { try excluded.pin(case: 0, toService: 0) }

        var sibling = Fixture.child("c4"), sister = Fixture.child("c5")
        sibling.siblingGroup = "g"
        sister.siblingGroup = "g"
        #expect(throws: PlanState.Failure.sideConstraints) { try PlanState(landscape: Fixture.landscape([a]), cases: [sibling, sister]) }
        #expect(throws: PlanState.Failure.noRoomForOneMore) {
            try PlanState(PlacementProblem(landscape: Fixture.landscape([a]), cases: [other]))
        }
    }

    static func coldObjective(_ input: PlacementInput) -> Double? {
        let problem = PlacementProblem(landscape: input.landscape, cases: input.cases)
        guard case .solved(let solution) = TransportationSolver(problem: problem).solve(), solution.certified else { return nil }
        return solution.objective
    }
}
