import PlacementModel

/// Per chain node, the two cheapest ways on to a place at the auction's
/// prices: the best (its group) and the best to another group.
struct ChainWays {
    let chains: SlotChains
    var best: [Double]
    var group: [Int32]
    var second: [Double]

    /// Each group's cheapest place at `cheapest` (0 where places are free,
    /// infinite where a group has none).
    init(_ chains: SlotChains, cheapest: [Double]) {
        self.chains = chains
        best = [Double](repeating: 0, count: chains.nodes)
        group = [Int32](repeating: 0, count: chains.nodes)
        second = [Double](repeating: .infinity, count: chains.nodes)
        for x in chains.nodesAfterTheirNext() { _ = combine(x, cheapest: cheapest) }
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
