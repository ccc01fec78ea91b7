import PlacementModel

/// The min-cost flow that `solve` plans (without sibling and conflict
/// rules) in DIMACS's min-cost flow format, for other flow solvers (LEMON,
/// OR-Tools' `SimpleMinCostFlow`, CS2): the same nodes and arcs the flow
/// holds, so a peer solves the same network. Nodes, numbered from 1: the
/// cases (a supply of 1 each), the slot groups, the sink (a demand of one
/// per case), then the chain nodes (`SlotChains`). Arcs: each case's arcs
/// into the chains (`Arcs`: one per compatible service and chain it
/// enters; those costing its unplaced cost or more left out, as the flow
/// does), a case's "unplaced" arc to the sink (none when pinned), each
/// chain node on to its group and to the next node along its chain, and
/// each group to the sink (at most its places).
///
/// DIMACS costs are integers: each cost is written in millionths of a
/// km-equivalent, rounded. The network's optimum, divided by a million, is
/// then the plan's objective up to that rounding (at most half a
/// millionth per arc of a path).
public enum FlowNetwork {
    /// Costs are written as cost × this, rounded.
    public static let costScale = 1_000_000.0

    /// A cost whose millionths do not fit DIMACS's integers (64-bit here):
    /// weights far beyond any real landscape's.
    public struct CostTooLarge: Error, Equatable {
        public var cost: Double
    }

    /// The file's text and its number of arcs; nil when the problem has
    /// sibling or conflict rules (not a flow).
    public static func dimacs(_ problem: PlacementProblem) throws(CostTooLarge) -> (text: String, arcs: Int)? {
        guard !problem.hasSideConstraints else { return nil }
        let flow = Flow(problem)
        let n = flow.n, m = flow.m, chains = flow.chains
        let sink = n + m + 1
        func chainNode(_ x: Int) -> Int { n + m + 2 + x }
        var lines: [String] = []
        var tooLarge: Double?
        func arc(_ from: Int, _ to: Int, capacity: Int, cost: Double) {
            let scaled = (cost * costScale).rounded()
            // (a finite cost; the bound keeps Int64(_:) from trapping)
            guard abs(scaled) < 9.0e18 else {
                tooLarge = tooLarge ?? cost
                return
            }
            lines.append("a \(from) \(to) 0 \(capacity) \(Int64(scaled))")
        }
        for c in 0..<n {
            for k in flow.arcs.start[c]..<flow.arcs.start[c + 1] {
                arc(c + 1, chainNode(Int(flow.arcs.arc[k].end.node)), capacity: 1, cost: flow.arcs.arc[k].cost)
            }
            if !flow.pinned[c] { arc(c + 1, sink, capacity: 1, cost: flow.unplacedCost[c]) }
        }
        for x in 0..<chains.nodes {
            arc(chainNode(x), n + chains.group(x) + 1, capacity: n, cost: 0)
            let next = chains.next(x)
            if next >= 0 { arc(chainNode(x), chainNode(next), capacity: n, cost: chains.step(x)) }
        }
        for g in 0..<m { arc(n + g + 1, sink, capacity: problem.slotGroups[g].count, cost: 0) }
        if let tooLarge { throw CostTooLarge(cost: tooLarge) }
        var head = [
            "c careplace's min-cost flow: nodes 1-\(n) the cases, \(n + 1)-\(n + m) the slot groups, \(sink) the sink, "
                + "\(sink + 1)-\(sink + chains.nodes) the chain nodes",
            "c costs in millionths of a km-equivalent, rounded: the optimum / \(Int(costScale)) is the plan's objective",
            "p min \(sink + chains.nodes) \(lines.count)",
        ]
        for c in 0..<n { head.append("n \(c + 1) 1") }
        head.append("n \(sink) -\(n)")
        return ((head + lines).joined(separator: "\n") + "\n", lines.count)
    }
}
