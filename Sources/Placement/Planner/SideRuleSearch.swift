import PlacementModel

/// Sibling and conflict rules, exactly, by branch-and-bound on the flow
/// (issue 16): a node is the transportation problem with some pairs taken
/// away from some cases; its optimum, proven by the flow's duals, bounds
/// every plan in its subtree (the rules left out can only cost more). A
/// node whose optimum breaks a rule branches on the first rule broken, into
/// children that together hold every plan keeping it:
///
/// - siblings placed in facilities F: one child per f in F where every
///   member may use no facility but f, and one where none may use any of F
///   (a plan keeping the rule shares one facility or none: in F or not);
/// - two conflicting cases sharing facility f: one child where the first
///   may not use f, one where the second may not.
///
/// Nodes are taken best bound first, plunging (the cheapest child of the
/// node just taken next, until a dive ends), each re-solved from the root's optimal
/// flow by a few shortest paths (release the cases whose pairs are taken
/// away, augment from them again), so a node costs milliseconds where a
/// cold plan costs the whole flow. Every node's plan, mended by leaving
/// cases unplaced where a rule is broken, is a candidate; the search ends
/// when no open node's bound is below the best plan's objective: proven
/// optimal. A limit ends it early with the best plan and the lowest open
/// bound.
struct SideRuleSearch {
    let problem: PlacementProblem
    let planner: Planner
    /// The root's optimal flow (no pairs taken away).
    let root: Flow
    /// Nodes at most before giving up (the planner then tries GLPK).
    var nodeLimit = 20_000

    /// Pairs taken away, per case.
    typealias Exclusions = [Int: Set<Int32>]

    struct Node {
        var bound: Double
        var depth: Int
        var id: Int
        var excluded: Exclusions
        /// What its children take away (the rule its plan breaks first).
        var children: [Exclusions]
    }

    enum Result {
        /// The best plan within every rule, proven optimal.
        case optimal(chosen: [ColumnKey?], objective: Double, nodes: Int)
        /// Stopped by a limit: the best plan found (if any) and a bound on every plan.
        case stopped(best: (chosen: [ColumnKey?], objective: Double)?, bound: Double, nodes: Int)
        /// A node's duals did not prove its flow optimal (numerical trouble): no claim.
        case unproven
    }

    func run(incumbent start: [ColumnKey?]?, shouldStop: () -> Bool) -> Result {
        var leaves: [Leaf] = []
        return run(incumbent: start, shouldStop: shouldStop, leaves: &leaves)
    }

    /// A node of the finished search that was not branched: its plan kept
    /// the rules, or its bound could not beat the best plan. Together the
    /// leaves hold every plan that keeps the rules, whatever the capacities
    /// or pins (they only take pairs away).
    struct Leaf {
        var excluded: Exclusions
        var bound: Double
    }

    /// The same, and the leaves (complete when the result is `.optimal`).
    func run(incumbent start: [ColumnKey?]?, shouldStop: () -> Bool, leaves: inout [Leaf]) -> Result {
        var best = start.map { (chosen: $0, objective: planner.objective(problem, $0)) }
        var open: [Node] = []
        var cache: [(id: Int, flow: Flow)] = []
        // flows kept: some 60,000 cases' worth (8 at 3,000 children, 3 at 20,000)
        let cacheSize = max(2, min(8, 60_000 / max(1, problem.cases.count)))
        var nextID = 0
        var evaluated = 0
        func tolerance(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }
        /// Solves a node; a plan within the rules, or its mended plan, may become the best.
        func visit(_ excluded: Exclusions, depth: Int, changing: [Int]? = nil, from base: Flow? = nil) -> Bool {
            evaluated += 1
            let (evaluation, flow) = evaluate(excluded, changing: changing, from: base)
            switch evaluation {
            case .infeasible: return true
            case .unproven: return false
            case .solved(let chosen, let objective):
                if planner.respectsSideConstraints(problem, chosen) {
                    if objective < (best?.objective ?? .infinity) { best = (chosen, objective) }
                    leaves.append(Leaf(excluded: excluded, bound: objective))
                    return true
                }
                if let mended = planner.withinSideConstraints(problem, chosen) {
                    let cost = planner.objective(problem, mended)
                    if cost < (best?.objective ?? .infinity) { best = (mended, cost) }
                }
                open.append(Node(bound: objective, depth: depth, id: nextID, excluded: excluded, children: branches(chosen)))
                if let flow {
                    // the newest nodes' flows, for when they are taken (dives take them next)
                    cache.append((nextID, flow))
                    if cache.count > cacheSize { cache.removeFirst() }
                }
                nextID += 1
                return true
            }
        }
        guard visit([:], depth: 0) else { return .unproven }
        var diving: Int? = open.first?.id
        while true {
            let cutoff = (best?.objective ?? .infinity) - tolerance(best?.objective ?? 0)
            for node in open where node.bound >= cutoff { leaves.append(Leaf(excluded: node.excluded, bound: node.bound)) }
            open.removeAll { $0.bound >= cutoff }
            guard let k = Self.next(open) else {
                guard let best else { return .stopped(best: nil, bound: .infinity, nodes: evaluated) }
                return .optimal(chosen: best.chosen, objective: best.objective, nodes: evaluated)
            }
            if shouldStop() || evaluated >= nodeLimit {
                let bound = min(open.map(\.bound).min() ?? .infinity, best?.objective ?? .infinity)
                return .stopped(best: best, bound: bound, nodes: evaluated)
            }
            // plunging: the cheapest child of the node just taken comes next,
            // again and again, until a plan within the rules (or none) ends the
            // dive; then the lowest bound again. Better plans early.
            var node = open.remove(at: diving.map { d in open.firstIndex { $0.id == d } ?? k } ?? k)
            let before = nextID
            // the node's flow once, then each child from it: only the cases it changes move
            let kept = cache.firstIndex { $0.id == node.id }.map { cache.remove(at: $0).flow }
            guard let flow = kept ?? evaluate(node.excluded).1 else { return .unproven }
            for child in node.children {
                var excluded = node.excluded
                for (c, pairs) in child { excluded[c, default: []].formUnion(pairs) }
                guard visit(excluded, depth: node.depth + 1, changing: child.keys.sorted(), from: flow) else { return .unproven }
            }
            node.children = []
            let made = open.filter { $0.id >= before }
            diving = Self.next(made).map { made[$0].id }
        }
    }

