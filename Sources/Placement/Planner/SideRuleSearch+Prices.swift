import PlacementModel

extension SideRuleSearch {
    /// Subgradient steps at most (each a few shortest paths from the
    /// cases whose prices changed).
    static let priceSteps = 50

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
        func tolerance(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }
        for _ in 0..<Self.priceSteps where !shouldStop() {
            let chosen = flow.columns()
            let cost = planner.objective(problem, chosen)
            var bound = cost
            for r in prices.rows.indices { bound += prices.price[r] * prices.excess(r, chosen, problem) }
            if bound > highest + tolerance(bound) {
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
            if upper - bound <= tolerance(upper) || step < 1.0 / 256 { break }
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
            let before = prices.penalty([:], problem).penalty
            for r in prices.rows.indices { prices.price[r] = max(0, prices.price[r] + step * (upper - bound) / norm * moved[r]) }
            let after = prices.penalty([:], problem).penalty
            guard reprice(&flow, from: before, to: after) else { return }
        }
        guard highest > root.objective() + tolerance(highest), kept.contains(where: { $0 > 0 }) else { return }
        prices.price = kept + Array(repeating: 0, count: prices.rows.count - kept.count)
        self.prices = prices
    }

    /// The flow with prices `after` instead of `before`: the cases whose
    /// prices changed are released, given their arcs at the new prices and
    /// placed again. False when one cannot be (a pin that no longer holds).
    func reprice(_ flow: inout Flow, from before: [Int: [Int32: Double]], to after: [Int: [Int32: Double]]) -> Bool {
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
