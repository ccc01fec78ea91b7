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
        /// was taken, else 0 (more than any unplaced cost for a group without places).
        var prices: [Double]
        /// Per case: whether it held a place when the auction ended.
        var holdsPlace: [Bool]
    }

    /// Nil when `shouldStop` said so.
    static func run(
        _ problem: PlacementProblem, chains: SlotChains, arcs: inout Arcs, unplacedCost: [Double], pinned: [Bool],
        epsilon: Double = 5, maxBids: Int = 40, resortAfter: Int32 = 4096, shouldStop: () -> Bool
    ) -> Outcome? {
        let n = problem.cases.count, m = problem.slotGroups.count
        // each place has its own price; a group's holders in a min-heap by price
        var units = [[Place]](repeating: [], count: m)
        let capacity = problem.slotGroups.map(\.count)
        var queue = (0..<n).filter { !pinned[$0] }
        var head = 0
        var bids = [Int32](repeating: 0, count: n)
        var loose = [Int32](repeating: 0, count: n)
        // each group's cheapest place (0 while one is free; none in a group
        // without places, see PlacementProblem's roomForOneMore)
        var cheapest = capacity.map { $0 > 0 ? 0 : Double.infinity }
        func nextCheapest(_ g: Int) -> Double {
            let held = units[g].count
            let free = capacity[g] - held
            if free >= 2 { return 0 }
            if free == 1 { return held == 0 ? .infinity : units[g][0].price }
            if held < 2 { return .infinity }
            return held == 2 ? units[g][1].price : min(units[g][1].price, units[g][2].price)
        }
        var ways = ChainWays(chains, cheapest: cheapest)
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
            // the group bid for, read before a re-sort moves the case's arcs
            let g = bestK >= 0 ? Int(ways.group[Int(arcs.arc[bestK].end.node)]) : -1
            // prices jump far more often here than in the searches: sort seldom
            if loose[i] > resortAfter {
                arcs.resort(i) { x in ways.best[x] }
                loose[i] = 0
            }
            guard g >= 0 else { continue }  // leaving it unplaced is its cheapest option
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
        // a group without places is worth more than any case's unplaced cost:
        // the searches then look there last (its chain nodes price the groups after it)
        let top = (unplacedCost.max() ?? 0) + 1
        return Outcome(prices: cheapest.map { $0.isFinite ? $0 : top }, holdsPlace: holdsPlace)
    }
}