    /// The open node to take next: lowest bound, then deepest, then first made.
    static func next(_ open: [Node]) -> Int? {
        open.indices.min { a, b in
            (open[a].bound, -open[a].depth, open[a].id) < (open[b].bound, -open[b].depth, open[b].id)
        }
    }

    enum Evaluation {
        case solved(chosen: [ColumnKey?], objective: Double)
        /// A pinned case has no pair left: no plan in this node.
        case infeasible
        case unproven
    }

    /// The node's optimum: `base` (an optimal flow of a node above it, the
    /// root's by default) with the cases whose pairs changed released, their
    /// arcs rebuilt without every pair the node takes from them, and
    /// augmented from again; proven by its duals. The flow comes along for
    /// the node's own children.
    func evaluate(_ excluded: Exclusions, changing: [Int]? = nil, from base: Flow? = nil) -> (Evaluation, Flow?) {
        var flow = base ?? root
        let cases = changing ?? excluded.keys.sorted()
        for c in cases {
            flow.release(case: c)
            flow.exclude(case: c, pairs: excluded[c] ?? [])
        }
        for c in cases {
            guard flow.augment(from: c) else { return (.infeasible, nil) }
        }
        var all = Set<Int32>()
        for pairs in excluded.values { all.formUnion(pairs) }
        let solution = TransportationSolver(problem: problem, excludedPairs: all).certify(flow)
        guard solution.certified else { return (.unproven, nil) }
        return (.solved(chosen: solution.chosen, objective: solution.objective), flow)
    }

    /// The children of a node whose plan breaks a rule: per child, the pairs
    /// each case loses. Empty when no rule is broken.
    func branches(_ chosen: [ColumnKey?]) -> [Exclusions] {
        func facility(_ ci: Int) -> FacilityID? { chosen[ci].flatMap { problem.facility(of: $0) } }
        for group in problem.siblingGroups {
            var used: [FacilityID] = []
            for m in group.members { if let f = facility(m), !used.contains(f) { used.append(f) } }
            guard used.count > 1 else { continue }
            var children: [Exclusions] = used.map { kept in
                pairs(of: group.members) { $0 != kept }
            }
            children.append(pairs(of: group.members) { used.contains($0) })
            return children
        }
        for pair in problem.conflicts {
            guard let f = facility(pair.a), f == facility(pair.b) else { continue }
            return [pairs(of: [pair.a]) { $0 == f }, pairs(of: [pair.b]) { $0 == f }]
        }
        return []
    }

    /// Per case, its pairs at a facility for which `taken` holds.
    func pairs(of cases: [Int], at taken: (FacilityID) -> Bool) -> Exclusions {
        var out: Exclusions = [:]
        for c in cases {
            var set = Set<Int32>()
            for p in problem.pairRanges[c] {
                if let f = problem.landscape.services[Int(problem.pairs[p].serviceIndex)].facility, taken(f) { set.insert(Int32(p)) }
            }
            if !set.isEmpty { out[c] = set }
        }
        return out
    }
}
