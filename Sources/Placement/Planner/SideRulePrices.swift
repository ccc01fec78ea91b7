import PlacementModel

/// Prices on the side rules (Lagrange multipliers), so that the flow's
/// bound counts what keeping the rules costs (issue 16, item 4).
///
/// Each rule broken somewhere is a row of the plan: two cases that may not
/// be where the row names them at once, `x[a at fa] + x[b at fb] ≤ 1` (a
/// conflict: both at one facility; siblings: two members at two different
/// facilities). A price λ ≥ 0 on a row is added to the cost of both cases'
/// columns there; every plan that keeps the rules then costs at least its
/// priced cost minus the sum of the prices, so the priced flow's optimum
/// minus that sum is a lower bound on it — the flow's own bound when every
/// price is 0, and with good prices close to the optimum, where the bound
/// without them leaves a gap that only a very large tree can close.
///
/// A row stops counting in a node that takes one of its cases' pairs there
/// away (it cannot be broken there): its price is dropped, which only
/// raises the bound.
struct SideRulePrices: Sendable {
    struct Row: Hashable {
        var a: Int
        var fa: Int32
        var b: Int
        var fb: Int32
    }

    /// Per service, its facility (an index into `facilities`), −1 for a team.
    let facilityOfService: [Int32]
    /// Per facility, its services.
    let servicesOfFacility: [[Int32]]
    /// The rows priced, in the order they were found (sums in one order:
    /// the same plan whatever the run).
    var rows: [Row] = []
    var price: [Double] = []
    var index: [Row: Int] = [:]

    init(_ problem: PlacementProblem) {
        var ids: [FacilityID: Int32] = [:]
        var services: [[Int32]] = []
        facilityOfService = problem.landscape.services.enumerated().map { s, service in
            guard let f = service.facility else { return -1 }
            if let k = ids[f] {
                services[Int(k)].append(Int32(s))
                return k
            }
            ids[f] = Int32(services.count)
            services.append([Int32(s)])
            return Int32(services.count - 1)
        }
        servicesOfFacility = services
    }

    /// The facility of a case's column, −1 when none (unplaced or a team).
    func facility(_ key: ColumnKey?, _ problem: PlacementProblem) -> Int32 {
        guard let key else { return -1 }
        return facilityOfService[Int(problem.pairs[Int(key.pair)].serviceIndex)]
    }

    /// The rows `chosen` breaks, in the order of the rules.
    func broken(_ chosen: [ColumnKey?], _ problem: PlacementProblem) -> [Row] {
        var found: [Row] = []
        for group in problem.siblingGroups {
            for (i, a) in group.members.enumerated() {
                let fa = facility(chosen[a], problem)
                guard fa >= 0 else { continue }
                for b in group.members[(i + 1)...] {
                    let fb = facility(chosen[b], problem)
                    if fb >= 0 && fb != fa { found.append(Row(a: a, fa: fa, b: b, fb: fb)) }
                }
            }
        }
        for pair in problem.conflicts {
            let f = facility(chosen[pair.a], problem)
            if f >= 0 && f == facility(chosen[pair.b], problem) { found.append(Row(a: pair.a, fa: f, b: pair.b, fb: f)) }
        }
        return found
    }

    /// Case c's pairs at facility f, those in `excluded` left out.
    func pairs(of c: Int, at f: Int32, _ problem: PlacementProblem, without excluded: Set<Int32>?) -> [Int32] {
        problem.pairRanges[c].lazy.map { Int32($0) }.filter { p in
            facilityOfService[Int(problem.pairs[Int(p)].serviceIndex)] == f && excluded?.contains(p) != true
        }
    }

    /// Whether a row can still be broken in a node (both its cases keep a pair there).
    func counts(_ row: Row, _ excluded: SideRuleSearch.Exclusions, _ problem: PlacementProblem) -> Bool {
        !pairs(of: row.a, at: row.fa, problem, without: excluded[row.a]).isEmpty
            && !pairs(of: row.b, at: row.fb, problem, without: excluded[row.b]).isEmpty
    }

    /// The prices a node's flow adds (per case, per service) and their sum
    /// (to take off its optimum for the bound).
    func penalty(_ excluded: SideRuleSearch.Exclusions, _ problem: PlacementProblem) -> (penalty: [Int: [Int32: Double]], sum: Double) {
        var penalty: [Int: [Int32: Double]] = [:]
        var sum = 0.0
        for (r, row) in rows.enumerated() where price[r] > 0 {
            if !excluded.isEmpty && !counts(row, excluded, problem) { continue }
            sum += price[r]
            for (c, f) in [(row.a, row.fa), (row.b, row.fb)] {
                for s in servicesOfFacility[Int(f)] { penalty[c, default: [:]][s, default: 0] += price[r] }
            }
        }
        return (penalty, sum)
    }

    /// How much `chosen` uses row r beyond what it allows: −1, 0 or 1.
    func excess(_ r: Int, _ chosen: [ColumnKey?], _ problem: PlacementProblem) -> Double {
        let row = rows[r]
        let used = (facility(chosen[row.a], problem) == row.fa ? 1 : 0) + (facility(chosen[row.b], problem) == row.fb ? 1 : 0)
        return Double(used - 1)
    }

    /// A node whose plan keeps every rule but whose bound is below its
    /// cost: the counted row with the highest price that the plan leaves
    /// slack (the gap is those rows' prices), as two children, each taking
    /// one of the row's cases' pairs there away (every plan keeping the
    /// rules is in one of them). Empty when no row is slack.
    func slackBranches(_ chosen: [ColumnKey?], _ excluded: SideRuleSearch.Exclusions, _ problem: PlacementProblem) -> [SideRuleSearch.Exclusions] {
        var pick: Int?
        for (r, row) in rows.enumerated() where price[r] > 0 && excess(r, chosen, problem) < 0 {
            guard counts(row, excluded, problem) else { continue }
            if price[r] > pick.map({ price[$0] }) ?? 0 { pick = r }
        }
        guard let pick else { return [] }
        let row = rows[pick]
        return [(row.a, row.fa), (row.b, row.fb)].map { c, f in
            [c: Set(pairs(of: c, at: f, problem, without: excluded[c]))]
        }
    }
}
