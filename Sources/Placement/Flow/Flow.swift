import PlacementModel

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
    /// Varies only under ``PlanState``: a slot group's count, a case's pin.
    var problem: PlacementProblem
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
    var pinned: [Bool]
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
    /// Whether searches sort loose arcs again (faster later searches). A
    /// warm what-if copy of a flow does not: its arcs, the largest part of
    /// it, then stay shared with the original instead of being copied.
    /// (Potentials only fall, so the old order stays a valid lower bound.)
    var resortsArcs = true
    /// Per case, the only service its searches may enter (−1: any): a
    /// what-if forcing a case somewhere without rebuilding its arcs.
    var onlyService: [Int32]
    /// Per case, a price added to its columns at some services (index →
    /// price): the side rules' Lagrange multipliers (``SideRuleSearch``).
    /// Taken up when the case's arcs are built again (``exclude(case:pairs:)``);
    /// the plan's cost and its proof count them. Empty outside that search.
    var penalty: [Int: [Int32: Double]] = [:]
    /// What the places added and taken away (``addedPlace(group:)``,
    /// ``removedPlace(group:)``) changed the plan's cost by, path by path:
    /// a what-if's cost without reading every case's column.
    var costChange = 0.0
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
        onlyService = [Int32](repeating: -1, count: n)
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

    /// The potentials shifted so that the sink's is 0 (reduced costs stay).
    var normalizedPotentials: [Double] {
        let shift = potential[sink]
        return potential.map { $0 - shift }
    }

    /// The column each case takes, from the flow: along each chain, the
    /// cases that entered it go on to its groups in the order they entered
    /// (at one node, by case index); any such split costs the same.
    func columns() -> [ColumnKey?] {
        var chosen = [ColumnKey?](repeating: nil, count: n)
        var carried: [Int32] = []
        for x in 0..<chains.nodes where chains.previous(x) < 0 {
            carried.removeAll(keepingCapacity: true)
            var head = 0
            var v = x
            while v >= 0 {
                // this node's entrants, by case index, after those carried on to it
                let arrived = carried.count
                entrants.forEach(v) { carried.append($0) }
                if carried.count - arrived > 1 { carried[arrived...].sort() }
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
    /// can lack one). ``PlanState`` also starts from the sink or a group
    /// that holds a case too many.
    mutating func augment(from start: Int) -> Bool {
        // nothing enters a case that holds no place, and every other
        // potential is at most 0: every arc out of it costs at least 0
        if start < n { potential[start] = 0 }
        guard explore(from: start, untilEnd: true) else { return false }
        updatePrices()
        carryPath(from: start)
        return true
    }

    /// Dijkstra from `start` over the residual arcs (reduced costs): until
    /// the nearest node that waits for flow (true when there is one), or,
    /// without `untilEnd`, to every node it reaches (false); never beyond
    /// `limit` (false).
    mutating func explore(from start: Int, untilEnd: Bool, limit: Double = .infinity) -> Bool {
        let nodes = potential.count
        search.reset()
        search.reach(start, 0, from: -1)
        while let (d, node) = search.next() {
            if d > limit { return false }
            let x = Int(node)
            // nothing left can be closer than the way out already found
            if untilEnd && search.distance[end] <= d { return true }
            if x >= nodes {
                resumeScan(ofCase: x - nodes, at: d)
                continue
            }
            let u = x
            // a node's first entry settles it, at its own distance (the heap
            // may hand an entry pushed a rounding below the last key taken
            // at that key); later entries of it are stale
            if search.settled[u] { continue }
            if u == end {
                if untilEnd { return true }
                continue
            }
            search.settled[u] = true
            let du = search.distance[u]
            if u >= chain0 {
                scanChainNode(u, at: du)
            } else if u < n {
                scanCase(u, at: du)
            } else if u < sink {
                scanGroup(u, at: du)
            } else {
                scanSink(at: du)
            }
        }
        return false
    }

    /// Resumes the scan of a settled case: every arc whose bound is reached by `d`.
    @inline(__always)
    private mutating func resumeScan(ofCase u: Int, at d: Double) {
        let nodes = potential.count
        let du = search.distance[u], pu = potential[u], base = resumeBase[u]
        let own = entered[u].node, only = onlyService[u]
        let last = arcs.start[u + 1]
        var k = resumeAt[u]
        repeat {
            let target = arcs.arc[k].end.node
            let v = chain0 + Int(target)
            if target != own && !search.settled[v]
                && (only < 0 || problem.pairs[Int(arcs.arc[k].end.pair)].serviceIndex == only) {
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
    }

    /// A chain node: on to its group or the next node, back to the node
    /// before (if flow came that way), or back to a case that entered here.
    @inline(__always)
    private mutating func scanChainNode(_ u: Int, at d: Double) {
        let pu = potential[u]
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
    }

    /// A case: out as unplaced, or (lazily) into any chain it is not in.
    @inline(__always)
    private mutating func scanCase(_ u: Int, at d: Double) {
        let pu = potential[u]
        if !pinned[u] && !unplaced[u] {
            search.reach(sink, d + max(0, unplacedCost[u] + pu - potential[sink]), from: u)
        }
        let first = arcs.start[u]
        if first < arcs.start[u + 1] {
            resumeAt[u] = first
            resumeBase[u] = d + pu
            search.heap.push(d + pu + arcs.arc[first].bound, Int32(potential.count + u))
        }
    }

    /// A slot group: owed places end the path, a free place leads to the
    /// sink, or a case it holds moves on (back into its chains).
    @inline(__always)
    private mutating func scanGroup(_ u: Int, at d: Double) {
        let pu = potential[u]
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
    }

    /// The sink: the end while it accepts; else back along a group's arc to
    /// the sink (it keeps one place fewer), or an unplaced case is placed after all.
    @inline(__always)
    private mutating func scanSink(at d: Double) {
        let u = sink, pu = potential[sink]
        if sinkDemand > 0 {
            search.reach(end, d, from: u)
            return
        }
        for g in 0..<m where sinkFlow[g] > 0 && !search.settled[n + g] {
            search.reach(n + g, d + max(0, pu - potential[n + g]), from: u)
        }
        for c in 0..<n where unplaced[c] && !search.settled[c] {
            search.reach(c, d + max(0, pu - unplacedCost[c] - potential[c]), from: u)
        }
    }

    /// After a search: new potentials that keep every reduced cost
    /// non-negative, and the arcs of cases whose bounds went loose sorted again.
    private mutating func updatePrices() {
        // A re-sort costs in proportion to the case's arcs; a loose bound,
        // one arc scanned too soon. Half the arcs, at least 64, stayed the
        // fastest threshold at 20,000 children (190 arcs a case): at least
        // 16, 128, or a quarter, or all of them were slower.
        for v32 in search.touched where resortsArcs && Int(v32) < n {
            let c = Int(v32)
            if Int(loose[c]) > max(64, (arcs.start[c + 1] - arcs.start[c]) / 2) { toResort.append(c) }
        }
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
    }

    /// ``augment(from:)``, and what the way it took costs in the plan's own
    /// terms (each arc's cost, not its reduced cost): the plan's cost rises
    /// by that much. Nil when there is no way out.
    /// `limit`: no way out is wanted whose reduced cost is above it (the
    /// search stops there: nil).
    mutating func augmentCosting(from start: Int, limit: Double = .infinity) -> Double? {
        if start < n { potential[start] = 0 }
        guard explore(from: start, untilEnd: true, limit: limit) else { return nil }
        let cost = costOfPath(from: start)
        updatePrices()
        carryPath(from: start)
        return cost
    }

    /// The cost of the way the last search found from `start` to the end,
    /// arc by arc as ``carry(from:to:arc:cost:)`` carries it.
    private func costOfPath(from start: Int) -> Double {
        var total = 0.0
        var v = end
        while v != start {
            let u = Int(search.predecessor[v])
            if v == sink {
                if u < n { total += unplacedCost[u] }  // u left unplaced
            } else if u == sink {
                if v < n { total -= unplacedCost[v] }  // placed after all
            } else if u < n {
                total += predecessorCost[v - chain0]  // u enters chain node v
            } else if u >= chain0 && v != end {
                let x = u - chain0
                if v < n {
                    total -= enteredCost[v]  // v leaves chain node x
                } else if v >= chain0 {
                    total += v - chain0 == chains.next(x) ? chains.step(x) : -chains.step(v - chain0)
                }
            }
            v = u
        }
        return total
    }

    /// The path found, then one unit along its arcs from the start on (a
    /// case leaves its chain before it enters another).
    private mutating func carryPath(from start: Int) {
        carry(pathTo: end, from: start, predecessor: search.predecessor, arcs: predecessorArc, costs: predecessorCost)
    }

    /// The path of `tree`'s last search (``explore(from:untilEnd:)``, from
    /// `start`) to node `target`, carried one unit along in this flow: the
    /// same flow as `tree` was before its search.
    mutating func carry(pathTo target: Int, from start: Int, of tree: Flow) {
        carry(pathTo: target, from: start, predecessor: tree.search.predecessor, arcs: tree.predecessorArc, costs: tree.predecessorCost)
    }

    /// One unit along the path a search found from `start` to `target`, by
    /// its predecessors (and, per chain node, the arc a case came in by).
    private mutating func carry(pathTo target: Int, from start: Int, predecessor: [Int32], arcs: [ArcEnd], costs: [Double]) {
        path.removeAll(keepingCapacity: true)
        var v = target
        while v != start {
            path.append(v)
            v = Int(predecessor[v])
        }
        path.append(start)
        for i in stride(from: path.count - 1, to: 0, by: -1) {
            let c = path[i - 1] - chain0
            carry(from: path[i], to: path[i - 1], arc: c >= 0 ? arcs[c] : ArcEnd(pair: -1, node: -1), cost: c >= 0 ? costs[c] : 0)
        }
    }

    /// One unit more along the residual arc u → v (`arc` and its `cost`:
    /// the case's way in, when u is a case and v a chain node).
    private mutating func carry(from u: Int, to v: Int, arc: ArcEnd, cost: Double) {
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
            entered[u] = arc
            enteredCost[u] = cost
            entrants.add(Int32(u), to: v - chain0)
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
