import ArgumentParser
import Foundation
import GLPK
import LinearProgramming
import Placement
import PlacementIO
import PlacementModel
import PlacementScenarios

/// Options shared by `scenario run` and `compare`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override after every change of the files: key=value (repeatable).",
        discussion: "Keys: " + ScenarioResolver.overrideKeys.joined(separator: ", ")))
    var overrides: [String] = []

    @Option(name: .customLong("time-limit"), help: "Stop each plan after this many seconds with the best plan found.")
    var timeLimit: Double?

    @Option(help: "Scenarios planned at the same time (default: the number of cores). Results do not depend on it.")
    var jobs: Int?

    @Flag(help: "Write solveSeconds as 0, so that repeated runs give byte-identical files.")
    var reproducible = false

    func validate() throws {
        if let t = timeLimit, !(t > 0 && t.isFinite) { throw ValidationError("--time-limit is \(t); expected a positive number of seconds") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs is \(j); expected at least 1") }
    }

    /// Every file resolved; all problems of all files reported together (exit 2).
    func resolve(_ files: [String]) throws -> [ResolvedScenario] {
        var resolved: [(file: String, scenario: ResolvedScenario)] = []
        var problems: [String] = []
        for file in files {
            do {
                resolved.append((file, try ScenarioResolver.resolve(file, overrides: overrides)))
            } catch {
                problems.append(error.description)
            }
        }
        // each scenario gets a folder of its own, named after it
        problems += RunFolder.problems(resolved)
        if !problems.isEmpty { throw CLIError.badInput(problems.joined(separator: "\n")) }
        // what was ignored on purpose is said, as solve says it (each once: scenarios often share their inputs)
        var said = Set<String>()
        for warning in resolved.flatMap(\.scenario.input.warnings) where said.insert(warning.description).inserted {
            FileHandle.standardError.write(Data("careplace: warning: \(warning)\n".utf8))
        }
        return resolved.map(\.scenario)
    }

    /// Plans every scenario, in parallel over the cores (GLPK keeps its state
    /// per thread); each plan is the same as planned alone.
    func plan(_ scenarios: [ResolvedScenario]) throws -> [Plan] {
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let planner = Planner(solver: GLPKSolver(), parameters: SolveParameters(timeLimit: timeLimit))
        let results = ScenarioRunner.plan(scenarios.map(\.input), with: planner, jobs: jobs)
        return try zip(scenarios, results).map { scenario, result in
            switch result {
            case .success(let plan): return plan
            case .failure(let error as InfeasiblePlanError):
                throw CLIError(message: "scenario \(scenario.name): \(error.description)", exitCode: CLIError.infeasibleCode)
            case .failure(let error):
                throw CLIError.failure("scenario \(scenario.name): \(error)")
            }
        }
    }
}
