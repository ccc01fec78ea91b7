import PlacementModel

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
            let pairs = problem.pairRanges[ci].lazy.filter { excludedPairs.isEmpty || !excludedPairs.contains(Int32($0)) }
            Self.append(case: ci, pairs: pairs, problem, chains, below: pinned[ci] ? .infinity : unplacedCost[ci], to: &arcs)
            arcs[first...].sort { ($0.cost, $0.end.pair, $0.end.node) < ($1.cost, $1.end.pair, $1.end.node) }
        }
    }

    /// Case ci's arcs for `pairs`: one per chain it enters (forward and
    /// backward), each costing its entry's own column (the cost rule in one
    /// place) plus `extra` at its service (a side rule's price, per service
    /// index), those costing `below` or more left out.
    @inline(__always)
    static func append(
        case ci: Int, pairs: some Sequence<Int>, _ problem: PlacementProblem, _ chains: SlotChains, below limit: Double,
        extra: [Int32: Double]? = nil, to arcs: inout [Arc]
    ) {
        let ready = problem.ready[ci].number
        for p in pairs {
            let s = problem.pairs[p].serviceIndex
            let entries = chains.entries(case: ci, ready: ready, groups: problem.groupsOfService[Int(s)])
            let added = extra?[s] ?? 0
            for entry in [entries.forward, entries.backward] {
                guard let entry else { continue }
                let cost = problem.cost(ColumnKey(pair: Int32(p), group: Int32(entry.group))) + added
                guard cost < limit else { continue }
                arcs.append(Arc(bound: cost, cost: cost, end: ArcEnd(pair: Int32(p), node: Int32(entry.node))))
            }
        }
    }

    /// Case c's arcs become `new` (the others' stay as they are).
    mutating func replace(arcsOf c: Int, with new: [Arc]) {
        let old = start[c]..<start[c + 1]
        arc.replaceSubrange(old, with: new)
        let shift = new.count - old.count
        if shift != 0 { for k in (c + 1)..<start.count { start[k] += shift } }
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
