import PlacementModel

/// Small changes to an optimal flow, each made good by one more shortest
/// path from where it leaves the flow unbalanced (``PlanState``). The
/// potentials stay valid throughout: a change only removes residual arcs,
/// or adds arcs out of a case that holds nothing (whose potential is free),
/// or adds a place whose arc is then carried at once.
extension Flow {
    /// Slot group g has just got one place more (its count in `problem`).
    /// A place is worth using only when its arc to the sink costs less than
    /// 0 in reduced terms; then one unit is carried on it and sent from the
    /// sink back to g the cheapest way (straight back when nobody gains).
    mutating func addedPlace(group g: Int) {
        guard potential[n + g] < potential[sink] else { return }
        sinkFlow[g] += 1
        sinkDemand -= 1  // the sink got a unit more than it accepts
        let cost = augmentCosting(from: sink)
        sinkDemand += 1  // and sent one back out
        assert(cost != nil, "the way straight back from the sink to the group is always open")
        costChange += cost ?? 0
    }

    /// Every group's ``addedPlace(group:)`` at once: one search from the
    /// sink to every node (`untilEnd` off), kept in this flow's search for
    /// ``addedPlace(group:along:)`` on copies of the flow as it was. Each
    /// group's search would settle the same nodes the same way until it
    /// takes the group (nothing before it waits for flow: nothing is owed).
    mutating func searchFromSink() {
        _ = explore(from: sink, untilEnd: false)
    }

    /// ``addedPlace(group:)`` by `tree`'s search from the sink (a copy of
    /// this flow, ``searchFromSink()``): the unit goes round the cheapest way
    /// back to g when that costs less than 0, else straight back (no
    /// change). The potentials are left as they were: good for reading the
    /// plan, not for changing it again.
    mutating func addedPlace(group g: Int, along tree: Flow) {
        let back = potential[sink] - potential[n + g]
        guard back > 0, tree.search.distance[n + g] < back else { return }
        sinkFlow[g] += 1
        carry(pathTo: n + g, from: sink, of: tree)
        // the unit went round a cycle: its reduced cost is its cost
        costChange += tree.search.distance[n + g] - back
    }

    /// Slot group g has just lost a place (its count in `problem`). When it
    /// held a case on it, that unit goes back, and the case it leaves behind
    /// is moved on the cheapest way (to another place, or unplaced). False
    /// when no way is left (the group holds only pinned cases), or none
    /// that raises the plan's cost by less than `limit` (the search stops
    /// there).
    mutating func removedPlace(group g: Int, limit: Double = .infinity) -> Bool {
        guard Int(held[g]) > problem.slotGroups[g].count else { return true }
        // nothing else owed: the way ends at the sink, and costs its reduced
        // length less the group's potential plus the sink's
        let reduced = sinkDemand == 0 ? limit + potential[n + g] - potential[sink] : .infinity
        sinkFlow[g] -= 1
        sinkDemand += 1
        guard let cost = augmentCosting(from: n + g, limit: reduced) else { return false }
        costChange += cost
        return true
    }

    /// Takes case c out of the flow, as if it had not been planned yet: its
    /// place is owed again by its group (or the sink accepts one more).
    mutating func release(case c: Int) {
        if unplaced[c] {
            unplaced[c] = false
            sinkDemand += 1
            return
        }
        let x = Int(entered[c].node)
        guard x >= 0 else { return }
        entrants.remove(Int32(c), from: x)
        entered[c] = ArcEnd(pair: -1, node: -1)
        // Its unit goes on along the chain to some group: flow is conserved
        // at every node, so where none goes to the group, some goes on.
        var v = x
        while toGroup[v] == 0 {
            toNext[v] -= 1
            v = chains.next(v)
        }
        toGroup[v] -= 1
        held[chains.group(v)] -= 1
    }

    /// Case c (released) may only go to service s from now on, and not
    /// unplaced: its pairs at other services go from the problem, and its
    /// arcs become those into s's chains, whatever they cost. False, and
    /// nothing changed, when c has no pair at s.
    mutating func pin(case c: Int, toService s: Int) -> Bool {
        guard let moved = problem.pin(case: c, toService: s) else { return false }
        for k in arcs.arc.indices { arcs.arc[k].end.pair = moved(arcs.arc[k].end.pair) }
        for v in entered.indices where entered[v].pair >= 0 { entered[v].pair = moved(entered[v].pair) }
        pinned[c] = true
        // its pairs are now those at s (the problem's pin): every arc, whatever it costs
        var new: [Arcs.Arc] = []
        Arcs.append(case: c, pairs: problem.pairRanges[c], problem, chains, below: .infinity, to: &new)
        arcs.replace(arcsOf: c, with: new)
        arcs.resort(c) { x in -min(0, potential[chain0 + x]) }
        loose[c] = 0
        return true
    }

