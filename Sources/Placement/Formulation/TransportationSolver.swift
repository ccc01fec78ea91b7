/// The placement problem without sibling and conflict rows is a
/// transportation problem: each case sends one unit to a slot group (at most
/// its count of cases) or to "unplaced". This solves it exactly as a min-cost
/// flow by successive shortest paths (Dijkstra on reduced costs, stopped at
/// the first way out), one case at a time: after each case the flow is
/// optimal for the cases seen so far. Most cases take their best column
/// straight away; only contested places make a case move another one.
///
/// The result carries its own proof: LP duals built from the node
/// potentials, checked against every column of the full model, whose dual
/// objective equals the plan's cost. Without that proof (numerical trouble)
/// the caller falls back to GLPK. GLPK remains the solver for sibling and
/// conflict rules; this plan is then its lower bound and starting columns.
struct TransportationSolver {
    let problem: PlacementProblem

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

    func solve(shouldStop: () -> Bool = { false }) -> Outcome {
        let n = problem.cases.count, m = problem.slotGroups.count
        let sink = n + m
        // node potentials: cases 0..<n, groups n..<n+m, the sink n+m (kept at 0)
        var potential = [Double](repeating: 0, count: n + m + 1)
        var assigned = [ColumnKey?](repeating: nil, count: n)
        var members = [[Int32]](repeating: [], count: m)
        let unplacedCost = problem.cases.map { problem.costModel.unplacedCost($0) }
        let pinned = problem.cases.map { $0.pinnedService != nil }
        var arcs = Arcs(problem, unplacedCost: unplacedCost, pinned: pinned)

        let nodes = n + m + 1
        var search = Search(nodes: nodes)
        var predecessorKey = [ColumnKey](repeating: ColumnKey(pair: -1, group: -1), count: m)
        // A settled case's columns are scanned lazily, in order of a lower
        // bound on where they lead (its distance + potential + cost + the
        // group's price when last sorted): heap entries nodes + c resume
        // case c's scan once the search has come that far. Columns leading
        // farther than the way out found are never scanned.
        var resumeAt = [Int](repeating: 0, count: n)
        var resumeBase = [Double](repeating: 0, count: n)
        var loose = [Int32](repeating: 0, count: n)
        var toResort: [Int] = []

        // pinned cases first (a plan stopped early then still holds the
        // pins), then the most urgent: they are the least likely to be moved again
        let order = (0..<n).sorted {
            (pinned[$0] ? 0 : 1, -unplacedCost[$0], $0) < (pinned[$1] ? 0 : 1, -unplacedCost[$1], $1)
        }
        for (step, start) in order.enumerated() {
            if step & 15 == 15 && shouldStop() { return .stopped(partial: pinned[start] ? nil : assigned) }
            search.reset()
            search.reach(start, 0, from: -1)
            var found = false
            while let (d, node) = search.heap.pop() {
                let x = Int(node)
                // nothing left can be closer than the way out already found
                if search.distance[sink] <= d { found = true; break }
                if x >= nodes {
                    // resume the scan of a settled case: every column whose bound is reached
                    let u = x - nodes
                    let du = search.distance[u], pu = potential[u], base = resumeBase[u]
                    let own = assigned[u]?.group ?? -1
                    let end = arcs.start[u + 1]
                    var k = resumeAt[u]
                    repeat {
                        let group = arcs.key[k].group
                        let v = n + Int(group)
                        if group != own && !search.settled[v] {
                            let price = -potential[v]
                            if arcs.cost[k] + price > arcs.bound[k] + 1e-9 { loose[u] += 1 }
                            let reached = du + max(0, arcs.cost[k] + pu + price)
                            if reached < search.distance[v] {
                                search.reach(v, reached, from: u)
                                predecessorKey[Int(group)] = arcs.key[k]
                            }
                        }
                        k += 1
                    } while k < end && base + arcs.bound[k] <= d
                    resumeAt[u] = k
                    if k < end { search.heap.push(base + arcs.bound[k], Int32(nodes + u)) }
                    continue
                }
                let u = x
                if search.settled[u] || d > search.distance[u] { continue }
                if u == sink { found = true; break }
                search.settled[u] = true
                if u < n {
                    // a case: out as unplaced, or (lazily) to any slot group it is not in
                    let pu = potential[u]
                    if !pinned[u] {
                        search.reach(sink, d + max(0, unplacedCost[u] + pu - potential[sink]), from: u)
                    }
                    let first = arcs.start[u]
                    if first < arcs.start[u + 1] {
                        resumeAt[u] = first
                        resumeBase[u] = d + pu
                        search.heap.push(d + pu + arcs.bound[first], Int32(nodes + u))
                    }
                } else {
                    // a slot group: a free place ends the path, or one of its cases moves on
                    let g = u - n
                    let pg = potential[u]
                    if members[g].count < problem.slotGroups[g].count {
                        search.reach(sink, d + max(0, pg - potential[sink]), from: u)
                    }
                    for v32 in members[g] {
                        let v = Int(v32)
                        guard !search.settled[v], let key = assigned[v] else { continue }
                        search.reach(v, d + max(0, -problem.cost(key) + pg - potential[v]), from: u)
                    }
                }
            }
            guard found else {
                // only a pinned case can fail to find a way out
                return .pinsCannotHold
            }
            for v32 in search.touched where Int(v32) < n && loose[Int(v32)] > 256 { toResort.append(Int(v32)) }
            // new potentials keep every reduced cost non-negative
            let total = search.distance[sink]
            for v32 in search.touched {
                let v = Int(v32)
                if search.settled[v] && search.distance[v] < total { potential[v] += search.distance[v] - total }
            }
            // prices rose: sort those cases' columns by their bounds again
            for c in toResort {
                arcs.resort(c, potential: potential, groupOffset: n)
                loose[c] = 0
            }
            toResort.removeAll(keepingCapacity: true)
            // augment along the path, from the sink back to the start
            var v = sink
            while v != start {
                let u = Int(search.predecessor[v])
                if v == sink {
                    if u < n { assigned[u] = nil } // u leaves its group (if any) for unplaced
                } else if v >= n {
                    // case u enters group v - n
                    let g = v - n
                    assigned[u] = predecessorKey[g]
                    members[g].append(Int32(u))
                } else {
                    // case v leaves group u - n
                    let g = u - n
                    if let at = members[g].firstIndex(of: Int32(v)) { members[g].remove(at: at) }
                }
                v = u
            }
        }
        return .solved(certify(assigned: assigned, members: members, potential: potential, unplacedCost: unplacedCost))
    }

