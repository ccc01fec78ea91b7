import PlacementModel

/// Prices for the slot groups from a quick auction (Bertsekas): each case
/// bids for the place that is cheapest for it at the current prices, paying
/// ε more than what would make its next best option (leaving unplaced
/// included) as good; the place's holder is pushed out and bids again.
/// When no one is pushed out any more, every case holds an option within ε
/// of its cheapest, so the prices are close to the plan's duals.
///
/// The prices only guide `TransportationSolver`: its plan is exact whatever
/// they are. So the auction may stop early (a case pushed out `maxBids`
/// times gives up), pinned cases do not bid, and ε trades the prices'
/// precision for the number of bids.
enum AuctionPrices {
    struct Outcome {
        /// One per slot group: its cheapest place's price when every place
        /// was taken, else 0.
        var prices: [Double]
        /// Per case: whether it held a place when the auction ended.
        var holdsPlace: [Bool]
    }

    /// Nil when `shouldStop` said so.
    static func run(
        _ problem: PlacementProblem, chains: SlotChains, arcs: inout Arcs, unplacedCost: [Double], pinned: [Bool],
        epsilon: Double = 5, maxBids: Int = 40, shouldStop: () -> Bool
    ) -> Outcome? {
        let n = problem.cases.count, m = problem.slotGroups.count
        // each place has its own price; a group's holders in a min-heap by price
        var units = [[Place]](repeating: [], count: m)
        let capacity = problem.slotGroups.map(\.count)
        var queue = (0..<n).filter { !pinned[$0] }
        var head = 0
        var bids = [Int32](repeating: 0, count: n)
        var loose = [Int32](repeating: 0, count: n)
        // each group's cheapest place (0 while one is free)
        var cheapest = [Double](repeating: 0, count: m)
        func nextCheapest(_ g: Int) -> Double {
            let held = units[g].count
            let free = capacity[g] - held
            if free >= 2 { return 0 }
            if free == 1 { return held == 0 ? .infinity : units[g][0].price }
            if held < 2 { return .infinity }
            return held == 2 ? units[g][1].price : min(units[g][1].price, units[g][2].price)
        }
        var ways = ChainWays(chains)
        while head < queue.count {
            if head & 63 == 63 && shouldStop() { return nil }
            let i = queue[head]
            head += 1
            bids[i] += 1
            // the best and second-best option at the current prices, unplaced included
            var best = unplacedCost[i], bestK = -1, second = Double.infinity
            var k = arcs.start[i]
            let end = arcs.start[i + 1]
            while k < end && arcs.arc[k].bound < second {
                let x = Int(arcs.arc[k].end.node)
                let value = arcs.arc[k].cost + ways.best[x]
                if value > arcs.arc[k].bound + 1e-9 { loose[i] += 1 }
                if value < best {
                    second = min(best, arcs.arc[k].cost + ways.second[x])
                    (best, bestK) = (value, k)
                } else if value < second {
                    second = value
                }
                k += 1
            }
            // prices jump far more often here than in the searches: sort seldom
            if loose[i] > 4096 {
                arcs.resort(i) { x in ways.best[x] }
                loose[i] = 0
            }
            guard bestK >= 0 else { continue }  // leaving it unplaced is its cheapest option
            let g = Int(ways.group[Int(arcs.arc[bestK].end.node)])
            // another place of the same group
            second = min(second, best - cheapest[g] + nextCheapest(g))
            let price = cheapest[g] + (second - best) + epsilon
            if units[g].count < capacity[g] {
                Place.push(Place(price: price, holder: Int32(i)), into: &units[g])
            } else {
                let h = Int(Place.replaceCheapest(in: &units[g], with: Place(price: price, holder: Int32(i))))
                if bids[h] < Int32(maxBids) { queue.append(h) }
            }
            if units[g].count == capacity[g] && cheapest[g] != units[g][0].price {
                cheapest[g] = units[g][0].price
                ways.update(group: g, cheapest: cheapest)
            }
        }
        var holdsPlace = [Bool](repeating: false, count: n)
        for places in units { for place in places { holdsPlace[Int(place.holder)] = true } }
        return Outcome(prices: cheapest, holdsPlace: holdsPlace)
    }
}

/// Per chain node, the two cheapest ways on to a place at the auction's
/// prices: the best (its group) and the best to another group.
struct ChainWays {
    let chains: SlotChains
    var best: [Double]
    var group: [Int32]
    var second: [Double]

    /// All places free (price 0).
    init(_ chains: SlotChains) {
        self.chains = chains
        best = [Double](repeating: 0, count: chains.nodes)
        group = [Int32](repeating: 0, count: chains.nodes)
        second = [Double](repeating: .infinity, count: chains.nodes)
        let free = [Double](repeating: 0, count: chains.m)
        for x in chains.nodesAfterTheirNext() { _ = combine(x, cheapest: free) }
    }

    /// Recomputes node x from its group and the node after it; true when it changed.
    private mutating func combine(_ x: Int, cheapest: [Double]) -> Bool {
        let g = chains.group(x)
        let own = cheapest[g]
        var b = own, bg = Int32(g), s = Double.infinity
        let n = chains.next(x)
        if n >= 0 {
            let step = chains.step(x)
            let on = best[n] + step
            if on < own {
                (b, bg, s) = (on, group[n], min(own, second[n] + step))
            } else {
                s = on
            }
        }
        guard b != best[x] || bg != group[x] || s != second[x] else { return false }
        (best[x], group[x], second[x]) = (b, bg, s)
        return true
    }

    /// Group g's cheapest place changed: its nodes, and the nodes before them while they change.
    mutating func update(group g: Int, cheapest: [Double]) {
        for q in 0..<chains.kinds {
            var x = q * chains.m + g
            while x >= 0 && combine(x, cheapest: cheapest) { x = chains.previous(x) }
        }
    }
}

/// A place of a slot group in the auction: its price and who holds it.
struct Place {
    var price: Double
    var holder: Int32

    /// Adds to a binary min-heap by price.
    static func push(_ place: Place, into heap: inout [Place]) {
        heap.append(place)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if heap[parent].price <= place.price { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = place
    }

    /// Replaces the heap's cheapest place by `place`; returns who held it.
    static func replaceCheapest(in heap: inout [Place], with place: Place) -> Int32 {
        let out = heap[0].holder
        var i = 0
        let count = heap.count
        while true {
            var child = 2 * i + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].price < heap[child].price { child += 1 }
            if heap[child].price >= place.price { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = place
        return out
    }
}
