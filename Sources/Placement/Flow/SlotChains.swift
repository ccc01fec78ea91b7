import PlacementModel

/// The slot groups of each service linked in chains by release date, so that
/// the flow needs one arc per compatible (case, service) instead of one per
/// slot group: a case's cost grows with the release date only through its
/// wait, `perWaitDay·u(c)·(r − ready(c))` from its ready day on (SPEC §3
/// Cost), at a slope that depends only on its urgency.
///
/// - A forward chain per wait weight (slope) and service: its node j leads
///   to slot group j (cost 0) and to node j+1 (the slope times the days
///   between the two releases). A case enters its slope's chain at the
///   first release on or after its ready day, at its cost there; every later
///   release then costs exactly its wait more.
/// - One backward chain per service, free: node j leads to group j and to
///   node j−1. A case ready after some releases enters it at the last release
///   before its ready day, at its base cost (no wait there or earlier).
///
/// So every path from a case's entry to a group costs exactly that column's
/// cost, and every column has such a path. Chain node `q·m + g` belongs to
/// chain kind q (forward chains 0..<weights.count, then the backward one)
/// and slot group g.
struct SlotChains: Sendable {
    /// Slot groups.
    let m: Int
    /// The forward chains' slopes: the cases' distinct wait weights, ascending.
    let weights: [Double]
    /// Per case: the index of its slope in `weights`.
    let slope: [Int32]
    /// Per slot group: its release as a day number, and its service's groups `first[g]..<end[g]`.
    let release: [Int]
    let first: [Int32]
    let end: [Int32]

    init(_ problem: PlacementProblem) {
        m = problem.slotGroups.count
        weights = Array(Set(problem.waitWeight)).sorted()
        let index = Dictionary(uniqueKeysWithValues: weights.enumerated().map { ($1, Int32($0)) })
        slope = problem.waitWeight.map { index[$0] ?? 0 }
        release = problem.slotGroups.map(\.release.number)
        var first = [Int32](repeating: 0, count: m), end = [Int32](repeating: 0, count: m)
        for range in problem.groupsOfService {
            for g in range {
                first[g] = Int32(range.lowerBound)
                end[g] = Int32(range.upperBound)
            }
        }
        self.first = first
        self.end = end
    }

    /// Chain kinds: one per slope, and the backward chain.
    var kinds: Int { weights.count + 1 }
    var nodes: Int { kinds * m }
    var backward: Int { weights.count }

    @inline(__always)
    func group(_ x: Int) -> Int { x % m }

    /// The node after x along its chain, or -1 at the chain's end.
    @inline(__always)
    func next(_ x: Int) -> Int {
        let g = x % m
        if x / m == backward { return g > Int(first[g]) ? x - 1 : -1 }
        return g + 1 < Int(end[g]) ? x + 1 : -1
    }

    /// The node before x along its chain, or -1 at the chain's start.
    @inline(__always)
    func previous(_ x: Int) -> Int {
        let g = x % m
        if x / m == backward { return g + 1 < Int(end[g]) ? x + 1 : -1 }
        return g > Int(first[g]) ? x - 1 : -1
    }

    /// The cost of the arc from x to `next(x)`.
    @inline(__always)
    func step(_ x: Int) -> Double {
        let q = x / m
        if q == backward { return 0 }
        let g = x - q * m
        return weights[q] * Double(release[g + 1] - release[g])
    }

    /// Case c's entries into a compatible service's chains (its groups
    /// `groups`): the forward one at the first release on or after `ready`,
    /// the backward one at the last release before it; each as its chain
    /// node and the group there (whose column's cost is the entry's cost).
    func entries(case c: Int, ready: Int, groups: Range<Int>)
        -> (forward: (node: Int, group: Int)?, backward: (node: Int, group: Int)?)
    {
        var lo = groups.lowerBound, hi = groups.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if release[mid] < ready { lo = mid + 1 } else { hi = mid }
        }
        let forward = lo < groups.upperBound ? (node: Int(slope[c]) * m + lo, group: lo) : nil
        let backward = lo > groups.lowerBound ? (node: self.backward * m + lo - 1, group: lo - 1) : nil
        return (forward, backward)
    }

    /// Each node's price from the groups' prices: the cheapest way on to a
    /// group (the group's price plus the steps there). Prices at least this
    /// keep every chain arc's reduced cost non-negative.
    func prices(groups price: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: nodes)
        for x in nodesAfterTheirNext() {
            let n = next(x)
            result[x] = n < 0 ? price[group(x)] : min(price[group(x)], step(x) + result[n])
        }
        return result
    }

    /// Every node, each after the node it leads to (a forward chain's from
    /// its last release back, a backward chain's from its first on): the
    /// order in which a node's value can follow from the next one's.
    func nodesAfterTheirNext() -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(nodes)
        for q in 0..<kinds {
            let chain = q * m..<(q + 1) * m
            if q == backward { order += chain } else { order += chain.reversed() }
        }
        return order
    }
}
