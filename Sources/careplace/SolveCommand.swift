import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement

/// `careplace solve`: the weekly plan of a placement coordinator.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Plan the waiting children: who goes where, from when, how far, how long the wait, and why not.",
        discussion: "With no files it plans the bundled demo (Scenarios/nl-demo). Writes assignments.csv and summary.json into --out."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder.")
    var out = "careplace-out"

    @Option(name: .customLong("time-limit"), help: "Stop after this many seconds with the best plan found (status feasible, with its gap).")
    var timeLimit: Double?

    @Flag(help: "Write solveSeconds as 0, so that repeated runs give byte-identical files.")
    var reproducible = false

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) {
            throw ValidationError("--time-limit is \(t); expected a positive number of seconds")
        }
    }

    func run() throws {
        let (placementInput, inputPaths) = try input.read()
        let solver = GLPKSolver()
        let plan: Plan
        do {
            plan = try Planner(solver: solver, parameters: SolveParameters(timeLimit: timeLimit)).plan(placementInput)
        } catch let error as InfeasiblePlanError {
            throw CLIError(message: error.description, exitCode: CLIError.infeasibleCode)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        let report = PlanReport(plan: plan, solverName: solver.name, reproducible: reproducible)
        do {
            try OutputWriter.write(
                [("assignments.csv", report.assignmentsCSV), ("summary.json", report.summaryJSON)],
                into: out, protecting: inputPaths)
        } catch {
            throw CLIError.failure(String(describing: error))
        }
        print(report.text)
        print("written: \(out)/assignments.csv, \(out)/summary.json")
    }
}
