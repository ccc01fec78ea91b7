import PlacementModel

/// The placement problem without sibling and conflict rows is a
/// transportation problem: each case sends one unit to a slot group (at most
/// its count of cases) or to "unplaced". This solves it exactly as a min-cost
/// flow by successive shortest paths (Dijkstra on reduced costs, stopped at
/// the first way out), one case at a time. A case reaches a service's slot
/// groups through the service's chains (`SlotChains`): one arc per service,
/// not one per release date (at 20,000 children, 3.8 M arcs instead of 17.8 M).
///
/// The paths start from prices: a quick auction (`AuctionPrices`) tells
/// which slot groups will be contested and roughly what a place there is
/// worth. Those groups start "sold" (their places owed to the sink), so a
/// case's search usually ends at once at a group that still owes places; the
/// searches correct the prices wherever the auction was off. The prices only
/// guide: the plan is exact whatever they are, and a later plan may start
/// from an earlier plan's duals in the same way.
///
/// The result carries its own proof: LP duals built from the node
/// potentials, checked against every column of the full model, whose dual
/// objective equals the plan's cost. Without that proof (numerical trouble)
/// the caller falls back to GLPK. GLPK remains the solver for sibling and
/// conflict rules; this plan is then its lower bound and starting columns.
struct TransportationSolver {
    let problem: PlacementProblem
    /// Pairs (indices into `problem.pairs`) left out: the plan is optimal
    /// for the problem without them (e.g. a facility kept from a sibling).
    var excludedPairs: Set<Int32> = []

    struct Solution {
        /// The column each case takes, nil when unplaced.
        var chosen: [ColumnKey?]
        var objective: Double
        /// LP duals: per case row (α) and per slot-group row (β ≤ 0).
        var caseDuals: [Double]
        var groupDuals: [Double]
        /// The dual objective: a lower bound on every plan, also with side constraints.
        var bound: Double
        /// Whether the duals passed the check over every column (then `bound`
        /// equals `objective` up to rounding and the plan is optimal).
        var certified: Bool

        /// Reduced cost of a column under these duals (≥ 0 when certified).
        func reducedCost(_ key: ColumnKey, in problem: PlacementProblem) -> Double {
            problem.cost(key) - caseDuals[Int(problem.pairs[Int(key.pair)].caseIndex)] - groupDuals[Int(key.group)]
        }
    }

    enum Outcome {
        case solved(Solution)
        /// Some pinned case cannot be placed whatever the others do: the
        /// pins ask for more places than exist.
        case pinsCannotHold
        /// `shouldStop` said so: the plan so far (the cases not yet seen
        /// unplaced), nil while pinned cases are still to be placed.
        case stopped(partial: [ColumnKey?]?)
    }

    /// `prices` (one per slot group, ≥ 0) start the searches instead of
    /// the auction's: an earlier plan's duals, say, when little has changed.
    func solve(prices: [Double]? = nil, shouldStop: () -> Bool = { false }, progress: (Int, Int) -> Void = { _, _ in }) -> Outcome {
        solveKeepingFlow(prices: prices, shouldStop: shouldStop, progress: progress).outcome
    }

