import LinearProgramming
import PlacementModel

extension Planner {
    /// A plan's cost (SPEC §3 objective).
    func objective(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> Double {
        problem.cases.indices.reduce(0.0) { total, ci in
            total + (chosen[ci].map(problem.cost) ?? problem.costModel.unplacedCost(problem.cases[ci]))
        }
    }

    /// The cases a plan leaves unplaced, most urgent first, each take their
    /// cheapest column with a place left, when cheaper than staying unplaced.
    func completedGreedily(_ problem: PlacementProblem, _ chosen: [ColumnKey?]) -> [ColumnKey?] {
        var plan = chosen
        var free = problem.slotGroups.map(\.count)
        for key in plan.compactMap({ $0 }) { free[Int(key.group)] -= 1 }
        let order = problem.cases.indices.filter { plan[$0] == nil }.sorted {
            (-problem.costModel.unplacedCost(problem.cases[$0]), $0) < (-problem.costModel.unplacedCost(problem.cases[$1]), $1)
        }
        for ci in order {
            var best: (key: ColumnKey, cost: Double)?
            for key in problem.columns(ofCase: ci) where free[Int(key.group)] > 0 {
                let cost = problem.cost(key)
                if cost < (best?.cost ?? problem.costModel.unplacedCost(problem.cases[ci])) { best = (key, cost) }
            }
            if let best {
                plan[ci] = best.key
                free[Int(best.key.group)] -= 1
            }
        }
        return plan
    }

    /// The greedy plan within the side rules, when it places every pinned
    /// case, with the bound without capacities: a last resort under a limit.
    func greedyFallback(_ problem: PlacementProblem) -> (chosen: [ColumnKey?], bound: Double)? {
        // pinned cases first, so that their places are still free
        var pinnedFirst: [ColumnKey?] = Array(repeating: nil, count: problem.cases.count)
        var free = problem.slotGroups.map(\.count)
        for (ci, c) in problem.cases.enumerated() where c.pinnedService != nil {
            guard let key = problem.columns(ofCase: ci).filter({ free[Int($0.group)] > 0 }).min(by: { problem.cost($0) < problem.cost($1) })
            else { return nil }
            pinnedFirst[ci] = key
            free[Int(key.group)] -= 1
        }
        guard let plan = withinSideConstraints(problem, completedGreedily(problem, pinnedFirst)) else { return nil }
        return (plan, simpleBound(problem))
    }

    /// A lower bound without any capacity: each case at its cheapest column
    /// (or unplaced when that is cheaper and allowed).
    func simpleBound(_ problem: PlacementProblem) -> Double {
        problem.cases.indices.reduce(0.0) { total, ci in
            let cheapest = problem.columns(ofCase: ci).map(problem.cost).min() ?? .infinity
            let c = problem.cases[ci]
            return total + (c.pinnedService == nil ? min(cheapest, problem.costModel.unplacedCost(c)) : cheapest)
        }
    }
}
