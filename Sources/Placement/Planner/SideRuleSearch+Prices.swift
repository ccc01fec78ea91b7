import PlacementModel

extension SideRuleSearch {
    /// Subgradient steps at most (each a few shortest paths from the
    /// cases whose prices changed): 50 up to 3,000 children, fewer above
    /// (a step costs more, and a large plan needs its time for nodes: at
    /// 20,000 children 50 steps took most of a minute).
    var priceSteps: Int { max(6, min(50, 150_000 / max(1, problem.cases.count))) }

    /// The side rules' prices (``SideRulePrices``) by subgradient steps from
    /// the root's flow: rows are added as plans break them, each step moves
    /// every price by how much the plan breaks (+) or leaves slack (−) its
    /// row, scaled by the gap to the best plan known (Polyak's step, halved
    /// when the bound has not risen for a few steps). The prices that gave
    /// the highest bound are kept; a plan within the rules found on the way
    /// may become the best. Prices are left off when none helped.
    mutating func findPrices(best: inout (chosen: [ColumnKey?], objective: Double)?, shouldStop: () -> Bool) {
        var prices = SideRulePrices(problem)
        var flow = root
        var highest = -Double.infinity, kept: [Double] = []
        var step = 1.0, sinceRise = 0
        for _ in 0..<priceSteps where !shouldStop() {
            let chosen = flow.columns()
            let cost = planner.objective(problem, chosen)
            var bound = cost
            for r in prices.rows.indices { bound += prices.price[r] * prices.excess(r, chosen, problem) }
            if bound > highest + Self.tolerance(bound) {
                (highest, kept, sinceRise) = (bound, prices.price, 0)
            } else {
                sinceRise += 1
                if sinceRise >= 5 { (step, sinceRise) = (step / 2, 0) }
            }
            let candidate = planner.respectsSideConstraints(problem, chosen) ? chosen : planner.withinSideConstraints(problem, chosen)
            if let candidate {
                let value = planner.objective(problem, candidate)
                if value < best?.objective ?? .infinity { best = (candidate, value) }
            }
            let upper = best?.objective ?? bound + max(1, abs(bound) * 1e-4)
            if upper - bound <= Self.tolerance(upper) || step < 1.0 / 256 { break }
            for row in prices.broken(chosen, problem) where prices.index[row] == nil {
                prices.index[row] = prices.rows.count
                prices.rows.append(row)
                prices.price.append(0)
            }
            let moved = prices.rows.indices.map { r in
                let g = prices.excess(r, chosen, problem)
                return prices.price[r] == 0 && g < 0 ? 0 : g
            }
            let norm = moved.reduce(0) { $0 + $1 * $1 }
            guard norm > 0 else { break }
            for r in prices.rows.indices { prices.price[r] = max(0, prices.price[r] + step * (upper - bound) / norm * moved[r]) }
            guard reprice(&flow, to: prices.penalty([:], problem).penalty) else { return }
        }
        guard highest > root.objective() + Self.tolerance(highest), kept.contains(where: { $0 > 0 }) else { return }
        prices.price = kept + Array(repeating: 0, count: prices.rows.count - kept.count)
        self.prices = prices
    }

    /// The flow with prices `after` instead of its own: the cases whose
    /// prices changed are released, given their arcs at the new prices and
    /// placed again. False when one cannot be (a pin that no longer holds).
    func reprice(_ flow: inout Flow, to after: [Int: [Int32: Double]]) -> Bool {
        let before = flow.penalty
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        flow.penalty = after
        for c in changed {
            flow.release(case: c)
            flow.exclude(case: c, pairs: [])
        }
        for c in changed where !flow.augment(from: c) { return false }
        return true
    }
}

extension SideRuleSearch {
    /// Rounds of ``repaired(from:)`` at most.
    static let repairRounds = 8

    /// A plan within the rules from a node's flow, warm: every rule its
    /// plan breaks is settled at once the way the planner's mend settles it
    /// (siblings keep a pinned member's facility, else the first placed
    /// member's; of two conflicting children the later unpinned one leaves),
    /// by taking those pairs away and solving again from the flow, round
    /// after round while new rules break; then mended. Its cost, not a bound.
    func repaired(from start: Flow) -> (chosen: [ColumnKey?], objective: Double)? {
        var flow = start
        var excluded: Exclusions = [:]
        var chosen = flow.columns()
        func pinned(_ c: Int) -> Bool { problem.cases[c].pinnedService != nil }
        for _ in 0..<Self.repairRounds {
            let rules = brokenRules(chosen)
            guard !rules.isEmpty else { break }
            var more: Exclusions = [:]
            for branching in rules {
                // the child that settles the rule as the planner's mend does
                let kept: Int
                if branching.open != nil {
                    // a sibling group: child k keeps the k-th facility used, in member order
                    let group = problem.siblingGroups[branching.rule]
                    func facility(_ c: Int) -> FacilityID? { chosen[c].flatMap(problem.facility) }
                    var used: [FacilityID] = []
                    for m in group.members { if let f = facility(m), !used.contains(f) { used.append(f) } }
                    kept = Planner.keptFacility(group, facility: facility, pinned: pinned).flatMap { used.firstIndex(of: $0) } ?? 0
                } else {
                    let pair = problem.conflicts[branching.rule - problem.siblingGroups.count]
                    kept = Planner.givesWay(pair, pinned: pinned) == pair.b ? 1 : 0
                }
                more = Self.adding(branching.children[kept], to: more)
            }
            excluded = Self.adding(more, to: excluded)
            guard case (.solved(let next, _), let nextFlow?) = evaluate(excluded, changing: more.keys.sorted(), from: flow, proving: false)
            else { return nil }
            (chosen, flow) = (next, nextFlow)
        }
        guard let plan = planner.withinSideConstraints(problem, chosen) else { return nil }
        return (plan, planner.objective(problem, plan))
    }
}