    /// The plan's cost: each case's column, or its unplaced cost.
    func objective() -> Double { objective(of: columns()) }

    /// The same for `chosen`, the flow's columns already at hand.
    func objective(of chosen: [ColumnKey?]) -> Double {
        var total = 0.0
        for (c, key) in chosen.enumerated() { total += key.map(problem.cost) ?? unplacedCost[c] }
        return total
    }
}

extension Flow {
    /// Case c (released) may no longer use the pairs `excluded` (indices into
    /// `problem.pairs`): its arcs become those of its other pairs, each
    /// costing its column plus the case's ``penalty`` at its service. Its
    /// potential is free while it holds nothing, so the potentials stay valid.
    mutating func exclude(case c: Int, pairs excluded: Set<Int32>) {
        var new: [Arcs.Arc] = []
        let pairs = problem.pairRanges[c].lazy.filter { !excluded.contains(Int32($0)) }
        Arcs.append(case: c, pairs: pairs, problem, chains, below: pinned[c] ? .infinity : unplacedCost[c], extra: penalty[c], to: &new)
        arcs.replace(arcsOf: c, with: new)
        arcs.resort(c) { x in -min(0, potential[chain0 + x]) }
        loose[c] = 0
    }
}

extension Flow {
    /// What case c costs the plan where it is: leaving it unplaced, or its
    /// way into its chain and along it to the group its unit fills (what
    /// ``release(case:)`` takes off the plan's cost).
    func cost(ofCase c: Int) -> Double {
        if unplaced[c] { return unplacedCost[c] }
        var x = Int(entered[c].node)
        guard x >= 0 else { return 0 }
        var total = enteredCost[c]
        while toGroup[x] == 0 {
            total += chains.step(x)
            x = chains.next(x)
        }
        return total
    }

    /// A lower bound on what giving case c service s adds to the plan's
    /// cost (c released, then placed by a search that may only enter s):
    /// the reduced cost of its cheapest arc into s, every arc after it
    /// costing at least 0, less what c's own way costs in reduced terms.
    /// Nil when c is released, or pinned with no arc into s.
    func costOfMoving(case c: Int, toService s: Int) -> Double? {
        guard let own = ownPotential(case: c) else { return nil }
        var cheapest = Double.infinity
        for k in arcs.start[c]..<arcs.start[c + 1] where problem.pairs[Int(arcs.arc[k].end.pair)].serviceIndex == s {
            cheapest = min(cheapest, max(0, arcs.arc[k].cost - potential[chain0 + Int(arcs.arc[k].end.node)]))
        }
        // an arc left out (costing the unplaced cost or more, `Arcs`) costs
        // at least that in reduced terms too (every chain potential is at most 0)
        if !pinned[c] { cheapest = min(cheapest, unplacedCost[c]) }
        return cheapest == .infinity ? nil : cheapest + own
    }

    /// The potential case c has where it is (its way there costs 0 in
    /// reduced terms); nil when it is released. Released and placed again
    /// by a search from it (its potential then 0), the plan's cost rises by
    /// the search's distance plus this.
    func ownPotential(case c: Int) -> Double? {
        if unplaced[c] { return potential[sink] - unplacedCost[c] }
        guard entered[c].node >= 0 else { return nil }
        return potential[chain0 + Int(entered[c].node)] - enteredCost[c]
    }

    /// Case c's facility in this flow's plan (nil when unplaced or at a team).
    func facility(ofCase c: Int) -> FacilityID? {
        let pair = entered[c].pair
        guard entered[c].node >= 0, pair >= 0 else { return nil }
        return problem.landscape.services[Int(problem.pairs[Int(pair)].serviceIndex)].facility
    }

    /// Case c (released) may only go to service s, as ``pin(case:toService:)``
    /// has it, but its arcs stay as they are (shared with the flow it was
    /// copied from): its searches skip arcs into other services. Only when
    /// every arc a pin would give it is there already (a non-pinned case has
    /// none costing more than leaving it unplaced); false, and nothing
    /// changed, otherwise.
    mutating func force(case c: Int, toService s: Int) -> Bool {
        let atS = problem.pairRanges[c].filter { Int(problem.pairs[$0].serviceIndex) == s }
        guard !atS.isEmpty else { return false }
        var wanted: [Arcs.Arc] = []
        Arcs.append(case: c, pairs: atS, problem, chains, below: .infinity, to: &wanted)
        let present = Set((arcs.start[c]..<arcs.start[c + 1]).map { arcs.arc[$0].end })
        guard wanted.allSatisfy({ present.contains($0.end) }) else { return false }
        onlyService[c] = Int32(s)
        pinned[c] = true
        return true
    }
}
