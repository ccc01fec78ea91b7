import LinearProgramming
import PlacementModel

/// A leaf of the base plan's side-rule search and its optimal flow.
struct LeafFlow: Sendable {
    var excluded: SideRuleSearch.Exclusions
    /// Its optimum before any what-if: no plan in it costs less.
    var bound: Double
    /// Its flow's plan's cost (the bound, but for rounding).
    var objective: Double
    var state: PlanState
    /// Its flow after one search from the sink: a place more anywhere
    /// without a search of its own (``Engine/searchFromSink()``).
    var tree: Flow?
    /// No plan in it that keeps the rules costs less (at least `bound`;
    /// higher for a leaf whose plan breaks a rule, once searched a little
    /// below: ``Engine/deepenLeaves(jobs:)``). Pins only take plans away,
    /// so a pinned what-if's answer in the leaf costs at least this too.
    var deep: Double
}

/// What-ifs under sibling and conflict rules, leaf by leaf. The leaves of
/// the base plan's side-rule search hold every plan that keeps the rules,
/// whatever the capacities or pins (they only take pairs away), so the
/// best plan of a what-if is the best of its best plans per leaf. In a
/// leaf, the what-if made good on the leaf's flow (a few augmenting paths)
/// is the leaf's best plan when it keeps the rules (a relaxation's optimum
/// that is feasible); when it does not in some leaf that matters, the
/// answer is left to the search of its own (nil).
extension Engine {
    /// The most nodes the leaves' search may take (the demo's takes 9).
    static let leafSearchNodes = 400

    /// The memory the leaves' flows may take, in bytes (each holds its own
    /// arcs): past it, a quarter of ``leafSearchNodes`` leaves at most.
    static let leafMemory = 768 << 20

    /// How many leaves may be kept: a quarter of ``leafSearchNodes``, more
    /// (up to as many) as far as ``leafMemory`` holds them. A leaf left out
    /// sends every what-if to a search of its own, far slower.
    var leavesKept: Int {
        let flow = relaxed.flow
        let bytes = flow.arcs.arc.count * MemoryLayout<Arcs.Arc>.stride + flow.potential.count * 64
        return max(Self.leafSearchNodes / 4, min(Self.leafSearchNodes, Self.leafMemory / max(1, bytes)))
    }

    /// What the leaves' search found, before it is checked against the base
    /// optimum (``adopt(_:)``): it runs beside the base plan's own search.
    struct FoundLeaves: Sendable {
        /// What branching on each rule cost (kept whatever the search found).
        var rises: [Int: Double]
        /// The optimum it proved, and the leaves with their flows, by
        /// bound; nil when it did not prove one within its limits.
        var proven: (objective: Double, leaves: [LeafFlow])?
    }

    /// The leaves, when the relaxed plan breaks a rule and the base plan's
    /// search proves the base optimum again within ``leafSearchNodes`` nodes
    /// and ``leavesKept`` leaves; else none (each what-if then searches on
    /// its own).
    mutating func prepareLeaves() {
        guard leaves == nil, let found = searchLeaves() else { return }
        adopt(found)
    }

    /// The leaves' search's rises, and its leaves when it proved the base
    /// plan's optimum.
    mutating func adopt(_ found: FoundLeaves) {
        rises = found.rises
        guard let (objective, flows) = found.proven, abs(objective - base.objective) <= 1e-9 * max(1, abs(objective)) else { return }
        leaves = flows
    }

    /// The leaves' search from the relaxed plan (nil when the plan keeps
    /// the rules: no leaves needed). It reads nothing of the base plan.
    func searchLeaves() -> FoundLeaves? {
        guard problem.hasSideConstraints else { return nil }
        // a large tree would cost more per what-if than a search of its own
        var search = whatIfSearch(from: relaxed, nodes: Self.leafSearchNodes)
        let rules = search.problem
        guard !planner.respectsSideConstraints(rules, relaxed.assignments) else { return nil }
        search.leafFlowsKept = leavesKept
        let cancellation = planner.parameters.cancellation
        var found: [SideRuleSearch.Leaf] = []
        let result = search.run(
            incumbent: planner.withinSideConstraints(rules, relaxed.assignments), shouldStop: { cancellation?.isCancelled == true },
            leaves: &found)
        var outcome = FoundLeaves(rises: search.rises)
        guard case .optimal(_, let objective, _) = result, found.count <= search.leafFlowsKept else { return outcome }
        var flows: [LeafFlow] = []
        for leaf in found.enumerated().sorted(by: { ($0.element.bound, $0.offset) < ($1.element.bound, $1.offset) }).map(\.element) {
            // a leaf whose plan kept the rules comes with its flow; the others are solved again
            var solved = leaf.solved
            if solved == nil {
                switch search.evaluate(leaf.excluded) {
                case (.solved(_, let objective), let flow?): solved = (flow, objective)
                case (.infeasible, _): continue
                default: return outcome
                }
            }
            guard let (solvedFlow, objective) = solved else { return outcome }
            var flow = solvedFlow
            flow.resortsArcs = false
            flows.append(LeafFlow(excluded: leaf.excluded, bound: leaf.bound, objective: objective, state: PlanState(flow: flow), deep: leaf.bound))
        }
        outcome.proven = (objective, flows)
        return outcome
    }

