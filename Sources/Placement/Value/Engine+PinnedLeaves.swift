import LinearProgramming
import PlacementModel

/// A child pinned to another service under sibling and conflict rules,
/// leaf by leaf (``Engine/prepareLeaves()``): in each leaf that can give
/// the child that service, the leaf's flow with the child moved there by
/// one shortest path; when that plan breaks a rule and could still beat
/// the best found, a search of the leaf's own (a small subtree) decides.
/// Leaves are taken by a lower bound on their answer, and none is solved
/// whose bound cannot beat the best plan found.
extension Engine {
    /// A pinned what-if's best plan: its cost, and its totals when asked.
    struct Pinned {
        var objective: Double
        var totals: PlanTotals?
    }

    /// What the what-if gives in one leaf.
    enum PinnedOutcome {
        case none
        case plan(Pinned)
        case unknown
    }

    /// The best plan with case c at service s: `.some(nil)` when no plan
    /// gives it s, nil when the leaves cannot tell (no leaves, or a leaf's
    /// search gave up). `totals`: each case's service and the plan's KPIs
    /// too (who moves), else only the cost. First every leaf that may beat
    /// the best found is moved warm (a plan that keeps the rules is that
    /// leaf's answer); then the leaves whose moved plan broke a rule, by
    /// that plan's cost (no plan in the leaf costs less), are searched, each
    /// only for a plan below the best found so far.
    func pinnedInLeaves(_ c: Int, to s: Int, totals: Bool = true) -> Pinned?? {
        guard let leaves else { return nil }
        let atS = problem.pairRanges[c].filter { Int(problem.pairs[$0].serviceIndex) == s }.map { Int32($0) }
        guard !atS.isEmpty else { return .some(nil) }
        // each leaf that can give c service s, by a lower bound on its answer
        // (a leaf that took s from the child has no such plan)
        var order: [(low: Double, leaf: Int)] = []
        for (k, leaf) in leaves.enumerated() where !atS.allSatisfy({ leaf.excluded[c]?.contains($0) == true }) {
            let rise = leaf.state.flow.costOfMoving(case: c, toService: s) ?? 0
            order.append((max(leaf.objective + rise, leaf.deep) - SideRuleSearch.tolerance(leaf.objective), k))
        }
        order.sort { ($0.low, $0.leaf) < ($1.low, $1.leaf) }
        var best: (objective: Double, flow: Flow?, totals: PlanTotals?)?
        func beats(_ objective: Double) -> Bool {
            guard let best else { return true }
            return objective < best.objective - SideRuleSearch.tolerance(best.objective)
        }
        var broken: [(low: Double, leaf: Int)] = []
        for (low, k) in order {
            guard beats(low) else { break }
            switch moved(c, to: s, on: leaves[k].state.flow, costing: leaves[k].objective, below: best?.objective ?? .infinity) {
            case .noWay: continue
            case .moved(let flow, let objective):
                if keepsSideRules(flow) {
                    if objective < best?.objective ?? .infinity { best = (objective, flow, nil) }
                } else {
                    // the leaf's plans with c at s cost at least this
                    broken.append((max(objective, leaves[k].deep - SideRuleSearch.tolerance(objective)), k))
                }
            case .notForced: broken.append((low, k))
            }
        }
        for (low, k) in broken.sorted(by: { ($0.low, $0.leaf) < ($1.low, $1.leaf) }) {
            guard beats(low) else { break }
            switch searched(c, to: s, in: leaves[k], below: best?.objective ?? .infinity, totals: totals) {
            case .none: continue
            case .unknown: return nil
            case .plan(let answer): if beats(answer.objective) { best = (answer.objective, nil, answer.totals) }
            }
        }
        guard let best else { return .some(nil) }
        if let flow = best.flow { return Pinned(flow, best.objective, totals: totals) }
        return Pinned(objective: best.objective, totals: best.totals)
    }

    /// Case c moved to service s warm.
    enum Moved {
        /// The flow's arcs lack a way into s (pin it instead).
        case notForced
        /// No plan gives c service s for less than the bar.
        case noWay
        /// The flow with c at s, and its plan's cost.
        case moved(Flow, Double)
    }

    /// Case c moved to service s on a copy of `flow` (its plan costing
    /// `objective`) sharing its arcs: released, and placed again by one
    /// search that may only enter s, stopped where the plan could no longer
    /// cost less than `bar`; the cost read off its path.
    func moved(_ c: Int, to s: Int, on flow: Flow, costing objective: Double, below bar: Double = .infinity) -> Moved {
        var flow = flow
        let released = flow.cost(ofCase: c)
        // the plan's cost rises by the search's distance plus c's own potential
        let limit = bar - objective - (flow.ownPotential(case: c) ?? -.infinity) + SideRuleSearch.tolerance(bar)
        flow.release(case: c)
        guard flow.force(case: c, toService: s) else { return .notForced }
        guard let path = flow.augmentCosting(from: c, limit: limit) else { return .noWay }
        return .moved(flow, objective - released + path)
    }

    /// The leaf's best plan with case c pinned to service s, by a search
    /// inside the leaf from its flow with c pinned there.
    func searched(_ c: Int, to s: Int, in leaf: LeafFlow, below ceiling: Double, totals: Bool) -> PinnedOutcome {
        var state = leaf.state
        var renumbered = state.problem
        guard let moved = renumbered.pin(case: c, toService: s) else { return .none }
        switch Result(catching: { () throws(PlanState.Failure) in try state.pin(case: c, toService: s) }) {
        case .success: break
        case .failure(.pinsCannotHold): return .none
        case .failure: return .unknown
        }
        // the leaf's exclusions in the pinned problem's numbering (c has one pair left, at s)
        var excluded: SideRuleSearch.Exclusions = [:]
        for (k, pairs) in leaf.excluded where k != c { excluded[k] = Set(pairs.map(moved)) }
        // a leaf's subtree: no larger than the base plan's whole tree may be (else the search from the top)
        switch searched(state, within: excluded, nodes: Self.leafSearchNodes, below: ceiling) {
        case .some(.some(let found)): return .plan(Pinned(objective: found.objective, totals: totals ? found : nil))
        case .some(nil): return .none
        case nil: return .unknown
        }
    }
}

extension Engine.Pinned {
    /// The plan of `flow`, costing `objective`; its totals when asked.
    init(_ flow: Flow, _ objective: Double, totals: Bool) {
        self.init(objective: objective, totals: totals ? PlanTotals(flow.problem, chosen: flow.columns(), objective: objective) : nil)
    }
}