    /// Duals from the potentials: β_g = potential of g (≤ 0, 0 where places
    /// are left), α_c = the cost of c's choice minus its β (its unplaced
    /// cost when unplaced). Checks every column's reduced cost.
    private func certify(
        assigned: [ColumnKey?], members: [[Int32]], potential: [Double], unplacedCost: [Double]
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
            if members[g].count < problem.slotGroups[g].count && p < -tolerance { certified = false }
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
            for p in problem.pairRanges[ci] {
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

/// Dijkstra's working arrays, reset in time proportional to what the last
/// search touched.
struct Search {
    var distance: [Double]
    var settled: [Bool]
    var predecessor: [Int32]
    var touched: [Int32] = []
    var heap = MinHeap()

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
    }

    @inline(__always)
    mutating func reach(_ v: Int, _ d: Double, from u: Int) {
        if distance[v] == .infinity { touched.append(Int32(v)) }
        if d < distance[v] {
            distance[v] = d
            predecessor[v] = Int32(u)
            heap.push(d, Int32(v))
        }
    }
}

/// Each case's columns that can be worth taking: a column costing at least
/// the case's unplaced cost is never better than leaving the case unplaced
/// (which frees a place and breaks no rule), unless the case is pinned.
/// Sorted by a bound: the cost plus the group's price (minus its potential)
/// when last sorted; prices only rise, so it stays a lower bound.
struct Arcs {
    var start: [Int]
    var key: [ColumnKey]
    var cost: [Double]
    var bound: [Double]

    init(_ problem: PlacementProblem, unplacedCost: [Double], pinned: [Bool]) {
        start = [0]
        start.reserveCapacity(problem.cases.count + 1)
        key = []
        cost = []
        var row: [(cost: Double, key: ColumnKey)] = []
        for ci in problem.cases.indices {
            row.removeAll(keepingCapacity: true)
            for p in problem.pairRanges[ci] {
                for g in problem.groupsOfService[Int(problem.pairs[p].serviceIndex)] {
                    let k = ColumnKey(pair: Int32(p), group: Int32(g))
                    let c = problem.cost(k)
                    if pinned[ci] || c < unplacedCost[ci] { row.append((c, k)) }
                }
            }
            row.sort { ($0.cost, $0.key.pair, $0.key.group) < ($1.cost, $1.key.pair, $1.key.group) }
            for (c, k) in row { key.append(k); cost.append(c) }
            start.append(key.count)
        }
        bound = cost
    }

    /// Re-sorts case `c`'s columns by cost plus the groups' current prices.
    mutating func resort(_ c: Int, potential: [Double], groupOffset: Int) {
        let range = start[c]..<start[c + 1]
        var row: [(bound: Double, cost: Double, key: ColumnKey)] = []
        row.reserveCapacity(range.count)
        for k in range {
            row.append((cost[k] - min(0, potential[groupOffset + Int(key[k].group)]), cost[k], key[k]))
        }
        row.sort { ($0.bound, $0.key.pair, $0.key.group) < ($1.bound, $1.key.pair, $1.key.group) }
        for (i, r) in row.enumerated() {
            bound[range.lowerBound + i] = r.bound
            cost[range.lowerBound + i] = r.cost
            key[range.lowerBound + i] = r.key
        }
    }
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