    /// Nodes a leaf whose plan breaks a rule is searched below, for a
    /// higher floor under its pinned what-ifs (``LeafFlow/deep``).
    static let deepeningNodes = 16

    /// Each leaf whose plan breaks a rule searched ``deepeningNodes`` nodes
    /// deep (best bound first, no plan to beat): the lowest bound left, or
    /// its optimum when found, becomes its ``LeafFlow/deep``. Every child's
    /// pinned what-if in that leaf (explanations) would otherwise search it
    /// again and again; the floor lets many skip it. `jobs` threads share
    /// the leaves (the floors do not depend on it).
    mutating func deepenLeaves(jobs: Int) throws {
        guard let leaves else { return }
        let engine = self
        let floors = try Chunked.each(leaves.count, jobs: jobs) { k -> Double in
            let leaf = leaves[k]
            guard !engine.keepsSideRules(leaf.state.flow) else { return leaf.deep }
            var search = engine.whatIfSearch(from: leaf.state, nodes: Self.deepeningNodes)
            switch search.run(incumbent: nil, within: leaf.excluded, shouldStop: { false }) {
            case .optimal(_, let objective, _): return max(leaf.deep, objective)
            case .stopped(_, let bound, _): return max(leaf.deep, bound)
            case .unproven: return leaf.deep
            }
        }
        for k in leaves.indices { self.leaves?[k].deep = floors[k] }
    }

    /// The best plan with `delta` places more at service s, leaf by leaf:
    /// `.some(nil)` when the pins cannot all hold, nil when the leaves
    /// cannot tell. Each leaf's flow changed warm; a leaf whose changed plan
    /// breaks a rule but costs less than the best plan keeping them is then
    /// searched on its own (a small subtree), cheapest first. With one place
    /// fewer the change only costs more: a leaf whose bound is not below the
    /// best plan found cannot do better, nor can any after it.
    func changedInLeaves(_ s: Int, by delta: Int) -> PlanTotals?? {
        guard let leaves else { return nil }
        var best: (objective: Double, state: PlanState?, totals: PlanTotals?)?
        // leaves whose changed plan breaks a rule, by that plan's cost (the
        // leaf's plans cost at least that); the changed state when at hand
        var broken: [(objective: Double, state: PlanState?, leaf: LeafFlow)] = []
        func beats(_ objective: Double) -> Bool {
            guard let best else { return true }
            return objective < best.objective - SideRuleSearch.tolerance(best.objective)
        }
        for leaf in leaves {
            if delta < 0, !beats(leaf.bound) { break }
            var state = leaf.state
            if delta == 1, let tree = leaf.tree {
                // along the leaf's search from the sink: no search of its own
                state.addPlace(ofService: s, along: tree)
            } else {
                switch changed(leaf, s, by: delta, below: best?.objective) {
                case .some(.some(let changed)): state = changed
                case .some(nil): continue
                case nil: return nil
                }
            }
            let objective = leaf.objective + state.flow.costChange
            if keepsSideRules(state.flow) {
                if objective < best?.objective ?? .infinity { best = (objective, state, nil) }
            } else {
                // along the tree its potentials are stale: changed again if it is searched
                broken.append((objective, delta == 1 && leaf.tree != nil ? nil : state, leaf))
            }
        }
        for (objective, kept, leaf) in broken.sorted(by: { $0.objective < $1.objective }) where beats(objective) {
            var state = leaf.state
            if let kept {
                state = kept
            } else {
                switch changed(leaf, s, by: delta, below: best?.objective) {
                case .some(.some(let changed)): state = changed
                case .some(nil): continue
                case nil: return nil
                }
            }
            // a leaf's subtree: no larger than the base plan's whole tree may be (else the search from the top)
            switch searched(state, within: leaf.excluded, nodes: Self.leafSearchNodes, below: best?.objective ?? .infinity) {
            case .some(.some(let found)): if beats(found.objective) { best = (found.objective, nil, found) }
            case .some(nil): continue
            case nil: return nil
            }
        }
        guard let best else { return .some(nil) }
        if let totals = best.totals { return totals }
        guard let flow = best.state?.flow else { return nil }
        return PlanTotals(flow.problem, chosen: flow.columns(), objective: best.objective)
    }

    /// The leaf's state with `delta` places more at service s; `.some(nil)`
    /// when no plan keeps the pins, or, with a place fewer, none costs less
    /// than `bar` (its search stops there); nil when it fails otherwise.
    func changed(_ leaf: LeafFlow, _ s: Int, by delta: Int, below bar: Double?) -> PlanState?? {
        var state = leaf.state
        let limit = delta < 0 ? (bar.map { $0 - leaf.objective + SideRuleSearch.tolerance($0) } ?? .infinity) : .infinity
        switch Result(catching: { () throws(PlanState.Failure) in try state.changeCapacity(ofService: s, by: delta, risingLessThan: limit) }) {
        case .success: return .some(state)
        case .failure(.pinsCannotHold): return .some(nil)
        case .failure: return nil
        }
    }
}