    /// The same, and the flow it ends with (for ``PlanState``'s warm re-solves).
    func solveKeepingFlow(
        prices: [Double]? = nil, shouldStop: () -> Bool = { false }, progress: (Int, Int) -> Void = { _, _ in }
    ) -> (outcome: Outcome, flow: Flow) {
        var flow = Flow(problem, excludedPairs: excludedPairs)
        let n = problem.cases.count
        var holdsPlace: [Bool]?
        if let prices {
            flow.startFrom(prices: prices)
        } else if let auction = AuctionPrices.run(
            problem, chains: flow.chains, arcs: &flow.arcs, unplacedCost: flow.unplacedCost, pinned: flow.pinned, shouldStop: shouldStop) {
            flow.startFrom(prices: auction.prices)
            holdsPlace = auction.holdsPlace
        }  // (an auction stopped early leaves the searches unpriced: they stop soon too)
        // Pinned cases first (a plan stopped early then still holds the
        // pins), then those the auction placed: their searches mostly end at
        // once, and the prices they leave make the others' shorter (at
        // 20,000 children a third fewer nodes in all). Then the most urgent:
        // they are the least likely to be moved again.
        let key = { (c: Int) in
            (flow.pinned[c] ? 0 : 1, holdsPlace?[c] == true ? 0 : 1, -flow.unplacedCost[c], c)
        }
        let order = (0..<n).sorted { key($0) < key($1) }
        for (step, start) in order.enumerated() {
            if step & 15 == 15 {
                progress(step, n)
                if shouldStop() { return (.stopped(partial: flow.pinned[start] ? nil : flow.columns()), flow) }
            }
            // only a pinned case can fail to find a way out
            guard flow.augment(from: start) else { return (.pinsCannotHold, flow) }
        }
        return (.solved(certify(flow)), flow)
    }

    /// The flow's plan with its proof; the flow's potentials are left as they
    /// are (they only fall, which keeps its arcs' sort bounds valid).
    func certify(_ flow: Flow) -> Solution {
        certify(
            assigned: flow.columns(), held: flow.held, potential: flow.normalizedPotentials, unplacedCost: flow.unplacedCost,
            penalty: flow.penalty)
    }

    /// Duals from the potentials: β_g = potential of g (≤ 0, 0 where places
    /// are left), α_c = the cost of c's choice minus its β (its unplaced
    /// cost when unplaced). Checks every column's reduced cost. A column's
    /// cost counts its case's `penalty` at its service (``Flow/penalty``).
    private func certify(
        assigned: [ColumnKey?], held: [Int32], potential: [Double], unplacedCost: [Double], penalty: [Int: [Int32: Double]]
    ) -> Solution {
        let n = problem.cases.count, m = problem.slotGroups.count
        var certified = true
        var beta = [Double](repeating: 0, count: m)
        var scale = 1.0
        for c in unplacedCost { scale = max(scale, c) }
        let tolerance = 1e-9 * scale
        for g in 0..<m {
            let p = min(0, potential[n + g])
            beta[g] = p
            if Int(held[g]) < problem.slotGroups[g].count && p < -tolerance { certified = false }
        }
        var alpha = [Double](repeating: 0, count: n)
        var objective = 0.0
        // a flag per pair read far faster than the set (a hash per pair)
        var excluded: [Bool] = []
        if !excludedPairs.isEmpty {
            excluded = [Bool](repeating: false, count: problem.pairs.count)
            for p in excludedPairs { excluded[Int(p)] = true }
        }
        for ci in 0..<n {
            let extra = penalty.isEmpty ? nil : penalty[ci]
            func added(_ p: Int) -> Double { extra?[problem.pairs[p].serviceIndex] ?? 0 }
            if let key = assigned[ci] {
                let cost = problem.cost(key) + added(Int(key.pair))
                objective += cost
                alpha[ci] = cost - beta[Int(key.group)]
            } else {
                objective += unplacedCost[ci]
                alpha[ci] = unplacedCost[ci]
            }
            if problem.cases[ci].pinnedService == nil && unplacedCost[ci] - alpha[ci] < -tolerance { certified = false }
            for p in problem.pairRanges[ci] where excluded.isEmpty || !excluded[p] {
                let more = added(p)
                for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] {
                    let rc = problem.cost(ColumnKey(pair: Int32(p), group: Int32(g))) + more - alpha[ci] - beta[g]
                    if rc < -tolerance { certified = false }
                }
            }
        }
        var bound = 0.0
        for a in alpha { bound += a }
        for g in 0..<m { bound += Double(problem.slotGroups[g].count) * beta[g] }
        if abs(bound - objective) > 1e-9 * max(1, abs(objective)) { certified = false }
        return Solution(
            chosen: assigned, objective: objective, caseDuals: alpha, groupDuals: beta,
            bound: min(bound, objective), certified: certified)
    }
}
