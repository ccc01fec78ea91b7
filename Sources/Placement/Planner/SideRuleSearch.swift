import PlacementModel

/// Sibling and conflict rules, exactly, by branch-and-bound on the flow
/// (issue 16): a node is the transportation problem with some pairs taken
/// away from some cases; its optimum, proven by the flow's duals, bounds
/// every plan in its subtree (the rules left out can only cost more). A
/// node whose optimum breaks rules branches on one of them (the one whose
/// cheapest child raises the bound most: ``dearest(_:_:_:_:_:)``), into
/// children that together hold every plan keeping it:
///
/// - siblings placed in facilities F: one child per f in F where every
///   member may use no facility but f, and one where none may use any of F
///   (a plan keeping the rule shares one facility or none: in F or not);
/// - two conflicting cases sharing facility f: one child where the first
///   may not use f, one where the second may not.
///
/// With prices on the rules (``SideRulePrices``) a node's bound is its
/// priced optimum less the prices it still counts, and a node whose plan
/// keeps the rules but leaves a priced row slack splits on that row.
///
/// Nodes are taken best bound first, plunging (the cheapest child of the
/// node just taken next, children that settle their rule first, until a
/// dive ends), each re-solved from its parent's optimal flow by a few
/// shortest paths (release the cases whose column is taken away or
/// re-priced, augment from them again), so a node costs milliseconds where a
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
    /// Only plans that cost less than this are sought (a what-if that must
    /// beat a plan found elsewhere): nodes whose bound is not below it are
    /// leaves, and a search that finds none ends without a plan.
    var ceiling = Double.infinity
    /// Whether the search prices the rules first (``findPrices(best:shouldStop:)``):
    /// a far smaller tree, but a leaf's bound is then not its best plan
    /// (the leaves are for what-ifs that need that: they search without).
    var pricesRules = true
    /// The rules' prices, once found.
    var prices: SideRulePrices?
    /// What branching on each rule raised the bound by when last tried
    /// (pseudo-costs): those of an earlier search of the same rules to
    /// start from (no strong branching on a rule they know), and this
    /// search's after it ran.
    var rises: [Int: Double] = [:]

    /// Pairs taken away, per case.
    typealias Exclusions = [Int: Set<Int32>]

    struct Node {
        var bound: Double
        var depth: Int
        var id: Int
        var excluded: Exclusions
        /// What its children take away (the rule it branches on).
        var children: [Exclusions]
        /// The child, if any, that leaves the rule open (siblings kept out of
        /// the facilities they used may still part elsewhere).
        var open: Int? = nil
        /// Whether its branch settled its parent's rule.
        var settles = true
        /// The rule its children settle (``Branching/rule``).
        var rule: Int? = nil
    }

    enum Result {
        /// The best plan within every rule, proven optimal.
        case optimal(chosen: [ColumnKey?], objective: Double, nodes: Int)
        /// Stopped by a limit: the best plan found (if any) and a bound on every plan.
        case stopped(best: (chosen: [ColumnKey?], objective: Double)?, bound: Double, nodes: Int)
        /// A node's duals did not prove its flow optimal (numerical trouble): no claim.
        case unproven
    }

    /// The best plan within the rules (and without the pairs `within` takes
    /// away: a search inside another's leaf, whose root flow is optimal
    /// without them).
    mutating func run(incumbent start: [ColumnKey?]?, within excluded: Exclusions = [:], shouldStop: () -> Bool) -> Result {
        var leaves: [Leaf] = []
        return run(incumbent: start, within: excluded, shouldStop: shouldStop, leaves: &leaves)
    }

    /// A node of the finished search that was not branched: its plan kept
    /// the rules, or its bound could not beat the best plan. Together the
    /// leaves hold every plan that keeps the rules, whatever the capacities
    /// or pins (they only take pairs away).
    struct Leaf {
        var excluded: Exclusions
        var bound: Double
        /// Its optimal flow and that flow's cost, when kept
        /// (``leafFlowsKept``; a leaf whose plan kept the rules).
        var solved: (flow: Flow, objective: Double)? = nil
    }

    /// How many leaves whose plan kept the rules keep their flow, at most
    /// (for what-ifs; each holds its own arcs).
    var leafFlowsKept = 0

    /// The search while it runs: open nodes, the best plan, the newest
    /// nodes' flows and what branching on each rule has cost.
    struct Tree {
        var best: (chosen: [ColumnKey?], objective: Double)?
        var open: [Node] = []
        /// Open nodes' flows (with their bounds), for when they are taken:
        /// a node taken without one is solved again from the root.
        var cache: [(id: Int, flow: Flow, bound: Double)] = []
        var cacheSize: Int
        var nextID = 0
        /// The first node made by the node being expanded (its children: the dive's next).
        var expanding = 0
        var evaluated = 0
        var leaves: [Leaf] = []
        /// Per rule (``Branching/rule``), how much its cheapest child raised
        /// the bound when last branched on (pseudo-costs).
        var rises: [Int: Double] = [:]
    }

    /// The same, and the leaves (complete when the result is `.optimal`).
    mutating func run(incumbent start: [ColumnKey?]?, within excluded: Exclusions = [:], shouldStop: () -> Bool, leaves: inout [Leaf]) -> Result {
        // flows kept: 3 to 16, some 4 million arcs' worth (a flow is mostly
        // its arcs): 16 at 3,000 generated children (~115,000 arcs, ~5.5 MB a
        // flow), 3 at 20,000 (~3.9 million). At 3,000, 16 against 8: 7-19%
        // faster on seeds 3, 23, 31 and 38 for 45 MB more (32: faster still,
        // 2.2 times the memory); at 20,000, 6 against 3: 7% more nodes in
        // 60 s, the same gap, 280 MB more.
        var tree = Tree(
            best: start.map { (chosen: $0, objective: planner.objective(problem, $0)) },
            cacheSize: max(3, min(16, 4_000_000 / max(1, root.arcs.arc.count))), rises: rises)
        defer {
            leaves.append(contentsOf: tree.leaves)
            rises = tree.rises
        }
        if pricesRules && prices == nil { findPrices(best: &tree.best, shouldStop: shouldStop) }
        guard visit(excluded, depth: 0, in: &tree) != nil else { return .unproven }
        // the priced root's plan breaks fewer rules: mended warm, often a far better first plan
        if prices != nil, let rootFlow = tree.cache.first?.flow, let plan = repaired(from: rootFlow),
            plan.objective < tree.best?.objective ?? .infinity
        {
            tree.best = plan
        }
        var diving: Int? = tree.open.first?.id
        while true {
            let bar = min(tree.best?.objective ?? .infinity, ceiling)
            let cutoff = bar - Self.tolerance(bar.isFinite ? bar : 0)
            for node in tree.open where node.bound >= cutoff { tree.leaves.append(Leaf(excluded: node.excluded, bound: node.bound)) }
            tree.open.removeAll { $0.bound >= cutoff }
            guard let k = Self.next(tree.open) else {
                guard let best = tree.best else { return .stopped(best: nil, bound: .infinity, nodes: tree.evaluated) }
                return .optimal(chosen: best.chosen, objective: best.objective, nodes: tree.evaluated)
            }
            if shouldStop() || tree.evaluated >= nodeLimit {
                let bound = min(tree.open.map(\.bound).min() ?? .infinity, tree.best?.objective ?? .infinity)
                return .stopped(best: tree.best, bound: bound, nodes: tree.evaluated)
            }
            // plunging: the cheapest child of the node just taken comes next,
            // again and again, until a plan within the rules (or none) ends the
            // dive; then the lowest bound again. Better plans early.
            let node = tree.open.remove(at: diving.map { d in tree.open.firstIndex { $0.id == d } ?? k } ?? k)
            let before = tree.nextID
            tree.expanding = before
            // the node's flow once, then each child from it: only the cases it changes move
            let kept = tree.cache.firstIndex { $0.id == node.id }.map { tree.cache.remove(at: $0).flow }
            guard let flow = kept ?? evaluate(node.excluded).1 else { return .unproven }
            // the children solved side by side (each from the node's flow
            // alone), then taken into the tree one after another, in order
            let children = node.children.map { (excluded: Self.adding($0, to: node.excluded), changing: $0.keys.sorted()) }
            let search = self
            let solved = Self.sideBySide(children.count) { i in search.evaluate(children[i].excluded, changing: children[i].changing, from: flow) }
            var lowest = Double.infinity
            for (i, child) in children.enumerated() {
                let visited = visit(
                    child.excluded, depth: node.depth + 1, floor: node.bound, settles: i != node.open, solved: solved[i], in: &tree)
                guard let visited else { return .unproven }
                lowest = min(lowest, visited)
            }
            if let rule = node.rule { tree.rises[rule] = lowest - node.bound }
            let made = tree.open.filter { $0.id >= before }
            // a dive settles rules: a child that leaves its rule open only when no other is left
            let settling = made.filter(\.settles).isEmpty ? made : made.filter(\.settles)
            diving = Self.next(settling).map { settling[$0].id }
        }
    }

    static func tolerance(_ x: Double) -> Double { 1e-9 * max(1, abs(x)) }

    /// `excluded` with the pairs `more` takes away too.
    static func adding(_ more: Exclusions, to excluded: Exclusions) -> Exclusions {
        var all = excluded
        for (c, pairs) in more { all[c, default: []].formUnion(pairs) }
        return all
    }

    /// Solves a node; a plan within the rules, or its mended plan, may
    /// become the best; a node left open branches on the rule whose
    /// cheapest child is dearest. `floor`: its parent's bound (it holds here
    /// too). Its bound (infinity when it holds no plan); nil when its duals
    /// did not prove it.
    /// `solved`: its ``evaluate(_:changing:from:proving:)``, else solved
    /// here from the root.
    @discardableResult
    func visit(
        _ excluded: Exclusions, depth: Int, floor: Double = -.infinity, settles: Bool = true, solved: (Evaluation, Flow?)? = nil,
        in tree: inout Tree
    ) -> Double? {
        tree.evaluated += 1
        let (evaluation, flow) = solved ?? evaluate(excluded)
        guard case .solved(let chosen, let value) = evaluation else { return evaluation == .infeasible ? .infinity : nil }
        let bound = max(value, floor)
        var node = Node(bound: bound, depth: depth, id: tree.nextID, excluded: excluded, children: [], settles: settles)
        if planner.respectsSideConstraints(problem, chosen) {
            // priced, the plan costs more than the bound by the prices of the rows it leaves slack
            let cost = prices == nil ? value : planner.objective(problem, chosen)
            if cost < (tree.best?.objective ?? .infinity) { tree.best = (chosen, cost) }
            node.children = bound >= cost - Self.tolerance(cost) ? [] : prices?.slackBranches(chosen, excluded, problem) ?? []
            if node.children.isEmpty {
                let keep = leafFlowsKept > 0 && tree.leaves.count { $0.solved != nil } < leafFlowsKept
                tree.leaves.append(Leaf(excluded: excluded, bound: bound, solved: keep ? flow.map { ($0, value) } : nil))
                return bound
            }
        } else {
            if let mended = planner.withinSideConstraints(problem, chosen) {
                let cost = planner.objective(problem, mended)
                if cost < (tree.best?.objective ?? .infinity) { tree.best = (mended, cost) }
            }
            let rules = brokenRules(chosen)
            guard let flow, !rules.isEmpty else { return nil }
            let pick = dearest(rules, excluded, flow, bound, &tree)
            (node.children, node.open, node.rule) = (rules[pick].children, rules[pick].open, rules[pick].rule)
        }
        tree.open.append(node)
        if let flow {
            // the newest nodes' flows (dives take them next), and of the older
            // ones those taken soonest (``Tree/evictOne()``)
            tree.cache.append((tree.nextID, flow, bound))
            if tree.cache.count > tree.cacheSize { tree.evictOne() }
        }
        tree.nextID += 1
        return bound
    }

    /// `work(i)` for i in `0..<count` on the cores, results in index order:
    /// each solves a node from a flow at hand and reads nothing else, so
    /// the search goes the same way whatever the number of cores.
    static func sideBySide<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(work) }
        return (try? Chunked.each(count, jobs: count) { work($0) }) ?? (0..<count).map(work)
    }

    /// Rules met for the first time whose children a node solves to see, at most.
    static let newRulesPerNode = 8

    /// Of the rules a node's plan breaks, the one to branch on: the one
    /// whose cheapest child raises the bound most (settled first, the bound
    /// rises early everywhere below: far fewer nodes). A rule met for the
    /// first time has its children solved from the node's flow (strong
    /// branching); after that its rise when last branched on is the guess.
    func dearest(_ rules: [Branching], _ excluded: Exclusions, _ flow: Flow, _ bound: Double, _ tree: inout Tree) -> Int {
        guard rules.count > 1 else { return 0 }
        // a few new rules a node (a large plan breaks a hundred at first),
        // their children solved side by side
        let new = Array(rules.indices.filter { tree.rises[rules[$0].rule] == nil }.prefix(Self.newRulesPerNode))
        let children = new.flatMap { k in rules[k].children.map { (rule: rules[k].rule, excluded: Self.adding($0, to: excluded), changing: $0.keys.sorted()) } }
        let values = Self.sideBySide(children.count) { i in
            evaluate(children[i].excluded, changing: children[i].changing, from: flow, proving: false).0
        }
        var lowest: [Int: Double] = [:]
        for (child, value) in zip(children, values) {
            switch value {
            case .solved(_, let value): lowest[child.rule] = min(lowest[child.rule] ?? .infinity, value)
            case .infeasible: lowest[child.rule] = lowest[child.rule] ?? .infinity
            case .unproven: lowest[child.rule] = -Double.infinity
            }
        }
        for k in new { tree.rises[rules[k].rule] = (lowest[rules[k].rule] ?? .infinity) - bound }
        var pick = 0, highest = -Double.infinity
        for (k, branching) in rules.enumerated() {
            if let rise = tree.rises[branching.rule], rise > highest { (pick, highest) = (k, rise) }
        }
        return pick
    }

    /// The open node to take next: lowest bound, then deepest, then first made.
    static func next(_ open: [Node]) -> Int? {
        open.indices.min { a, b in
            (open[a].bound, -open[a].depth, open[a].id) < (open[b].bound, -open[b].depth, open[b].id)
        }
    }

    enum Evaluation: Equatable {
        case solved(chosen: [ColumnKey?], objective: Double)
        /// A pinned case has no pair left: no plan in this node.
        case infeasible
        case unproven
    }

    /// The node's optimum: `base` (an optimal flow of a node above it, the
    /// root's by default) with the cases whose pairs changed released, their
    /// arcs rebuilt without every pair the node takes from them, and
    /// augmented from again; proven by its duals. The flow comes along for
    /// the node's own children. Without `proving` (a guess that bounds
    /// nothing: strong branching) the optimum is read off the flow unchecked.
    func evaluate(_ excluded: Exclusions, changing: [Int]? = nil, from base: Flow? = nil, proving: Bool = true) -> (Evaluation, Flow?) {
        var flow = base ?? root
        var cases = changing ?? excluded.keys.sorted()
        var offset = 0.0
        let before = flow.penalty
        if let prices {
            // the node's prices: those of the rows it can still break
            let (penalty, sum) = prices.penalty(excluded, problem)
            offset = sum
            let repriced = Set(flow.penalty.keys).union(penalty.keys).filter { flow.penalty[$0] != penalty[$0] }
            cases = Set(cases).union(repriced).sorted()
            flow.penalty = penalty
        }
        // a case whose column stays, at its cost, and none of whose arcs got
        // cheaper stays optimal where it is: only its arcs are rebuilt
        var moving: [Int] = []
        for c in cases {
            if Self.mustMove(c, flow, excluded: excluded[c], from: before[c], to: flow.penalty[c], problem) {
                flow.release(case: c)
                moving.append(c)
            }
        }
        for c in cases { flow.exclude(case: c, pairs: excluded[c] ?? []) }
        for c in moving {
            guard flow.augment(from: c) else { return (.infeasible, nil) }
        }
        guard proving else {
            let chosen = flow.columns()
            var value = flow.objective(of: chosen) - offset
            for (c, key) in chosen.enumerated() {
                if let key, let extra = flow.penalty[c]?[problem.pairs[Int(key.pair)].serviceIndex] { value += extra }
            }
            return (.solved(chosen: chosen, objective: value), flow)
        }
        var all = Set<Int32>()
        for pairs in excluded.values { all.formUnion(pairs) }
        let solution = TransportationSolver(problem: problem, excludedPairs: all).certify(flow)
        guard solution.certified else { return (.unproven, nil) }
        return (.solved(chosen: solution.chosen, objective: solution.objective - offset), flow)
    }

    /// Whether case c must leave its column (released and placed again) for
    /// the flow to stay optimal when its pairs `excluded` go and its prices
    /// change from `old` to `new`: when its column is taken away or changes
    /// cost, or one of its arcs gets cheaper. Arcs that only go or get
    /// dearer leave every reduced cost at least 0.
    static func mustMove(
        _ c: Int, _ flow: Flow, excluded: Set<Int32>?, from old: [Int32: Double]?, to new: [Int32: Double]?, _ problem: PlacementProblem
    ) -> Bool {
        if let old, old.contains(where: { s, price in price > new?[s] ?? 0 }) { return true }
        let pair = flow.entered[c].pair
        guard !flow.unplaced[c] else { return false }
        guard pair >= 0 else { return true }
        if excluded?.contains(pair) == true { return true }
        let s = problem.pairs[Int(pair)].serviceIndex
        return old?[s] != new?[s]
    }

    /// A rule a plan breaks, as the children that together hold every
    /// plan keeping it: per child, the pairs each case loses.
    struct Branching {
        /// A sibling group's index, or the number of groups plus a conflict's.
        var rule: Int
        var children: [Exclusions]
        /// The child that leaves the rule open: siblings kept out of the
        /// facilities they used may still part elsewhere.
        var open: Int?
    }

    /// Every rule `chosen` breaks: sibling groups, then conflicts, in order.
    func brokenRules(_ chosen: [ColumnKey?]) -> [Branching] {
        func facility(_ ci: Int) -> FacilityID? { chosen[ci].flatMap { problem.facility(of: $0) } }
        var found: [Branching] = []
        for (k, group) in problem.siblingGroups.enumerated() {
            var used: [FacilityID] = []
            for m in group.members { if let f = facility(m), !used.contains(f) { used.append(f) } }
            guard used.count > 1 else { continue }
            var children: [Exclusions] = used.map { kept in
                pairs(of: group.members) { $0 != kept }
            }
            children.append(pairs(of: group.members) { used.contains($0) })
            found.append(Branching(rule: k, children: children, open: children.count - 1))
        }
        for (k, pair) in problem.conflicts.enumerated() {
            guard let f = facility(pair.a), f == facility(pair.b) else { continue }
            let children = [pairs(of: [pair.a]) { $0 == f }, pairs(of: [pair.b]) { $0 == f }]
            found.append(Branching(rule: problem.siblingGroups.count + k, children: children, open: nil))
        }
        return found
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

extension SideRuleSearch.Tree {
    /// A flow too many: of the nodes made before the one being expanded,
    /// the one with the highest bound (the last to be taken: nodes are
    /// taken lowest bound first once a dive ends), the oldest among equal
    /// bounds; the oldest when every kept flow is a child of that node.
    mutating func evictOne() {
        let older = cache.indices.filter { cache[$0].id < expanding }
        guard let k = older.max(by: { (cache[$0].bound, -cache[$0].id) < (cache[$1].bound, -cache[$1].id) }) else {
            cache.removeFirst()
            return
        }
        cache.remove(at: k)
    }
}
