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

    /// The leaves, when the relaxed plan breaks a rule and the base plan's
    /// search proves the base optimum again within ``leafSearchNodes`` nodes
    /// and a quarter as many leaves; else none (each what-if then searches
    /// on its own).
    mutating func prepareLeaves() {
        guard problem.hasSideConstraints, leaves == nil else { return }
        let rules = withRules(relaxed)
        guard !planner.respectsSideConstraints(rules, relaxed.assignments) else { return }
        var search = SideRuleSearch(problem: rules, planner: planner, root: relaxed.flow)
        search.pricesRules = false
        // a large tree would cost more per what-if than a search of its own
        search.nodeLimit = min(planner.sideRuleNodeLimit, Self.leafSearchNodes)
        let cancellation = planner.parameters.cancellation
        var found: [SideRuleSearch.Leaf] = []
        let result = search.run(
            incumbent: planner.withinSideConstraints(rules, relaxed.assignments), shouldStop: { cancellation?.isCancelled == true },
            leaves: &found)
        guard case .optimal(_, let objective, _) = result, abs(objective - base.objective) <= 1e-9 * max(1, abs(objective)),
            found.count <= Self.leafSearchNodes / 4
        else { return }
        var flows: [LeafFlow] = []
        for leaf in found.enumerated().sorted(by: { ($0.element.bound, $0.offset) < ($1.element.bound, $1.offset) }).map(\.element) {
            let (evaluation, flow) = search.evaluate(leaf.excluded)
            switch evaluation {
            case .solved(_, let objective):
                guard var flow else { return }
                flow.resortsArcs = false
                flows.append(LeafFlow(excluded: leaf.excluded, bound: leaf.bound, objective: objective, state: PlanState(flow: flow)))
            case .infeasible: continue
            case .unproven: return
            }
        }
        leaves = flows
    }

    /// What a what-if gives in one leaf.
    enum LeafOutcome {
        /// No plan in the leaf.
        case none
        /// The leaf's relaxed optimum under the what-if: its best plan when
        /// it keeps the rules, else a bound on the leaf's plans.
        case plan(PlanTotals, keepsRules: Bool)
        /// The leaf cannot tell (the what-if could not be made on its flow).
        case unknown
    }

    /// The best plan over the leaves: `.some(nil)` when no leaf has one, nil
    /// when a leaf whose optimum breaks a rule might hold a better plan than
    /// the best found (its own search must then decide). `rising`: the
    /// what-if only costs more, so a leaf whose bound is not below the best
    /// found cannot do better, nor can any after it.
    func bestInLeaves(rising: Bool, _ outcome: (LeafFlow) -> LeafOutcome) -> PlanTotals?? {
        guard let leaves else { return nil }
        func tolerance(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }
        var best: PlanTotals?
        var lowestBroken = Double.infinity
        for leaf in leaves {
            if rising, let best, leaf.bound >= best.objective - tolerance(best.objective) { break }
            switch outcome(leaf) {
            case .none: continue
            case .unknown: return nil
            case .plan(let totals, true): if totals.objective < best?.objective ?? .infinity { best = totals }
            case .plan(let totals, false): lowestBroken = min(lowestBroken, totals.objective)
            }
        }
        let bar = best?.objective ?? .infinity
        guard lowestBroken >= bar - tolerance(bar) || lowestBroken == .infinity else { return nil }
        return .some(best)
    }

    /// The best plan with `delta` places more at service s, leaf by leaf:
    /// `.some(nil)` when the pins cannot all hold, nil when the leaves
    /// cannot tell.
    func changedInLeaves(_ s: Int, by delta: Int) -> PlanTotals?? {
        bestInLeaves(rising: delta < 0) { leaf in
            var state = leaf.state
            switch Result(catching: { () throws(PlanState.Failure) in try state.changeCapacity(ofService: s, by: delta) }) {
            case .success: return .plan(state.totals, keepsRules: keepsSideRules(state))
            case .failure(.pinsCannotHold): return .none
            case .failure: return .unknown
            }
        }
    }
}
