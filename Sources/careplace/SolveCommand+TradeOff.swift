import ArgumentParser
import Foundation
import GLPK
import Placement
import PlacementIO
import PlacementModel

/// `solve --previous OLD --trade-off`: what stability costs.
extension SolveCommand {
    static let tradeOffWeights: [Double] = [0, 25, 50, 100, 200, 400, 1000]

    /// The plan for a few values of `change`: how many children move, and
    /// what the plan costs without the change term (distances, waits,
    /// penalties), so a coordinator sees what each move saves.
    func tradeOff(_ input: PlacementInput) throws -> String {
        var out = "stability against cost (--trade-off): change weight, children moved, objective without the change term\n"
        for change in Self.tradeOffWeights {
            var weighted = input
            weighted.landscape.weights.change = change
            let plan: Plan
            do {
                plan = try Planner(solver: GLPKSolver()).plan(weighted)
            } catch {
                throw CLIError.failure("trade-off at change \(change): \(error)")
            }
            let moved = zip(plan.problem.cases, plan.assignments).filter { c, a in c.previousService != nil && a.service?.id != c.previousService }.count
            let objective = plan.objective - Double(moved) * change
            out += String(format: "  change %6.0f   moved %4d   objective %.2f\n", locale: nil, change, moved, objective)
        }
        return out
    }
}
