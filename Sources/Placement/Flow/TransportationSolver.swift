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
    func solve(prices: [Double]? = nil, shouldStop: () -> Bool = { false }) -> Outcome {
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
            if step & 15 == 15 && shouldStop() { return .stopped(partial: flow.pinned[start] ? nil : flow.columns()) }
            // only a pinned case can fail to find a way out
            guard flow.augment(from: start) else { return .pinsCannotHold }
        }
        flow.normalize()
        return .solved(
            certify(assigned: flow.columns(), held: flow.held, potential: flow.potential, unplacedCost: flow.unplacedCost))
    }

    /// Duals from the potentials: β_g = potential of g (≤ 0, 0 where places
    /// are left), α_c = the cost of c's choice minus its β (its unplaced
    /// cost when unplaced). Checks every column's reduced cost.
    private func certify(
        assigned: [ColumnKey?], held: [Int32], potential: [Double], unplacedCost: [Double]
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
        for ci in 0..<n {
            if let key = assigned[ci] {
                let cost = problem.cost(key)
                objective += cost
                alpha[ci] = cost - beta[Int(key.group)]
            } else {
                objective += unplacedCost[ci]
                alpha[ci] = unplacedCost[ci]
            }
            if problem.cases[ci].pinnedService == nil && unplacedCost[ci] - alpha[ci] < -tolerance { certified = false }
            for p in problem.pairRanges[ci] where excludedPairs.isEmpty || !excludedPairs.contains(Int32(p)) {
                for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] {
                    let rc = problem.cost(ColumnKey(pair: Int32(p), group: Int32(g))) - alpha[ci] - beta[g]
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

/// The flow being built, and the node potentials that keep every residual
/// arc's reduced cost non-negative, so that the flow is optimal for what it
/// carries. Nodes: cases 0..<n, slot groups n..<n+m, the sink n+m, a
/// virtual end n+m+1, then the chain nodes (`SlotChains`).
///
/// A pseudo-flow: a group that starts sold sends all its places to the sink
/// before any case comes in, and owes the difference (`sinkFlow` minus its
/// cases) until cases fill it; the sink accepts the rest of the cases
/// (`sinkDemand`). A case's search ends at the nearest node that still
/// waits for flow: a group that owes places, or the sink while it accepts.
/// When every case has been placed or left unplaced, nothing is owed.
struct Flow {
    let problem: PlacementProblem
    let chains: SlotChains
    let n: Int, m: Int, sink: Int
    /// A virtual node behind every node that waits for flow: searches end there.
    let end: Int
    /// The first chain node.
    let chain0: Int
    var potential: [Double]
    /// Per case: the arc it takes into a chain (node -1 when none), and that arc's cost.
    var entered: [ArcEnd]
    var enteredCost: [Double]
    var unplaced: [Bool]
    /// The cases on each chain node's way in.
    var entrants: Entrants
    /// Flow per chain node: on to its group, and on to the next node.
    var toGroup: [Int32]
    var toNext: [Int32]
    /// Per group: the cases it holds (flow into it from its chain nodes).
    var held: [Int32]
    /// Flow on each group's arc to the sink (its cases, or all its places when sold).
    var sinkFlow: [Int32]
    /// How many more units the sink accepts.
    var sinkDemand: Int
    let unplacedCost: [Double]
    let pinned: [Bool]
    var arcs: Arcs
    var search: Search
    /// Per chain node reached from a case: the arc it came by.
    var predecessorArc: [ArcEnd]
    var predecessorCost: [Double]
    // A settled case's arcs are scanned lazily, in order of a lower bound
    // on where they lead (its distance + potential + cost + the node's
    // price when last sorted): heap entries nodes + c resume case c's scan
    // once the search has come that far. Arcs leading farther than the way
    // out found are never scanned.
    var resumeAt: [Int]
    var resumeBase: [Double]
    var loose: [Int32]
    var toResort: [Int] = []
    var path: [Int] = []

    init(_ problem: PlacementProblem, excludedPairs: Set<Int32> = []) {
        self.problem = problem
        chains = SlotChains(problem)
        n = problem.cases.count
        m = problem.slotGroups.count
        sink = n + m
        end = n + m + 1
        chain0 = n + m + 2
        let nodes = chain0 + chains.nodes
        potential = [Double](repeating: 0, count: nodes)
        entered = [ArcEnd](repeating: ArcEnd(pair: -1, node: -1), count: n)
        enteredCost = [Double](repeating: 0, count: n)
        unplaced = [Bool](repeating: false, count: n)
        entrants = Entrants(nodes: chains.nodes, cases: n)
        toGroup = [Int32](repeating: 0, count: chains.nodes)
        toNext = [Int32](repeating: 0, count: chains.nodes)
        held = [Int32](repeating: 0, count: m)
        sinkFlow = [Int32](repeating: 0, count: m)
        sinkDemand = n
        unplacedCost = problem.cases.map { problem.costModel.unplacedCost($0) }
        pinned = problem.cases.map { $0.pinnedService != nil }
        arcs = Arcs(problem, chains: chains, unplacedCost: unplacedCost, pinned: pinned, excludedPairs: excludedPairs)
        search = Search(nodes: nodes)
        predecessorArc = [ArcEnd](repeating: ArcEnd(pair: -1, node: -1), count: chains.nodes)
        predecessorCost = [Double](repeating: 0, count: chains.nodes)
        resumeAt = [Int](repeating: 0, count: n)
        resumeBase = [Double](repeating: 0, count: n)
        loose = [Int32](repeating: 0, count: n)
    }

    /// Before any case is placed: every group with a price starts sold at
    /// that price (all its places owed to the sink), as long as the cases
    /// can fill them (the auction's prices always can: only groups it
    /// filled have one). The chain nodes get the cheapest price on to a
    /// group, and the arcs are sorted by cost plus these prices.
    mutating func startFrom(prices: [Double]) {
        var sold = [Double](repeating: 0, count: m)
        for g in 0..<m where prices[g] > 0 {
            let count = problem.slotGroups[g].count
            guard count <= sinkDemand else { continue }
            sold[g] = prices[g]
            potential[n + g] = -prices[g]
            sinkFlow[g] = Int32(count)
            sinkDemand -= count
        }
        let nodePrices = chains.prices(groups: sold)
        for x in 0..<chains.nodes { potential[chain0 + x] = -nodePrices[x] }
        for c in 0..<n { arcs.resort(c) { x in nodePrices[x] } }
    }

    /// Shifts the potentials so that the sink's is 0 (reduced costs stay).
    mutating func normalize() {
        let shift = potential[sink]
        for v in potential.indices { potential[v] -= shift }
    }

    /// The column each case takes, from the flow: along each chain, the
    /// cases that entered it go on to its groups in the order they entered
    /// (at one node, by case index); any such split costs the same.
    func columns() -> [ColumnKey?] {
        var chosen = [ColumnKey?](repeating: nil, count: n)
        var carried: [Int32] = []
        var arrived: [Int32] = []
        for x in 0..<chains.nodes where chains.previous(x) < 0 {
            carried.removeAll(keepingCapacity: true)
            var head = 0
            var v = x
            while v >= 0 {
                arrived.removeAll(keepingCapacity: true)
                entrants.forEach(v) { arrived.append($0) }
                carried += arrived.sorted()
                let g = chains.group(v)
                for _ in 0..<Int(toGroup[v]) where head < carried.count {
                    let c = Int(carried[head])
                    chosen[c] = ColumnKey(pair: entered[c].pair, group: Int32(g))
                    head += 1
                }
                v = chains.next(v)
            }
        }
        return chosen
    }

    /// One successive-shortest-path step: case `start` (neither placed nor
    /// unplaced yet) is placed or left unplaced, moving other cases along
    /// the cheapest way. False when there is no way out (only a pinned case
    /// can lack one).
    mutating func augment(from start: Int) -> Bool {
        let nodes = potential.count
        search.reset()
        potential[start] = 0  // nothing enters a case that holds no place
        search.reach(start, 0, from: -1)
        var found = false
        while let (d, node) = search.next() {
            let x = Int(node)
            // nothing left can be closer than the way out already found
            if search.distance[end] <= d { found = true; break }
            if x >= nodes {
                // resume the scan of a settled case: every arc whose bound is reached
                let u = x - nodes
                let du = search.distance[u], pu = potential[u], base = resumeBase[u]
                let own = entered[u].node
                let last = arcs.start[u + 1]
                var k = resumeAt[u]
                repeat {
                    let target = arcs.arc[k].end.node
                    let v = chain0 + Int(target)
                    if target != own && !search.settled[v] {
                        let price = -potential[v]
                        if arcs.arc[k].cost + price > arcs.arc[k].bound + 1e-9 { loose[u] += 1 }
                        if search.reach(v, du + max(0, arcs.arc[k].cost + pu + price), from: u) {
                            predecessorArc[Int(target)] = arcs.arc[k].end
                            predecessorCost[Int(target)] = arcs.arc[k].cost
                        }
                    }
                    k += 1
                } while k < last && base + arcs.arc[k].bound <= d
                resumeAt[u] = k
                if k < last { search.heap.push(base + arcs.arc[k].bound, Int32(nodes + u)) }
                continue
            }
            let u = x
            if search.settled[u] || d > search.distance[u] { continue }
            if u == end { found = true; break }
            search.settled[u] = true
            let pu = potential[u]
            if u >= chain0 {
                // a chain node: on to its group or the next node, back to
                // the node before (if flow came that way), or back to a
                // case that entered here
                let c = u - chain0
                let g = n + chains.group(c)
                if !search.settled[g] { search.reach(g, d + max(0, pu - potential[g]), from: u) }
                let next = chains.next(c)
                if next >= 0 && !search.settled[chain0 + next] {
                    search.reach(chain0 + next, d + max(0, chains.step(c) + pu - potential[chain0 + next]), from: u)
                }
                let previous = chains.previous(c)
                if previous >= 0 && toNext[previous] > 0 && !search.settled[chain0 + previous] {
                    search.reach(
                        chain0 + previous, d + max(0, -chains.step(previous) + pu - potential[chain0 + previous]), from: u)
                }
                var e = entrants.head[c]
                while e >= 0 {
                    let v = Int(e)
                    if !search.settled[v] { search.reach(v, d + max(0, -enteredCost[v] + pu - potential[v]), from: u) }
                    e = entrants.next[v]
                }
            } else if u < n {
                // a case: out as unplaced, or (lazily) into any chain it is not in
                if !pinned[u] && !unplaced[u] {
                    search.reach(sink, d + max(0, unplacedCost[u] + pu - potential[sink]), from: u)
                }
                let first = arcs.start[u]
                if first < arcs.start[u + 1] {
                    resumeAt[u] = first
                    resumeBase[u] = d + pu
                    search.heap.push(d + pu + arcs.arc[first].bound, Int32(nodes + u))
                }
            } else if u < sink {
                // a slot group: owed places end the path, a free place leads
                // to the sink, or a case it holds moves on (back into its chains)
                let g = u - n
                if sinkFlow[g] > held[g] {
                    search.reach(end, d, from: u)
                } else if Int(held[g]) < problem.slotGroups[g].count {
                    search.reach(sink, d + max(0, pu - potential[sink]), from: u)
                }
                for q in 0..<chains.kinds {
                    let c = q * m + g
                    if toGroup[c] > 0 && !search.settled[chain0 + c] {
                        search.reach(chain0 + c, d + max(0, pu - potential[chain0 + c]), from: u)
                    }
                }
            } else if sinkDemand > 0 {
                search.reach(end, d, from: u)
            } else {
                // the sink accepts no more: back along a group's arc to the
                // sink (it keeps one place fewer), or an unplaced case is placed after all
                for g in 0..<m where sinkFlow[g] > 0 && !search.settled[n + g] {
                    search.reach(n + g, d + max(0, pu - potential[n + g]), from: u)
                }
                for c in 0..<n where unplaced[c] && !search.settled[c] {
                    search.reach(c, d + max(0, pu - unplacedCost[c] - potential[c]), from: u)
                }
            }
        }
        guard found else { return false }
        // A re-sort costs in proportion to the case's arcs; a loose bound,
        // one arc scanned too soon. Half the arcs, at least 64, stayed the
        // fastest threshold at 20,000 children (190 arcs a case): at least
        // 16, 128, or a quarter, or all of them were slower.
        for v32 in search.touched where Int(v32) < n {
            let c = Int(v32)
            if Int(loose[c]) > max(64, (arcs.start[c + 1] - arcs.start[c]) / 2) { toResort.append(c) }
        }
        // new potentials keep every reduced cost non-negative
        let total = search.distance[end]
        for v32 in search.touched {
            let v = Int(v32)
            if search.settled[v] && search.distance[v] < total { potential[v] += search.distance[v] - total }
        }
        // prices rose: sort those cases' arcs by their bounds again
        for c in toResort {
            arcs.resort(c) { x in -min(0, potential[chain0 + x]) }
            loose[c] = 0
        }
        toResort.removeAll(keepingCapacity: true)
        // the path, then its arcs from the start on (a case leaves its
        // chain before it enters another)
        path.removeAll(keepingCapacity: true)
        var v = end
        while v != start {
            path.append(v)
            v = Int(search.predecessor[v])
        }
        path.append(start)
        for i in stride(from: path.count - 1, to: 0, by: -1) {
            carry(from: path[i], to: path[i - 1])
        }
        return true
    }

    /// One unit more along the residual arc u → v.
    private mutating func carry(from u: Int, to v: Int) {
        if v == end {
            if u == sink { sinkDemand -= 1 }  // else u is a group owing places: it got one
        } else if v == sink {
            if u < n {
                if entered[u].node >= 0 { entrants.remove(Int32(u), from: Int(entered[u].node)) }
                entered[u] = ArcEnd(pair: -1, node: -1)  // u leaves its chain (if any) for unplaced
                unplaced[u] = true
            } else {
                sinkFlow[u - n] += 1  // a free place of group u - n
            }
        } else if u == sink {
            if v < n {
                unplaced[v] = false  // an unplaced case is placed after all
            } else {
                sinkFlow[v - n] -= 1  // group v - n gives one place back
            }
        } else if u < n {
            // case u enters chain node v
            let c = v - chain0
            entered[u] = predecessorArc[c]
            enteredCost[u] = predecessorCost[c]
            entrants.add(Int32(u), to: c)
        } else if u >= chain0 {
            let c = u - chain0
            if v < n {
                // case v leaves chain node c
                entrants.remove(Int32(v), from: c)
                entered[v] = ArcEnd(pair: -1, node: -1)
            } else if v < sink {
                toGroup[c] += 1
                held[v - n] += 1
            } else if v - chain0 == chains.next(c) {
                toNext[c] += 1
            } else {
                toNext[v - chain0] -= 1  // back to the node before
            }
        } else {
            // group u - n gives a case back to chain node v
            toGroup[v - chain0] -= 1
            held[u - n] -= 1
        }
    }
}

/// A case's arc into a chain node, for the pair it comes from.
struct ArcEnd: Hashable, Sendable {
    var pair: Int32
    var node: Int32
}

/// The cases that entered each chain node, as doubly linked lists over the
/// cases (a case enters at most one node).
struct Entrants {
    var head: [Int32]
    var next: [Int32]
    var previous: [Int32]

    init(nodes: Int, cases: Int) {
        head = [Int32](repeating: -1, count: nodes)
        next = [Int32](repeating: -1, count: cases)
        previous = [Int32](repeating: -1, count: cases)
    }

    mutating func add(_ c: Int32, to x: Int) {
        let h = head[x]
        next[Int(c)] = h
        previous[Int(c)] = -1
        if h >= 0 { previous[Int(h)] = c }
        head[x] = c
    }

    mutating func remove(_ c: Int32, from x: Int) {
        let p = previous[Int(c)], q = next[Int(c)]
        if p >= 0 { next[Int(p)] = q } else { head[x] = q }
        if q >= 0 { previous[Int(q)] = p }
        next[Int(c)] = -1
        previous[Int(c)] = -1
    }

    @inline(__always)
    func forEach(_ x: Int, _ body: (Int32) -> Void) {
        var c = head[x]
        while c >= 0 {
            body(c)
            c = next[Int(c)]
        }
    }
}

/// Dijkstra's working arrays, reset in time proportional to what the last
/// search touched.
struct Search {
    var distance: [Double]
    var settled: [Bool]
    var predecessor: [Int32]
    var touched: [Int32] = []
    var heap = MinHeap()
    /// Nodes reached at exactly the distance last taken (over an arc of
    /// reduced cost 0, half of all at 20,000 children): taken next, in the
    /// reverse order reached, without the heap.
    var level: [Int32] = []
    var current = 0.0

    init(nodes: Int) {
        distance = [Double](repeating: .infinity, count: nodes)
        settled = [Bool](repeating: false, count: nodes)
        predecessor = [Int32](repeating: -1, count: nodes)
    }

    mutating func reset() {
        for v in touched {
            distance[Int(v)] = .infinity
            settled[Int(v)] = false
            predecessor[Int(v)] = -1
        }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        level.removeAll(keepingCapacity: true)
        current = 0
    }

    /// The next (distance, node) to take: the level's first, else the heap's least.
    mutating func next() -> (Double, Int32)? {
        if let v = level.popLast() { return (current, v) }
        guard let (d, v) = heap.pop() else { return nil }
        current = d
        return (d, v)
    }

    /// True when v is now reached from u.
    @inline(__always) @discardableResult
    mutating func reach(_ v: Int, _ d: Double, from u: Int) -> Bool {
        if distance[v] == .infinity { touched.append(Int32(v)) }
        guard d < distance[v] else { return false }
        distance[v] = d
        predecessor[v] = Int32(u)
        if d == current { level.append(Int32(v)) } else { heap.push(d, Int32(v)) }
        return true
    }
}

/// Each case's arcs that can be worth taking, one per compatible service
/// and chain it enters (`SlotChains.entries`): an arc costing at least the
/// case's unplaced cost is never better than leaving the case unplaced
/// (which frees a place and breaks no rule), unless the case is pinned.
/// Sorted by a bound: the cost plus the chain node's price (minus its
/// potential) when last sorted; prices only rise, so it stays a lower bound.
struct Arcs {
    /// Case c's arcs are `arc[start[c]..<start[c + 1]]`.
    var start: [Int]
    var arc: [Arc]

    /// An arc, with what a search reads of it side by side.
    struct Arc {
        var bound: Double
        var cost: Double
        var end: ArcEnd
    }

    init(_ problem: PlacementProblem, chains: SlotChains, unplacedCost: [Double], pinned: [Bool], excludedPairs: Set<Int32> = []) {
        // each case's arcs alone, the cases in chunks over the cores
        (arc, start) = Chunked.rows(problem.cases.count) { (ci, arcs: inout [Arc]) in
            let first = arcs.count
            let ready = problem.ready[ci].number
            for p in problem.pairRanges[ci] where excludedPairs.isEmpty || !excludedPairs.contains(Int32(p)) {
                let entries = chains.entries(case: ci, ready: ready, groups: problem.groupsOfService[Int(problem.pairs[p].serviceIndex)])
                for entry in [entries.forward, entries.backward] {
                    guard let entry else { continue }
                    // the entry's own column: cost and its rule in one place
                    let cost = problem.cost(ColumnKey(pair: Int32(p), group: Int32(entry.group)))
                    guard pinned[ci] || cost < unplacedCost[ci] else { continue }
                    arcs.append(Arc(bound: cost, cost: cost, end: ArcEnd(pair: Int32(p), node: Int32(entry.node))))
                }
            }
            arcs[first...].sort { ($0.cost, $0.end.pair, $0.end.node) < ($1.cost, $1.end.pair, $1.end.node) }
        }
    }

    /// Re-sorts case `c`'s arcs by cost plus their nodes' current prices
    /// (equal bounds keep their order: the result depends on nothing else).
    mutating func resort(_ c: Int, price: (Int) -> Double) {
        let first = start[c], count = start[c + 1] - first
        guard count > 1 else { return }
        // Sorted in two steps, both stable, to the order (bound, position):
        // by the bound rounded down to a Float (a radix sort of its bits:
        // bounds are >= 0, so the bits sort like the values), then exactly
        // by an insertion sort, which only moves bounds closer than a
        // Float's precision.
        fresh.removeAll(keepingCapacity: true)
        packed.removeAll(keepingCapacity: true)
        for i in 0..<count {
            let k = first + i
            let b = arc[k].cost + price(Int(arc[k].end.node))
            fresh.append(b)
            var f = Float(b)
            if Double(f) > b { f = f.nextDown }
            packed.append((f > 0 ? UInt64(f.bitPattern) << 32 : 0) | UInt64(i))
        }
        Self.radixSortHigh32(&packed, scratch: &spare, counts: &counts)
        order.removeAll(keepingCapacity: true)
        for p in packed {
            let r = Ranked(bound: fresh[Int(p & 0xFFFF_FFFF)], index: Int32(truncatingIfNeeded: p & 0xFFFF_FFFF))
            var at = order.count
            order.append(r)
            while at > 0 && (order[at - 1].bound > r.bound || (order[at - 1].bound == r.bound && order[at - 1].index > r.index)) {
                order[at] = order[at - 1]
                at -= 1
            }
            order[at] = r
        }
        moved.removeAll(keepingCapacity: true)
        for r in order {
            var a = arc[first + Int(r.index)]
            a.bound = r.bound
            moved.append(a)
        }
        for i in 0..<count { arc[first + i] = moved[i] }
    }

    /// Stable LSD radix sort by the high 32 bits, a byte per pass; a pass
    /// whose byte is the same everywhere is skipped.
    static func radixSortHigh32(_ values: inout [UInt64], scratch: inout [UInt64], counts: inout [Int]) {
        let n = values.count
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
        if counts.count != 256 { counts = [Int](repeating: 0, count: 256) }
        for pass in 0..<4 {
            let shift = UInt64(32 + 8 * pass)
            for k in 0..<256 { counts[k] = 0 }
            for v in values { counts[Int((v >> shift) & 0xFF)] += 1 }
            if counts[Int((values[0] >> shift) & 0xFF)] == n { continue }
            var sum = 0
            for k in 0..<256 {
                let c = counts[k]
                counts[k] = sum
                sum += c
            }
            for v in values {
                let b = Int((v >> shift) & 0xFF)
                scratch[counts[b]] = v
                counts[b] += 1
            }
            for i in 0..<n { values[i] = scratch[i] }
        }
    }

    private struct Ranked {
        var bound: Double
        var index: Int32
    }
    // scratch space for resort
    private var fresh: [Double] = []
    private var packed: [UInt64] = []
    private var spare: [UInt64] = []
    private var counts: [Int] = []
    private var order: [Ranked] = []
    private var moved: [Arc] = []
}

/// A 4-ary min-heap of (key, node) with lazy deletion (a node may be in it
/// more than once; the caller skips stale entries). Four children per node:
/// a shallower heap, and the children of a node share a cache line.
struct MinHeap {
    struct Entry {
        var key: Double
        var node: Int32
    }
    private var entries: [Entry] = []

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ node: Int32) {
        entries.append(Entry(key: key, node: node))
        entries.withUnsafeMutableBufferPointer { e in
            var i = e.count - 1
            let item = e[i]
            while i > 0 {
                let parent = (i - 1) >> 2
                if e[parent].key <= item.key { break }
                e[i] = e[parent]
                i = parent
            }
            e[i] = item
        }
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = entries.first, let last = entries.popLast() else { return nil }
        if entries.isEmpty { return (top.key, top.node) }
        entries.withUnsafeMutableBufferPointer { e in
            let count = e.count
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= count { break }
                var child = first
                var best = e[first].key
                let end = min(first + 4, count)
                var c = first + 1
                while c < end {
                    if e[c].key < best { best = e[c].key; child = c }
                    c += 1
                }
                if best >= last.key { break }
                e[i] = e[child]
                i = child
            }
            e[i] = last
        }
        return (top.key, top.node)
    }
}
